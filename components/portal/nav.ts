// The portal's sections. An entry with `models` shows only for plans of those consumption models.
import type { ConsumptionModel } from "@/lib/billing/plans";

/** `label` is the key of its name in the "nav" messages. */
export type NavItem = { href: string; label: string; models?: ConsumptionModel[] };

const NAV: NavItem[] = [
  { href: "/", label: "overview" },
  { href: "/usage", label: "usage" },
  { href: "/activity", label: "activity" },
  { href: "/credits", label: "credits", models: ["credits"] },
  { href: "/funds", label: "funds", models: ["balance"] },
  { href: "/plan", label: "plan" },
  { href: "/invoices", label: "invoices" },
  { href: "/billing", label: "billing" },
  { href: "/settings", label: "settings" },
];

export function navFor(model: ConsumptionModel | null): NavItem[] {
  return NAV.filter((n) => !n.models || (model !== null && n.models.includes(model)));
}
