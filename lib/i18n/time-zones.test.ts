import { describe, expect, it } from "vitest";
import { canonicalTimeZone, resolveTimeZone, timeZoneChoices } from "./time-zones";

describe("the time zone times are shown in", () => {
  it("takes the account's zone, else the browser's, else UTC", () => {
    expect(resolveTimeZone({ customerTimeZone: "Asia/Tokyo", browserTimeZone: "Europe/Berlin" })).toBe("Asia/Tokyo");
    expect(resolveTimeZone({ customerTimeZone: null, browserTimeZone: "Europe/Berlin" })).toBe("Europe/Berlin");
    expect(resolveTimeZone({})).toBe("UTC");
  });
  it("ignores a zone Intl does not know (a forged cookie shows UTC, it does not fail the page)", () => {
    expect(resolveTimeZone({ browserTimeZone: "Mars/Olympus_Mons" })).toBe("UTC");
    expect(resolveTimeZone({ customerTimeZone: "x".repeat(100), browserTimeZone: "America/New_York" })).toBe("America/New_York");
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("")).toBeNull();
  });
  it("offers UTC first and then every IANA zone once", () => {
    const choices = timeZoneChoices();
    expect(choices[0]).toBe("UTC");
    expect(choices).toContain("Europe/Berlin");
    expect(choices).toContain("Asia/Tokyo");
    expect(new Set(choices).size).toBe(choices.length);
  });
});
