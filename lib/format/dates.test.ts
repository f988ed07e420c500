import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange, formatDateTime } from "./dates";

describe("dates as a person reads them", () => {
  const d = new Date("2027-01-03T23:30:00Z");
  it("one format for a date, in UTC (billing days are UTC days), in the reader's locale", () => {
    expect(formatDate(d)).toBe("Jan 3, 2027");
    expect(formatDate(d, "de-DE")).toBe("03.01.2027");
    expect(formatDateRange(new Date("2026-12-03T00:00:00Z"), d)).toBe("Dec 3, 2026 – Jan 3, 2027");
  });
  it("a moment says its zone unless the page already does", () => {
    expect(formatDateTime(d)).toBe("Jan 3, 2027, 11:30 PM UTC");
    expect(formatDateTime(d, "en-US", { zone: false })).toBe("Jan 3, 2027, 11:30 PM");
  });
  it("a moment reads in the reader's time zone, named in their language; a date stays the UTC day", () => {
    // 23:30 UTC on Jan 3 is already Jan 4 in Berlin and Tokyo, and still Jan 3 in New York
    expect(formatDateTime(d, "en-US", { timeZone: "Europe/Berlin" })).toBe("Jan 4, 2027, 12:30 AM GMT+1");
    expect(formatDateTime(d, "de-DE", { timeZone: "Europe/Berlin" })).toBe("04.01.2027, 00:30 MEZ");
    expect(formatDateTime(d, "ja-JP", { timeZone: "Asia/Tokyo" })).toBe("2027/01/04 8:30 JST");
    expect(formatDateTime(d, "en-US", { timeZone: "America/New_York", zone: false })).toBe("Jan 3, 2027, 6:30 PM");
    // summer time: the zone's name follows the moment
    expect(formatDateTime(new Date("2027-07-01T12:00:00Z"), "de-DE", { timeZone: "Europe/Berlin" })).toBe("01.07.2027, 14:00 MESZ");
    expect(formatDate(d, "de-DE")).toBe("03.01.2027");
  });
});
