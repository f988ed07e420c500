// Rate limits shared across app instances, on real PostgreSQL: two separate connection pools (two
// "processes") hammering one key at once let exactly `max` attempts through; the window ends on
// time; sign-in links are limited per email and per client address with a 429 + Retry-After.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, setDbHandle, type DbHandle } from "@/lib/db/client";
import { signInRateLimited } from "@/lib/auth/sign-in-limits";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { hitRateLimit, parseLimit } from "./rate-limits";

let h: TestPostgres;
let second: DbHandle;

beforeAll(async () => {
  h = await createTestPostgres(10);
  second = openPostgres(h.url, 10);
  setDbHandle(h);
});
afterAll(async () => {
  setDbHandle(undefined);
  await second.close();
  await h.drop();
});
afterEach(() => {
  delete process.env.PORTICO_LIMIT_SIGNIN_EMAIL;
  delete process.env.PORTICO_LIMIT_SIGNIN_IP;
});

describe("the shared counter", () => {
  it("lets exactly max attempts through when two instances race on one key", async () => {
    const limit = { max: 10, windowSeconds: 600 };
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => hitRateLimit("race:one", limit, { now, client: (i % 2 ? second : h).prisma })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.flatMap((r) => (r.ok ? [] : [r]));
    expect(refused).toHaveLength(110);
    for (const r of refused) expect(r.retryAfterSeconds).toBe(600);
  });

  it("says how long to wait, and opens again when the window ends", async () => {
    const limit = { max: 2, windowSeconds: 60 };
    const t0 = new Date("2026-11-20T10:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect((await hitRateLimit("win:a", limit, { now: t0 })).ok).toBe(true);
    expect((await hitRateLimit("win:a", limit, { now: at(10) })).ok).toBe(true);
    expect(await hitRateLimit("win:a", limit, { now: at(45) })).toMatchObject({ ok: false, retryAfterSeconds: 15 });
    expect(await hitRateLimit("win:a", limit, { now: at(60) })).toMatchObject({ ok: true, remaining: 1 });
    // another key is counted on its own
    expect((await hitRateLimit("win:b", limit, { now: at(45) })).ok).toBe(true);
  });

  it("reads limits as <max>/<seconds>, 0 for off, and refuses anything else", () => {
    expect(parseLimit("5/900")).toEqual({ max: 5, windowSeconds: 900 });
    expect(parseLimit("0")).toBeNull();
    for (const bad of ["5", "-1/60", "1.5/60", "0/60", "5/0", "abc"]) expect(() => parseLimit(bad), bad).toThrow(/<max>\/<seconds>/);
  });
});

const signIn = (email: string, ip: string) =>
  new Request("http://portico.test/api/auth/signin/email", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, csrfToken: "x", callbackUrl: "/", json: "true" }),
  });

describe("sign-in links", () => {
  it("per email address: the 6th link within 15 minutes is refused with 429 and Retry-After, whatever the address or case", async () => {
    for (let i = 0; i < 5; i++) expect(await signInRateLimited(signIn(i % 2 ? "Maya@Pixel.example" : " maya@pixel.example", `10.0.0.${i}`))).toBeNull();
    const res = (await signInRateLimited(signIn("maya@pixel.example", "10.0.0.99")))!;
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(880);
    expect(wait).toBeLessThanOrEqual(900);
    const body = await res.json();
    expect(body.error).toMatchObject({ type: "rate_limited", message: "Too many sign-in links were asked for. Try again in 15 minutes." });
    expect(new URL(body.url).searchParams.get("error")).toBe(`RateLimited_${wait}`);
    // someone else is not affected
    expect(await signInRateLimited(signIn("noah@nimbus.example", "10.0.0.99"))).toBeNull();
  });

  it("per client address: many emails from one address are refused, other addresses are not", async () => {
    process.env.PORTICO_LIMIT_SIGNIN_IP = "8/900";
    for (let i = 0; i < 8; i++) expect(await signInRateLimited(signIn(`u${i}@spray.example`, "203.0.113.7"))).toBeNull();
    expect((await signInRateLimited(signIn("u9@spray.example", "203.0.113.7")))?.status).toBe(429);
    // behind the load balancer the client address is the entry it appended (the rightmost)
    expect((await signInRateLimited(signIn("u10@spray.example", "198.51.100.1, 203.0.113.7")))?.status).toBe(429);
    expect(await signInRateLimited(signIn("u11@spray.example", "198.51.100.2"))).toBeNull();
  });

  it("only the sign-in request is counted; 0 turns a limit off", async () => {
    const other = new Request("http://portico.test/api/auth/callback/email?token=x", { method: "POST" });
    expect(await signInRateLimited(other)).toBeNull();
    process.env.PORTICO_LIMIT_SIGNIN_EMAIL = "0";
    process.env.PORTICO_LIMIT_SIGNIN_IP = "0";
    for (let i = 0; i < 12; i++) expect(await signInRateLimited(signIn("unlimited@x.example", "10.1.1.1"))).toBeNull();
  });
});
