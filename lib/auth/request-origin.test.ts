import { afterEach, describe, expect, it } from "vitest";
import { isPortalOrigin, linkOriginFor, moveLink, requestOriginOf } from "./request-origin";

const saved = process.env.PORTICO_ALLOWED_HOSTS;
afterEach(() => {
  if (saved === undefined) delete process.env.PORTICO_ALLOWED_HOSTS;
  else process.env.PORTICO_ALLOWED_HOSTS = saved;
});

describe("which address a sign-in link opens", () => {
  it("the portal's own addresses: the configured one, loopback names of a loopback one, the listed hosts", () => {
    expect(isPortalOrigin("http://localhost:3000", "http://localhost:3000")).toBe(true);
    expect(isPortalOrigin("http://127.0.0.1:3000", "http://localhost:3000")).toBe(true);
    expect(isPortalOrigin("http://[::1]:3000", "http://localhost:3000")).toBe(true);
    expect(isPortalOrigin("http://127.0.0.1:4000", "http://localhost:3000")).toBe(false); // another port is another app
    expect(isPortalOrigin("http://billing.acme.example", "https://billing.acme.example")).toBe(false); // never mix schemes
    expect(isPortalOrigin("https://portal.acme.example", "https://billing.acme.example")).toBe(false);
    process.env.PORTICO_ALLOWED_HOSTS = "portal.acme.example, billing.acme.eu";
    expect(isPortalOrigin("https://portal.acme.example", "https://billing.acme.example")).toBe(true);
    expect(isPortalOrigin("https://billing.acme.eu", "https://billing.acme.example")).toBe(true);
  });

  it("a host the client names that is not the portal's gets the configured address, flagged", () => {
    expect(linkOriginFor("http://127.0.0.1:3000", "http://localhost:3000")).toEqual({ origin: "http://127.0.0.1:3000", askedFrom: "http://127.0.0.1:3000", differs: false });
    expect(linkOriginFor("https://evil.example", "https://billing.acme.example")).toEqual({ origin: "https://billing.acme.example", askedFrom: "https://evil.example", differs: true });
    expect(linkOriginFor(null, "https://billing.acme.example")).toEqual({ origin: "https://billing.acme.example", askedFrom: null, differs: false });
  });

  it("reads the asked address from Host or a proxy's forwarded headers", () => {
    expect(requestOriginOf(new Headers({ host: "127.0.0.1:3000" }), "http://127.0.0.1:3000/api/auth/signin/email")).toBe("http://127.0.0.1:3000");
    expect(requestOriginOf(new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "billing.acme.example", "x-forwarded-proto": "https" }))).toBe("https://billing.acme.example");
    expect(requestOriginOf(new Headers({ host: "bad host" }))).toBeNull();
  });

  it("moves a link and its callbackUrl to the chosen address, keeping the token", () => {
    const link = "http://localhost:3000/api/auth/callback/email?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Fusage&token=abc&email=a%40b.example";
    const moved = new URL(moveLink(link, "http://127.0.0.1:3000"));
    expect(moved.origin).toBe("http://127.0.0.1:3000");
    expect(moved.searchParams.get("callbackUrl")).toBe("http://127.0.0.1:3000/usage");
    expect(moved.searchParams.get("token")).toBe("abc");
    expect(moveLink(link, "http://localhost:3000")).toBe(link);
  });
});
