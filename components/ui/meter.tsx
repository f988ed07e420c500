// A horizontal gauge with its accessible value. `shows` says what the bar is: "left" (it shrinks
// as it is spent, like the headline above it) or "used" (it grows toward a limit). The tone warns
// as the limit nears either way.
export function Meter({ percent, label, valueText, shows = "used", className = "" }: { percent: number; label: string; valueText: string; shows?: "left" | "used"; className?: string }) {
  const p = Math.max(0, Math.min(100, percent));
  const used = shows === "left" ? 100 - p : p;
  const tone = used >= 100 ? "bg-red-600" : used >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(p)}
      aria-valuetext={valueText}
      data-shows={shows}
      className={`h-2.5 w-full overflow-hidden rounded-full bg-slate-200 ${className}`}
    >
      <div className={`h-full rounded-full transition-[width] duration-500 ${tone}`} style={{ width: `${p}%` }} />
    </div>
  );
}
