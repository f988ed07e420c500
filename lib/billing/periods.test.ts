import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsClamped, periodAt, periodByIndex, utcDay, utcDayKey } from "./periods";

const d = (s: string) => new Date(s);

describe("periods from the anchor, in UTC", () => {
  it.each([
    ["2026-01-31T10:00:00Z", 1, "2026-02-28T10:00:00.000Z"],
    ["2028-01-31T10:00:00Z", 1, "2028-02-29T10:00:00.000Z"], // leap year
    ["2026-01-31T10:00:00Z", 2, "2026-03-31T10:00:00.000Z"], // back to the 31st, no drift
    ["2026-12-15T00:00:00Z", 1, "2027-01-15T00:00:00.000Z"],
    ["2026-03-31T23:30:00Z", -1, "2026-02-28T23:30:00.000Z"],
  ])("%s + %s months = %s", (anchor, months, expected) => {
    expect(addMonthsClamped(d(anchor), months).toISOString()).toBe(expected);
  });

  it("finds the period containing an instant, start inclusive and end exclusive", () => {
    const anchor = d("2026-01-31T10:00:00Z");
    expect(periodAt(anchor, 1, d("2026-02-28T09:59:59.999Z"))).toMatchObject({ index: 0 });
    expect(periodAt(anchor, 1, d("2026-02-28T10:00:00Z"))).toMatchObject({ index: 1, start: d("2026-02-28T10:00:00Z"), end: d("2026-03-31T10:00:00Z") });
    expect(periodAt(anchor, 1, d("2025-12-31T10:00:00Z"))).toMatchObject({ index: -1 });
    expect(periodAt(anchor, 1, d("2027-01-31T10:00:00Z"))).toMatchObject({ index: 12 });
  });

  it("periods tile time without gaps or overlaps", () => {
    const anchor = d("2024-01-31T00:00:00Z");
    for (let i = 0; i < 60; i++) expect(periodByIndex(anchor, 1, i).end).toEqual(periodByIndex(anchor, 1, i + 1).start);
  });

  it("the UTC day does not depend on the machine's time zone", () => {
    expect(utcDay(d("2026-11-01T23:59:59-05:00")).toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });
});

describe("periods do not depend on the machine's time zone", () => {
  it.each(["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati"])("TZ=%s", (tz) => {
    const saved = process.env.TZ;
    process.env.TZ = tz;
    try {
      const anchor = new Date("2026-01-31T23:30:00Z");
      expect(periodAt(anchor, 1, new Date("2026-03-01T00:00:00Z"))).toMatchObject({
        index: 1,
        start: new Date("2026-02-28T23:30:00Z"),
        end: new Date("2026-03-31T23:30:00Z"),
      });
      expect(utcDay(new Date("2026-11-01T23:59:59Z")).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe("utcDayKey", () => {
  it("is the UTC calendar day of any instant", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1970-01-02T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }), (d) => {
        expect(utcDayKey(d)).toBe(utcDay(d).toISOString().slice(0, 10));
      }),
    );
  });
});
