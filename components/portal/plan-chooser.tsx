"use client";
// The Plan page's interactive part: the current plan with cancel / resume / keep, the merchant's
// plans, and for a chosen plan the server's preview (what changes, what it costs now and from the
// next renewal) before the customer confirms. The form key was rendered with the page; a repeat of
// the same request (double click, retry) reuses it, and a finished action takes a fresh one.
import { cardName } from "@/lib/payments/card-name";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { cancelPlan } from "@/lib/actions/cancel-plan";
import { changePlan } from "@/lib/actions/change-plan";
import { keepPlan } from "@/lib/actions/keep-plan";
import { previewPlanChange } from "@/lib/actions/preview-plan-change";
import { resumePlan } from "@/lib/actions/resume-plan";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { queryKeys } from "@/lib/query-keys";
import type { PlanPage, PreviewView } from "@/lib/services/cycle";

type State =
  | { step: "idle" }
  | { step: "loading"; planCode: string }
  | { step: "review"; preview: PreviewView }
  | { step: "busy"; preview: PreviewView | null }
  | { step: "done"; message: string; tone: "ok" | "danger"; challengeUrl?: string };

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

const freshKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}${Math.random()}`).replace(/[^A-Za-z0-9]/g, "").slice(0, 32).padEnd(16, "0");

type Props = {
  page: PlanPage;
  canManage: boolean;
  deniedMessage: string | null;
  formKey: string;
  /** Back from the bank's 3-D Secure page: how the upgrade's payment ended. */
  returned?: { message: string; ok: boolean } | null;
};

export function PlanChooser({ page, canManage, deniedMessage, formKey, returned }: Props) {
  const t = useTranslations("plan");
  const [state, setState] = useState<State>(returned ? { step: "done", message: returned.message, tone: returned.ok ? "ok" : "danger" } : { step: "idle" });
  const key = useRef(formKey);
  const router = useRouter();
  const queryClient = useQueryClient();
  const accountId = useAccountId();
  const current = page.current!;
  const busy = state.step === "loading" || state.step === "busy";

  function finish(r: { ok: boolean; message: string; payment?: { nextAction: { type: string; url?: string } | null } | null }) {
    key.current = freshKey();
    const challengeUrl = r.ok && r.payment?.nextAction?.type === "sandbox_challenge" ? r.payment.nextAction.url : undefined;
    if (challengeUrl) {
      // The bank asks the customer to confirm: the plan changes only once they do.
      router.push(challengeUrl);
      return;
    }
    setState({ step: "done", message: r.message, tone: r.ok ? "ok" : "danger", challengeUrl });
    void queryClient.invalidateQueries({ queryKey: queryKeys.all });
    router.refresh();
  }

  async function preview(planCode: string) {
    setState({ step: "loading", planCode });
    const r = await previewPlanChange({ accountId, planCode });
    if (!r.ok) setState({ step: "done", message: r.message, tone: "danger" });
    else setState({ step: "review", preview: r.preview });
  }

  async function confirm(p: PreviewView) {
    setState({ step: "busy", preview: p });
    finish(await changePlan({ accountId, planCode: p.planCode, formKey: key.current, expectedTotalCents: p.now?.totalCents }));
  }

  async function simple(action: typeof cancelPlan | typeof keepPlan | typeof resumePlan) {
    setState({ step: "busy", preview: null });
    finish(await action({ accountId, formKey: key.current }));
  }

  const disabledReason = deniedMessage ?? undefined;
  return (
    <div className="space-y-6">
      {deniedMessage && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="cannot-change">
          {deniedMessage}
        </p>
      )}
      <section aria-labelledby="current-plan" className="rounded-lg border bg-white p-5 shadow-sm" data-testid="current-plan">
        <h2 id="current-plan" className="text-sm font-semibold text-slate-600">
          {t("yourPlan")}
        </h2>
        <p className="mt-1 text-lg font-semibold">{current.name}</p>
        {current.canceled ? (
          <p className="text-sm">{t("ended")}</p>
        ) : current.cancelAtPeriodEnd ? (
          <p className="text-sm" data-testid="plan-ends">
            {t.rich("endsOn", { date: current.periodEndText, days: current.daysLeft, keeps: current.keepsText, strong })}
          </p>
        ) : (
          <p className="text-sm">
            {t.rich("renewsOn", { date: current.periodEndText, days: current.daysLeft, strong })}
          </p>
        )}
        {current.grandfatheredText && (
          <p className="mt-2 text-sm text-slate-600" data-testid="grandfathered">
            {current.grandfatheredText}
          </p>
        )}
        {current.pendingPlan && (
          <p className="mt-2 text-sm" data-testid="pending-change">
            {t.rich("changesTo", { plan: current.pendingPlan.name, date: current.periodEndText, strong })}
          </p>
        )}
        {!current.canceled && (
          <div className="mt-3 flex flex-wrap gap-2">
            {current.pendingPlan && (
              <Button variant="secondary" disabled={!canManage || busy} title={disabledReason} onClick={() => void simple(keepPlan)}>
                {t("keep", { plan: current.name })}
              </Button>
            )}
            {current.cancelAtPeriodEnd ? (
              <Button disabled={!canManage || busy} title={disabledReason} onClick={() => void simple(resumePlan)}>
                {t("resume", { plan: current.name })}
              </Button>
            ) : (
              <Button variant="secondary" disabled={!canManage || busy} title={disabledReason} onClick={() => void simple(cancelPlan)}>
                {t("cancelAtPeriodEnd")}
              </Button>
            )}
          </div>
        )}
      </section>

      <div aria-live="polite">
        {state.step === "done" && (
          <Callout tone={state.tone} data-testid="plan-outcome">
            {state.message}
            {state.challengeUrl && (
              <>
                {" "}
                {t.rich("confirmWithBank", {
                  link: (chunks) => (
                    <a className="underline" href={state.challengeUrl}>
                      {chunks}
                    </a>
                  ),
                })}
              </>
            )}
          </Callout>
        )}
        {(state.step === "review" || (state.step === "busy" && state.preview)) && (
          <PreviewPanel
            preview={state.step === "review" ? state.preview : state.preview!}
            busy={state.step === "busy"}
            canManage={canManage}
            disabledReason={disabledReason}
            onConfirm={(p) => void confirm(p)}
            onCancel={() => setState({ step: "idle" })}
          />
        )}
      </div>

      <section aria-labelledby="plans-heading" className="space-y-3">
        <h2 id="plans-heading" className="text-lg font-semibold">
          {t("plans")}
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {page.plans.map((p) => (
            <li key={p.code} data-testid={`plan-${p.code}`} className={`flex flex-col justify-between rounded-lg border bg-white p-5 shadow-sm ${p.current ? "border-brand-600" : ""}`}>
              <div>
                <h3 className="text-lg font-semibold">
                  {p.name} {p.current && <span className="ml-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">{t("current")}</span>}
                  {p.pending && <span className="ml-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">{t("fromDate", { date: current.periodEndText })}</span>}
                </h3>
                <p className="text-sm text-slate-600">
                  {p.modelLabel} · {p.priceText}
                </p>
                <p className="mt-2 text-sm font-medium">{p.allowanceText}</p>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
                  {p.policies.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <p className="mt-2 text-xs text-slate-500">{p.actions.join(" · ")}</p>
              </div>
              {!p.current && !current.canceled && (
                <Button className="mt-4" variant="secondary" disabled={busy || current.cancelAtPeriodEnd} onClick={() => void preview(p.code)}>
                  {state.step === "loading" && state.planCode === p.code ? t("pricing") : t("preview", { plan: p.name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
        {current.cancelAtPeriodEnd && <p className="text-sm text-slate-600">{t("resumeToSwitch")}</p>}
      </section>
    </div>
  );
}

function PreviewPanel({
  preview: p,
  busy,
  canManage,
  disabledReason,
  onConfirm,
  onCancel,
}: {
  preview: PreviewView;
  busy: boolean;
  canManage: boolean;
  disabledReason?: string;
  onConfirm: (p: PreviewView) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("plan");
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-brand-100 bg-brand-50 p-5" data-testid="plan-preview">
      <h2 id="preview-heading" className="text-lg font-semibold">
        {t("switchTo", { plan: p.planName })}
      </h2>
      <p className="text-sm font-medium">{p.effectiveText}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {p.changes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {p.now ? (
        <dl className="mt-3 grid max-w-sm grid-cols-[1fr_auto] gap-x-4 text-sm" data-testid="preview-cost">
          <dt>{t("priceDifference", { days: p.now.daysLeft })}</dt>
          <dd className="tabular text-right">{p.now.subtotalText}</dd>
          <dt>{t("tax")}</dt>
          <dd className="tabular text-right">{p.now.taxText}</dd>
          <dt className="font-semibold">{t("chargedNow")}</dt>
          <dd className="tabular text-right font-semibold" data-testid="preview-total">
            {p.now.totalText}
          </dd>
        </dl>
      ) : (
        <p className="mt-3 text-sm font-semibold" data-testid="preview-total">
          {t("nothingNow")}
        </p>
      )}
      <p className="mt-1 text-sm">{p.nextRenewalText}</p>
      {p.now && p.card && (
        <p className="mt-1 text-sm">{t("chargedTo", { card: cardName(p.card) })}</p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button disabled={!canManage || busy} title={disabledReason} onClick={() => onConfirm(p)}>
          {busy ? t("working") : p.now ? t("payAndSwitch", { total: p.now.totalText }) : t("switchAtPeriodEnd")}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={onCancel}>
          {t("notNow")}
        </Button>
      </div>
    </section>
  );
}
