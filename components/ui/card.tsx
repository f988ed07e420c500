import type { ReactNode } from "react";

export function Card({ title, action, children, className = "" }: { title?: ReactNode; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border bg-white p-5 shadow-sm ${className}`}>
      {(title || action) && (
        <header className="mb-3 flex items-start justify-between gap-3">
          {title && <h2 className="text-sm font-semibold text-slate-600">{title}</h2>}
          {action}
        </header>
      )}
      {children}
    </section>
  );
}
