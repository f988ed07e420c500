// A horizontal gauge with its accessible value; `tone` follows how close it is to the limit.
export function Meter({ percent, label, valueText, className = "" }: { percent: number; label: string; valueText: string; className?: string }) {
  const p = Math.max(0, Math.min(100, percent));
  const tone = p >= 100 ? "bg-red-600" : p >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(p)}
      aria-valuetext={valueText}
      className={`h-2.5 w-full overflow-hidden rounded-full bg-slate-200 ${className}`}
    >
      <div className={`h-full rounded-full transition-[width] duration-500 ${tone}`} style={{ width: `${p}%` }} />
    </div>
  );
}
