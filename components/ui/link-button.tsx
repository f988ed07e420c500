import Link from "next/link";
import type { ComponentProps } from "react";

const styles = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
} as const;

export function LinkButton({ variant = "primary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof styles }) {
  return (
    <Link
      className={`inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-medium transition-colors ${styles[variant]} ${className}`}
      {...props}
    />
  );
}
