"use client";
// Recharts wrappers for the usage page. They take plain series (numbers for the bars' geometry,
// preformatted text for what people read) and know nothing about billing.
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; name: string };
export type DayPoint = { label: string; values: Record<string, number>; totalText: string };
export type ActionPoint = { name: string; value: number; costText: string };

const COLORS = ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#0284c7", "#65a30d"];

const compact = (n: number) => new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);

export function UsageByDayChart({ points, series, unit }: { points: DayPoint[]; series: Series[]; unit: string }) {
  const data = points.map((p) => ({ label: p.label, totalText: p.totalText, ...p.values }));
  return (
    <div className="h-72 w-full" data-testid="chart-by-day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={{ fontSize: 12, fill: "#475569" }} tickFormatter={compact} width={48} label={{ value: unit, angle: -90, position: "insideLeft", fontSize: 12, fill: "#475569" }} />
          <Tooltip formatter={(v) => compact(Number(v))} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="usage" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function UsageByActionChart({ points }: { points: ActionPoint[] }) {
  const t = useTranslations("charts");
  return (
    <div className="w-full" style={{ height: Math.max(120, points.length * 56) }} data-testid="chart-by-action">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" tick={{ fontSize: 12, fill: "#475569" }} tickFormatter={compact} />
          <YAxis type="category" dataKey="name" width={140} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip formatter={(_v, _n, item) => (item?.payload as ActionPoint | undefined)?.costText ?? ""} />
          <Bar dataKey="value" name={t("usage")} fill="#4f46e5" isAnimationActive={false} radius={[0, 4, 4, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export default function UsageCharts(props: { byDay: DayPoint[]; series: Series[]; byAction: ActionPoint[]; unit: string }) {
  const t = useTranslations("charts");
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <figure className="rounded-lg border bg-white p-4 shadow-sm lg:col-span-2">
        <figcaption className="mb-2 text-sm font-semibold text-slate-700">{t("byDay")}</figcaption>
        <UsageByDayChart points={props.byDay} series={props.series} unit={props.unit} />
      </figure>
      <figure className="rounded-lg border bg-white p-4 shadow-sm">
        <figcaption className="mb-2 text-sm font-semibold text-slate-700">{t("byAction")}</figcaption>
        <UsageByActionChart points={props.byAction} />
      </figure>
    </div>
  );
}
