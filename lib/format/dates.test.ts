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
});
