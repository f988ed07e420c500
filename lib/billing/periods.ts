// Billing periods, in UTC, from the subscription's anchor (DESIGN §7). Month arithmetic clamps
// to the end of shorter months and always counts from the anchor, so an anchor on Jan 31 gives
// Feb 28 (or 29), then Mar 31 — never drifting to the 28th.

export type Period = { index: number; start: Date; end: Date };

function daysInMonthUtc(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function addMonthsClamped(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonthUtc(year, month));
  return new Date(
    Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()),
  );
}

export function periodByIndex(anchor: Date, intervalMonths: number, index: number): Period {
  return {
    index,
    start: addMonthsClamped(anchor, index * intervalMonths),
    end: addMonthsClamped(anchor, (index + 1) * intervalMonths),
  };
}

/** The period containing `at` (start inclusive, end exclusive). */
export function periodAt(anchor: Date, intervalMonths: number, at: Date): Period {
  const months =
    (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  let index = Math.floor(months / intervalMonths);
  // The estimate is off by at most one either way (day of month, time of day, clamping).
  for (let guard = 0; guard < 4; guard++) {
    const p = periodByIndex(anchor, intervalMonths, index);
    if (at.getTime() < p.start.getTime()) index--;
    else if (at.getTime() >= p.end.getTime()) index++;
    else return p;
  }
  return periodByIndex(anchor, intervalMonths, index);
}

/** UTC calendar day of an instant, as a Date at midnight UTC. */
export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

/** "2026-11-21": the UTC day of an instant, as the aggregates key it. */
export function utcDayKey(at: Date): string {
  const day = Math.floor(at.getTime() / 86_400_000);
  let key = dayKeys.get(day);
  if (key === undefined) {
    key = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayKeys.size > 10_000) dayKeys.clear();
    dayKeys.set(day, key);
  }
  return key;
}
const dayKeys = new Map<number, string>();
