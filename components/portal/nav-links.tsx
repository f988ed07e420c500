"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { NavItem } from "./nav";

export function NavLinks({ items }: { items: NavItem[] }) {
  const path = usePathname();
  const t = useTranslations("nav");
  return (
    <ul className="-mb-px flex flex-wrap gap-x-1 text-sm">
      {items.map((n) => {
        const current = n.href === "/" ? path === "/" : path === n.href || path.startsWith(`${n.href}/`);
        return (
          <li key={n.href} className="shrink-0">
            <Link
              href={n.href}
              aria-current={current ? "page" : undefined}
              className={`inline-block border-b-2 px-3 py-2.5 ${current ? "border-brand-600 font-medium text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t(n.label)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
