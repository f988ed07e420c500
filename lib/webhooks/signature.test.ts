import { describe, expect, it } from "vitest";
import { sign, verify } from "./signature";

const SECRET = "whsec_test_123";
const BODY = JSON.stringify({ id: "evt_1", type: "balance.low" });
const T = 1_790_000_000;

describe("webhook signatures", () => {
  it("verify what was signed", () => {
    expect(verify(SECRET, BODY, sign(SECRET, BODY, T), T + 10)).toEqual({ ok: true, timestamp: T });
  });
  it("reject a changed body, another secret, or a forged header", () => {
    const header = sign(SECRET, BODY, T);
    expect(verify(SECRET, BODY.replace("low", "high"), header, T)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verify("whsec_other", BODY, header, T)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verify(SECRET, BODY, `t=${T},v1=${"0".repeat(64)}`, T)).toEqual({ ok: false, reason: "bad_signature" });
    // a valid signature with its timestamp moved is no longer valid
    expect(verify(SECRET, BODY, header.replace(`t=${T}`, `t=${T + 1}`), T)).toEqual({ ok: false, reason: "bad_signature" });
  });
  it("reject a replay after the tolerance, and nonsense headers", () => {
    expect(verify(SECRET, BODY, sign(SECRET, BODY, T), T + 301)).toEqual({ ok: false, reason: "too_old" });
    expect(verify(SECRET, BODY, sign(SECRET, BODY, T + 400), T)).toEqual({ ok: false, reason: "from_future" });
    for (const h of [undefined, "", "v1=abc", `t=x,v1=${"a".repeat(64)}`, `t=${T}`]) expect(verify(SECRET, BODY, h, T).ok).toBe(false);
  });
});
