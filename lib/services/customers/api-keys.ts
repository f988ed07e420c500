import "server-only";
// Merchant API secret keys (DESIGN §8, §10): shown once at creation, stored only as a SHA-256
// hash with a short display prefix. A key is 32 random base32 characters after its prefix
// (160 bits), so a hash lookup is all authentication needs — no slow KDF, no timing oracle.
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/tx";
import { newId, randomToken } from "@/lib/ids";
import { ServiceError } from "../shared/errors";

const KEY_PREFIX_TEST = "sk_test_";
const KEY_PREFIX_LIVE = "sk_live_";
/** How much of the key is kept for display ("sk_test_4f2a…"). */
const DISPLAY_CHARS = 12;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A new secret: `sk_live_…` in production, `sk_test_…` everywhere else. */
function generateSecretKey(mode: "test" | "live" = process.env.PORTICO_ENV === "production" ? "live" : "test"): string {
  return `${mode === "live" ? KEY_PREFIX_LIVE : KEY_PREFIX_TEST}${randomToken(20)}`;
}

type CreatedApiKey = { id: string; merchantId: string; name: string; prefix: string; secret: string; createdAt: Date };

/** Create a key for a merchant. The plaintext is in the result and nowhere else, ever. */
export async function createApiKey(tx: Tx, args: { merchantId: string; name: string; mode?: "test" | "live" }): Promise<CreatedApiKey> {
  const name = args.name.trim();
  if (name.length === 0 || name.length > 100) throw new ServiceError("invalid_input", "A key needs a name of 1–100 characters.", "name");
  const merchant = await tx.merchant.findUnique({ where: { id: args.merchantId }, select: { id: true } });
  if (!merchant) throw new ServiceError("not_found", `No merchant ${args.merchantId}.`, "merchant");
  const secret = generateSecretKey(args.mode);
  const row = await tx.apiKey.create({
    data: { id: newId("key"), merchantId: args.merchantId, name, prefix: secret.slice(0, DISPLAY_CHARS), hash: hashSecret(secret) },
  });
  return { id: row.id, merchantId: row.merchantId, name: row.name, prefix: row.prefix, secret, createdAt: row.createdAt };
}

export async function revokeApiKey(tx: Tx, args: { merchantId: string; keyId: string; now: Date }): Promise<boolean> {
  const r = await tx.apiKey.updateMany({ where: { id: args.keyId, merchantId: args.merchantId, revokedAt: null }, data: { revokedAt: args.now } });
  return r.count > 0;
}
