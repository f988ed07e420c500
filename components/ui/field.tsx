import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled input with its hint and error, wired for screen readers. */
export function Field({ id, label, hint, error, prefix, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; hint?: ReactNode; error?: string | null; prefix?: string }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1 flex items-center rounded-md border border-slate-300 bg-white shadow-sm focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600">
        {prefix && <span className="pl-3 text-slate-500">{prefix}</span>}
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} className="block w-full min-w-0 rounded-md bg-transparent px-3 py-2 text-base outline-none" {...input} />
      </div>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
