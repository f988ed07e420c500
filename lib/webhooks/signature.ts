// Signing Portico's outbound webhooks, and verifying them (for merchants and tests):
//   Portico-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// The timestamp is signed with the body, so an old delivery replayed later fails the tolerance
// check; receivers dedupe on the event id (Portico-Event-Id, also "id" in the body), because a
// delivery may arrive more than once.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "portico-signature";
export const EVENT_ID_HEADER = "portico-event-id";
const DEFAULT_TOLERANCE_SECONDS = 300;

export function sign(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}

type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "bad_signature" | "too_old" | "from_future" };

export function verify(secret: string, body: string, header: string | null | undefined, nowSeconds: number, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): VerifyResult {
  if (!header) return { ok: false, reason: "malformed" };
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  const v1 = parts.v1;
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  if (nowSeconds - t > toleranceSeconds) return { ok: false, reason: "too_old" };
  if (t - nowSeconds > toleranceSeconds) return { ok: false, reason: "from_future" };
  return { ok: true, timestamp: t };
}
