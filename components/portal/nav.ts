// The portal's sections. An entry with `models` shows only for plans of those consumption models.
import type { ConsumptionModel } from "@/lib/billing/plans";

export type NavItem = { href: string; label: string; models?: ConsumptionModel[] };

const NAV: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/usage", label: "Usage" },
  { href: "/activity", label: "Activity" },
  { href: "/credits", label: "Buy credits", models: ["credits"] },
  { href: "/funds", label: "Add funds", models: ["balance"] },
  { href: "/plan", label: "Plan" },
  { href: "/invoices", label: "Invoices" },
  { href: "/billing", label: "Billing" },
  { href: "/settings", label: "Settings" },
];

export function navFor(model: ConsumptionModel | null): NavItem[] {
  return NAV.filter((n) => !n.models || (model !== null && n.models.includes(model)));
}
