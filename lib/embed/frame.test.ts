// Who may frame the portal: nobody by default; with a signed portal link, the merchant's origins —
// and a link whose origins were changed, or that names something other than an origin, frames
// for nobody.
import { describe, expect, it } from "vitest";
import { cleanOrigins, frameHeaders, readFrameOrigins, signFrameOrigins } from "./frame";

const SECRET = "test-secret-0123456789";

describe("framing the portal", () => {
  it("by default no page may be framed", () => {
    expect(frameHeaders(null)).toEqual({ "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" });
    expect(frameHeaders([])).toEqual(frameHeaders(null));
  });

  it("a signed list frames for exactly those origins", async () => {
    const param = await signFrameOrigins(["https://app.acme.example", "http://localhost:3300/"], SECRET);
    const origins = await readFrameOrigins(param, SECRET);
    expect(origins).toEqual(["https://app.acme.example", "http://localhost:3300"]);
    expect(frameHeaders(origins)).toEqual({ "Content-Security-Policy": "frame-ancestors 'self' https://app.acme.example http://localhost:3300" });
  });

  it("a list changed after signing, signed with another secret, or missing, frames for nobody", async () => {
    const param = await signFrameOrigins(["https://app.acme.example"], SECRET);
    const [, sig] = param.split(".");
    const forged = `${Buffer.from(JSON.stringify(["https://evil.example"])).toString("base64url")}.${sig}`;
    expect(await readFrameOrigins(forged, SECRET)).toBeNull();
    expect(await readFrameOrigins(param, "another-secret")).toBeNull();
    expect(await readFrameOrigins(null, SECRET)).toBeNull();
    expect(await readFrameOrigins("garbage", SECRET)).toBeNull();
  });

  it("only plain http(s) origins reach the header", () => {
    expect(cleanOrigins(["https://a.example", "https://a.example/path", "javascript:alert(1)", "https://b.example; script-src *", 42, "*"])).toEqual(["https://a.example"]);
  });
});
