// The runway forecast (DESIGN §9 overview): at the customer's last-7-days rate, when do the
// included units / credits / balance run out, and what should they do about it. Pure: the
// caller passes the daily usage, what is left and the clock.
import { isCurrency, type AssetCode } from "@/lib/ledger/assets";
import { centsToMicros, divRoundHalfEven, formatMoney, USD_MICROS_PER_CENT } from "./money";
import { formatDate } from "@/lib/format/dates";
import { depletion } from "./depletion";
import { rulesFor } from "./models";
import type { DailyCost, ForecastInput, Suggestion } from "./terms";
import { billingWords } from "./words";

export type { DailyCost, ForecastInput, Suggestion };

const DAY_MS = 86_400_000;
export const FORECAST_WINDOW_DAYS = 7;

export type Forecast = {
  /** Usage over the window and the window's length: the rate, kept as a fraction (no floats). */
  windowCost: bigint;
  windowMs: number;
  /** Average cost per day at that rate, rounded down (for display). */
  perDay: bigint;
  /** When `remaining` reaches zero at this rate; null when there was no usage. */
  runsOutAt: Date | null;
  /** True when it runs out before the period ends (or has already). */
  withinPeriod: boolean;
  /** Metered with overage and a cap: when overage reaches the cap. */
  capReachedAt: Date | null;
  suggestion: Suggestion;
};

/** Usage cost in the last-7-days window: the full UTC days before today and today so far. */
export function forecastWindow(now: Date, since: Date): { start: Date; ms: number } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = Math.max(today - FORECAST_WINDOW_DAYS * DAY_MS, since.getTime());
  // At least a day, so an hour-old account is not extrapolated from a few minutes.
  const ms = Math.max(now.getTime() - start, DAY_MS);
  return { start: new Date(start), ms };
}

export function forecast(input: ForecastInput): Forecast {
  const { now, periodEnd } = input;
  const window = forecastWindow(now, input.since);
  const startDay = Date.UTC(window.start.getUTCFullYear(), window.start.getUTCMonth(), window.start.getUTCDate());
  const windowCost = input.daily
    .filter((d) => d.day.getTime() >= startDay && d.day.getTime() <= now.getTime())
    .reduce((s, d) => s + d.cost, 0n);
  const perDay = (windowCost * BigInt(DAY_MS)) / BigInt(window.ms);
  const runsOutAt = depletion(now, input.remaining, windowCost, window.ms);
  const withinPeriod = runsOutAt !== null && runsOutAt.getTime() < periodEnd.getTime();

  const { capReachedAt, suggestion } = rulesFor(input.model).forecastOutlook({ input, runsOutAt, withinPeriod, windowCost, windowMs: window.ms, periodEnd });
  return { windowCost, windowMs: window.ms, perDay, runsOutAt, withinPeriod, capReachedAt, suggestion };
}

const SUGGESTION_HREFS: Record<Exclude<Suggestion, "none">, string> = {
  buy_pack: "/credits",
  add_funds: "/funds",
  raise_cap: "/settings#spending-cap",
  set_cap: "/settings#spending-cap",
  upgrade: "/plan",
};

/** What the forecast suggests, as a link: "Buy a credit pack" → /credits, in the reader's language. */
export function suggestionLink(suggestion: Exclude<Suggestion, "none">, locale = "en-US"): { label: string; href: string } {
  return { label: billingWords(locale)(`forecast.suggestion.${suggestion}`), href: SUGGESTION_HREFS[suggestion] };
}

/** The suggestions' links in English (suggestionLink names the language). */
export const SUGGESTION_LINKS = Object.fromEntries((Object.keys(SUGGESTION_HREFS) as Exclude<Suggestion, "none">[]).map((s) => [s, suggestionLink(s)])) as Record<
  Exclude<Suggestion, "none">,
  { label: string; href: string }
>;

/** A rate rounded for reading: whole credits (tenths below 10), cents, whole units. */
function roughly(amount: bigint, asset: AssetCode): bigint {
  if (asset === "CREDIT") return amount >= 10_000n ? divRoundHalfEven(amount, 1_000n) * 1_000n : divRoundHalfEven(amount, 100n) * 100n;
  if (isCurrency(asset)) return centsToMicros(divRoundHalfEven(amount, USD_MICROS_PER_CENT));
  return amount;
}

/** The forecast in plain words, for the overview, in the reader's language. */
export function describeForecast(f: Forecast, input: Pick<ForecastInput, "model" | "asset" | "now" | "overage">, locale = "en-US"): string {
  const t = billingWords(locale);
  const date = (d: Date) => formatDate(d, locale);
  const usedUp = f.runsOutAt !== null && f.runsOutAt.getTime() <= input.now.getTime();
  if (!usedUp && f.windowCost === 0n) return t("forecast.noUsage");
  const state = usedUp ? "used_up" : !f.runsOutAt || !f.withinPeriod ? "lasts" : "runs_out";
  return rulesFor(input.model).forecastWords({
    t,
    state,
    rate: formatMoney({ amount: roughly(f.perDay, input.asset), asset: input.asset }, { locale }),
    runsOutText: f.runsOutAt ? date(f.runsOutAt) : "",
    capReachedAt: f.capReachedAt,
    suggestion: f.suggestion,
    input,
    date,
  });
}
