import type { ReactNode } from "react";

const tones = {
  info: "border-brand-100 bg-brand-50 text-brand-800",
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
} as const;

type CalloutTone = keyof typeof tones;

export function Callout({ tone = "info", title, children, action, ...rest }: { tone?: CalloutTone; title?: ReactNode; children?: ReactNode; action?: ReactNode; "data-testid"?: string }) {
  return (
    <div className={`flex flex-col gap-3 rounded-lg border p-4 sm:flex-row sm:items-start sm:justify-between ${tones[tone]}`} {...rest}>
      <div className="min-w-0 text-sm">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? "mt-1" : ""}>{children}</div>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
