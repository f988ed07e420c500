// The overview's cards per consumption model, rendered on the server from the overview's
// numbers (lib/services/portal/overview.ts). The browser keeps them live through <LiveRefresh>.
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Callout } from "@/components/ui/callout";
import { Card } from "@/components/ui/card";
import { LinkButton } from "@/components/ui/link-button";
import { Meter } from "@/components/ui/meter";
import type { OverviewData } from "@/lib/services/portal";

const STATUS_TONE: Record<string, BadgeTone> = { active: "green", past_due: "amber", suspended: "red", canceled: "slate" };

function Big({ children, ...rest }: { children: React.ReactNode; "data-testid"?: string }) {
  return (
    <p className="tabular text-3xl font-semibold tracking-tight" {...rest}>
      {children}
    </p>
  );
}

export function OverviewCards({ data }: { data: OverviewData }) {
  const { plan, subscription: sub } = data;
  return (
    <div className="space-y-6">
      <Card>
        {plan && sub ? (
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <div>
              <dt className="text-sm text-slate-600">Plan</dt>
              <dd className="text-lg font-semibold" data-testid="plan-name">
                {plan.name}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Status</dt>
              <dd>
                <Badge tone={STATUS_TONE[sub.status] ?? "slate"} data-testid="plan-status">
                  {sub.statusLabel}
                </Badge>
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{sub.cancelAtPeriodEnd ? "Ends on" : "Renews on"}</dt>
              <dd className="font-medium" data-testid="renewal-date">
                {sub.periodEndText}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{plan.spentLabel}</dt>
              <dd className="tabular font-medium" data-testid="spent-this-period">
                {data.spentThisPeriod?.formatted ?? "—"}
              </dd>
            </div>
          </dl>
        ) : (
          <p>This account has no active plan. Ask the service you use to start one.</p>
        )}
      </Card>

      {data.forecast && (
        <Callout
          tone={data.forecast.tone === "ok" ? "ok" : data.forecast.tone}
          title="Runway forecast"
          data-testid="forecast"
          action={data.forecast.action ? <LinkButton href={data.forecast.action.href}>{data.forecast.action.label}</LinkButton> : undefined}
        >
          {data.forecast.text}
        </Callout>
      )}

      {data.metered && <MeteredCards m={data.metered} periodEnd={sub?.periodEndText ?? ""} />}
      {data.credits && data.usable && <CreditsCards c={data.credits} usable={data.usable} />}
      {data.balance && data.usable && (
        <section aria-labelledby="balance-heading" className="grid gap-4 sm:grid-cols-2">
          <h2 id="balance-heading" className="sr-only">
            Your balance
          </h2>
          <Card title="Balance left">
            <Big data-testid="balance-balance">{data.balance.left.formatted}</Big>
            {data.usable.held.amount !== "0" && <p className="mt-1 text-sm text-slate-600">{data.usable.held.formatted} reserved for work in progress</p>}
            {data.balance.grant && <p className="mt-2 text-sm text-slate-600">{data.balance.grant.formatted} is added at each renewal.</p>}
          </Card>
          <Card title="Spent this period">
            <Big data-testid="balance-spent">{data.spentThisPeriod?.formatted}</Big>
            <p className="mt-2 text-sm text-slate-600">
              Since {sub?.periodStartText}. <Link className="underline" href="/usage">See where it went</Link>
            </p>
          </Card>
        </section>
      )}

    </div>
  );
}

function MeteredCards({ m, periodEnd }: { m: NonNullable<OverviewData["metered"]>; periodEnd: string }) {
  return (
    <section aria-labelledby="meter-heading" className="grid gap-4 md:grid-cols-2">
      <h2 id="meter-heading" className="sr-only">
        Your usage
      </h2>
      <Card title="Included API calls">
        <Big data-testid="included-left">{m.left.formatted}</Big>
        <p className="mb-3 text-sm text-slate-600">left of {m.granted.formatted}</p>
        <Meter shows="left" percent={100 - m.usedPercent} label="Included API calls left" valueText={`${m.left.formatted} left of ${m.granted.formatted}`} />
        <p className="mt-2 text-sm text-slate-700">
          <span data-testid="included-used">{m.used.formatted}</span> used · resets on {periodEnd}
        </p>
      </Card>
      <Card title="Overage so far">
        <Big data-testid="overage-cost">{m.overageCost.formatted}</Big>
        <p className="text-sm text-slate-600">
          <span data-testid="overage-units">{m.overageUnits.formatted}</span> over the included amount, at {m.unitPrice.formatted} each, billed at the end of the period
        </p>
        {m.cap ? (
          <div className="mt-3">
            <Meter percent={m.capUsedPercent ?? 0} label="Overage against your spending cap" valueText={`${m.overageCost.formatted} of ${m.cap.formatted}`} />
            <p className="mt-2 text-sm text-slate-700" data-testid="spending-cap">
              {m.capReached ? (
                <strong className="text-red-800">Spending cap of {m.cap.formatted} reached: calls are refused until the period renews.</strong>
              ) : (
                <>Spending cap: {m.cap.formatted} this period. </>
              )}{" "}
              <Link className="underline" href="/settings#spending-cap">
                Change
              </Link>
            </p>
          </div>
        ) : m.policy === "overage" ? (
          <p className="mt-3 text-sm text-slate-700" data-testid="spending-cap">
            No spending cap.{" "}
            <Link className="underline" href="/settings#spending-cap">
              Set one
            </Link>{" "}
            to stop overage at an amount you choose.
          </p>
        ) : null}
      </Card>
    </section>
  );
}

function CreditsCards({ c, usable }: { c: NonNullable<OverviewData["credits"]>; usable: NonNullable<OverviewData["usable"]> }) {
  return (
    <section aria-labelledby="credits-heading" className="space-y-4">
      <h2 id="credits-heading" className="sr-only">
        Your credits
      </h2>
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Total usable credits">
          <Big data-testid="usable-total">{usable.formatted}</Big>
          {usable.held.amount !== "0" && <p className="mt-1 text-sm text-slate-600">{usable.held.formatted} reserved for work in progress</p>}
          <p className="mt-2 text-sm text-slate-600">{c.order}</p>
        </Card>
        <Card title="Plan credits">
          {c.plan ? (
            <>
              <Big data-testid="balance-plan_credits">{c.plan.left.formatted}</Big>
              <p className="mb-3 text-sm text-slate-600">left of {c.plan.granted.formatted} · spent first</p>
              <Meter shows="left" percent={100 - c.plan.usedPercent} label="Plan credits left" valueText={`${c.plan.left.formatted} left of ${c.plan.granted.formatted}`} />
              <p className="mt-2 text-sm text-slate-700">Reset on {c.plan.resetsText}; unused plan credits expire then.</p>
            </>
          ) : (
            <p className="text-sm text-slate-600">No plan credits this period.</p>
          )}
        </Card>
        <Card title="Purchased credits" action={<Link className="text-sm font-medium text-brand-700 underline" href="/credits">Buy credits</Link>}>
          <Big data-testid="purchased-total">{c.purchased.total.formatted}</Big>
          {c.purchased.lots.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">None yet. Packs you buy are spent after your plan credits.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm text-slate-700" data-testid="purchased-lots">
              {c.purchased.lots.map((l) => (
                <li key={l.id} className="flex justify-between gap-2">
                  <span className="tabular">{l.left.formatted}</span>
                  <span className="text-slate-600">{l.expiresText ? `expire on ${l.expiresText}` : "never expire"}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </section>
  );
}
