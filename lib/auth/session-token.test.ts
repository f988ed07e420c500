// The session cookie decrypted once per token: the same claims as next-auth's own decode, never for
// a token next-auth would refuse (tampered, foreign, expired), and a re-issued cookie is read anew.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, SESSION_TOKEN_TTL_MS } from "./session-token";

const secret = "session-token-test-secret-0123456789";

describe("decodeSessionToken", () => {
  it("reads the session's claims, the same on every request, and a re-issued cookie at once", async () => {
    const token = await encode({ token: { sub: "usr_1", customerId: "cus_a" }, secret });
    expect(await decodeSessionToken({ token, secret })).toMatchObject({ sub: "usr_1", customerId: "cus_a" });
    expect(await decodeSessionToken({ token, secret })).toMatchObject({ sub: "usr_1", customerId: "cus_a" });
    // another account chosen (lib/auth/session-cookie.ts re-issues the cookie): the new one counts
    const switched = await encode({ token: { sub: "usr_1", customerId: "cus_b" }, secret });
    expect(await decodeSessionToken({ token: switched, secret })).toMatchObject({ customerId: "cus_b" });
    // long after the short memory of the first read, it is decoded again: still the same claims
    expect(await decodeSessionToken({ token, secret }, Date.now() + SESSION_TOKEN_TTL_MS + 1)).toMatchObject({ customerId: "cus_a" });
  });

  it("no session for a signed-out request, a tampered or foreign cookie, or an expired one", async () => {
    const token = await encode({ token: { sub: "usr_1", customerId: "cus_a" }, secret });
    expect(await decodeSessionToken({ token, secret })).not.toBeNull();
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
    expect(await decodeSessionToken({ token: `${token.slice(0, -4)}AAAA`, secret })).toBeNull();
    // a cookie read before under the right secret is not honoured under another one
    expect(await decodeSessionToken({ token, secret: "another-secret-0123456789abcdef" })).toBeNull();
    // expired a minute ago (past next-auth's 15 s tolerance)
    const expired = await encode({ token: { sub: "usr_1", customerId: "cus_a" }, secret, maxAge: -60 });
    expect(await decodeSessionToken({ token: expired, secret })).toBeNull();
  });
});
