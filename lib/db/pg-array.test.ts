import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { createTestPglite } from "@/test/support/pglite";
import { pgArray } from "./pg-array";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestPglite();
});
afterAll(async () => h.close());

describe("pgArray", () => {
  it("round-trips any text through PostgreSQL, quotes, backslashes, braces and all", async () => {
    const texts = ['plain', 'with "quotes"', "back\\slash", "{braces}", "a,b", "NULL", "", " spaced ", "ünïcödé ✓", "new\nline", "tab\there"];
    const rows = await h.prisma.$queryRawUnsafe<{ v: string | null }[]>(`SELECT unnest($1::text[]) AS v`, pgArray([...texts, null]));
    expect(rows.map((r) => r.v)).toEqual([...texts, null]);
  });

  it("carries bigints beyond 2^53 exactly, and dates to the millisecond", async () => {
    const big = [2n ** 63n - 1n, 1n, 0n, 9_007_199_254_740_993n];
    const rows = await h.prisma.$queryRawUnsafe<{ v: string }[]>(`SELECT unnest($1::bigint[])::text AS v`, pgArray(big));
    expect(rows.map((r) => BigInt(r.v))).toEqual(big);
    const when = new Date("2026-11-21T10:00:00.123Z");
    const [d] = await h.prisma.$queryRawUnsafe<{ v: Date }[]>(`SELECT (unnest($1::timestamptz[])) AS v`, pgArray([when]));
    expect(new Date(d!.v).getTime()).toBe(when.getTime());
  });

  it("refuses numbers that are not finite", () => {
    expect(() => pgArray([Number.NaN])).toThrow(RangeError);
  });
});
