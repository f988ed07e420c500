// The overview's cards per consumption model, rendered on the server from the overview's
// numbers (lib/services/portal/overview.ts). The browser keeps them live through <LiveRefresh>.
import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("overview");
  const { plan, subscription: sub } = data;
  return (
    <div className="space-y-6">
      <Card>
        {plan && sub ? (
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <div>
              <dt className="text-sm text-slate-600">{t("plan")}</dt>
              <dd className="text-lg font-semibold" data-testid="plan-name">
                {plan.name}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("status")}</dt>
              <dd>
                <Badge tone={STATUS_TONE[sub.status] ?? "slate"} data-testid="plan-status">
                  {sub.statusLabel}
                </Badge>
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{sub.cancelAtPeriodEnd ? t("endsOn") : t("renewsOn")}</dt>
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
          <p>{t("noPlan")}</p>
        )}
      </Card>

      {data.forecast && (
        <Callout
          tone={data.forecast.tone === "ok" ? "ok" : data.forecast.tone}
          title={t("forecastTitle")}
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
            {t("yourBalance")}
          </h2>
          <Card title={t("balanceLeft")}>
            <Big data-testid="balance-balance">{data.balance.left.formatted}</Big>
            {data.usable.held.amount !== "0" && <p className="mt-1 text-sm text-slate-600">{t("reserved", { amount: data.usable.held.formatted })}</p>}
            {data.balance.grant && <p className="mt-2 text-sm text-slate-600">{t("grantEachRenewal", { amount: data.balance.grant.formatted })}</p>}
          </Card>
          <Card title={t("spentThisPeriod")}>
            <Big data-testid="balance-spent">{data.spentThisPeriod?.formatted}</Big>
            <p className="mt-2 text-sm text-slate-600">
              {t.rich("since", { date: sub?.periodStartText ?? "", link: (chunks) => <Link className="underline" href="/usage">{chunks}</Link> })}
            </p>
          </Card>
        </section>
      )}

    </div>
  );
}

function MeteredCards({ m, periodEnd }: { m: NonNullable<OverviewData["metered"]>; periodEnd: string }) {
  const t = useTranslations("overview");
  return (
    <section aria-labelledby="meter-heading" className="grid gap-4 md:grid-cols-2">
      <h2 id="meter-heading" className="sr-only">
        {t("yourUsage")}
      </h2>
      <Card title={t("includedCalls")}>
        <Big data-testid="included-left">{m.left.formatted}</Big>
        <p className="mb-3 text-sm text-slate-600">{t("leftOf", { total: m.granted.formatted })}</p>
        <Meter shows="left" percent={100 - m.usedPercent} label={t("includedCallsLeft")} valueText={t("leftOfValue", { left: m.left.formatted, total: m.granted.formatted })} />
        <p className="mt-2 text-sm text-slate-700">
          {t.rich("usedResets", { used: m.used.formatted, date: periodEnd, n: (chunks) => <span data-testid="included-used">{chunks}</span> })}
        </p>
      </Card>
      <Card title={t("overageSoFar")}>
        <Big data-testid="overage-cost">{m.overageCost.formatted}</Big>
        <p className="text-sm text-slate-600">
          {t.rich("overageUnits", { units: m.overageUnits.formatted, price: m.unitPrice.formatted, n: (chunks) => <span data-testid="overage-units">{chunks}</span> })}
        </p>
        {m.cap ? (
          <div className="mt-3">
            <Meter percent={m.capUsedPercent ?? 0} label={t("overageAgainstCap")} valueText={t("amountOf", { amount: m.overageCost.formatted, total: m.cap.formatted })} />
            <p className="mt-2 text-sm text-slate-700" data-testid="spending-cap">
              {m.capReached ? (
                <strong className="text-red-800">{t("capReached", { cap: m.cap.formatted })}</strong>
              ) : (
                <>{t("capThisPeriod", { cap: m.cap.formatted })} </>
              )}{" "}
              <Link className="underline" href="/settings#spending-cap">
                {t("change")}
              </Link>
            </p>
          </div>
        ) : m.policy === "overage" ? (
          <p className="mt-3 text-sm text-slate-700" data-testid="spending-cap">
            {t.rich("noCap", { link: (chunks) => <Link className="underline" href="/settings#spending-cap">{chunks}</Link> })}
          </p>
        ) : null}
      </Card>
    </section>
  );
}

function CreditsCards({ c, usable }: { c: NonNullable<OverviewData["credits"]>; usable: NonNullable<OverviewData["usable"]> }) {
  const t = useTranslations("overview");
  return (
    <section aria-labelledby="credits-heading" className="space-y-4">
      <h2 id="credits-heading" className="sr-only">
        {t("yourCredits")}
      </h2>
      <div className="grid gap-4 md:grid-cols-3">
        <Card title={t("usableCredits")}>
          <Big data-testid="usable-total">{usable.formatted}</Big>
          {usable.held.amount !== "0" && <p className="mt-1 text-sm text-slate-600">{t("reserved", { amount: usable.held.formatted })}</p>}
          <p className="mt-2 text-sm text-slate-600">{c.order}</p>
        </Card>
        <Card title={t("planCredits")}>
          {c.plan ? (
            <>
              <Big data-testid="balance-plan_credits">{c.plan.left.formatted}</Big>
              <p className="mb-3 text-sm text-slate-600">{t("leftOfSpentFirst", { total: c.plan.granted.formatted })}</p>
              <Meter shows="left" percent={100 - c.plan.usedPercent} label={t("planCreditsLeft")} valueText={t("leftOfValue", { left: c.plan.left.formatted, total: c.plan.granted.formatted })} />
              <p className="mt-2 text-sm text-slate-700">{t("planCreditsReset", { date: c.plan.resetsText })}</p>
            </>
          ) : (
            <p className="text-sm text-slate-600">{t("noPlanCredits")}</p>
          )}
        </Card>
        <Card title={t("purchasedCredits")} action={<Link className="text-sm font-medium text-brand-700 underline" href="/credits">{t("buyCredits")}</Link>}>
          <Big data-testid="purchased-total">{c.purchased.total.formatted}</Big>
          {c.purchased.lots.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">{t("noPurchased")}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm text-slate-700" data-testid="purchased-lots">
              {c.purchased.lots.map((l) => (
                <li key={l.id} className="flex justify-between gap-2">
                  <span className="tabular">{l.left.formatted}</span>
                  <span className="text-slate-600">{l.expiresText ? t("expireOn", { date: l.expiresText }) : t("neverExpire")}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </section>
  );
}
