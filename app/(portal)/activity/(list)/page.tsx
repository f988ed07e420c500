import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { ACTIVITY_KINDS, kindWords } from "@/lib/billing/activity";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads, parseActivityQuery, type ActivityQuery } from "@/lib/services/portal";
import { formatDateTime } from "@/lib/format/dates";
import { zoneLabel } from "@/lib/i18n/time-zones";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activity"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

function href(q: ActivityQuery, extra: Partial<ActivityQuery> = {}, path = "/activity") {
  const p = new URLSearchParams();
  for (const k of ["kind", "from", "to"] as const) if (q[k]) p.set(k, q[k]!);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

const TONE = { in: "text-emerald-800", out: "text-slate-900", move: "text-slate-600" } as const;

export default async function ActivityPage({ searchParams }: { searchParams: Search }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const locale = ctx.locale;
  const { query, error } = parseActivityQuery(await searchParams, locale);
  const kinds = kindWords(locale);
  const page = await read.activity(query, { locale });
  const filtered = Boolean(query.kind || query.from || query.to);
  const t = await getTranslations("activity");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro", { zone: zoneLabel(ctx.timeZone) })}</p>
        </div>
        {/* A plain link: the file downloads; it is not a page to navigate to. */}
        <a
          href={href(query, {}, "/activity/export")}
          download
          className="inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          data-testid="export-csv"
        >
          {filtered ? t("exportCsvFiltered") : t("exportCsv")}
        </a>
      </div>

      <form method="get" className="grid gap-3 rounded-lg border bg-white p-4 shadow-sm sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end" aria-label={t("filterLabel")}>
        <div className="text-sm">
          <label htmlFor="filter-kind" className="block font-medium text-slate-800">
            {t("kind")}
          </label>
          <select id="filter-kind" name="kind" defaultValue={query.kind ?? ""} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2">
            <option value="">{t("allKinds")}</option>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">{t("from")}</span>
          <input type="date" name="from" defaultValue={query.from ?? ""} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">{t("to")}</span>
          <input type="date" name="to" defaultValue={query.to ?? ""} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5" />
        </label>
        <div className="flex gap-2">
          <Button type="submit">{t("filter")}</Button>
          {filtered && (
            <LinkButton variant="secondary" href="/activity">
              {t("clear")}
            </LinkButton>
          )}
        </div>
      </form>
      {error && (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {error}
        </p>
      )}

      {page.items.length === 0 ? (
        <EmptyState title={filtered ? t("noMatchTitle") : t("emptyTitle")}>
          {filtered ? t("noMatchBody") : t("emptyBody")}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border bg-white shadow-sm">
          <div className="overflow-x-auto">
            <Table stacked className="text-sm" data-testid="activity-table">
              <THead stacked className="bg-slate-50 text-slate-600">
                <Tr>
                  <Th className="px-4 py-2">{t("columns.date")}</Th>
                  <Th className="px-4 py-2">{t("columns.activity")}</Th>
                  <Th className="px-4 py-2">{t("columns.details")}</Th>
                  <Th className="px-4 py-2 text-right">{t("columns.amount")}</Th>
                </Tr>
              </THead>
              <TBody stacked className="divide-y">
                {page.items.map((i) => (
                  <Tr stacked key={i.id} data-testid="activity-row" className="grid-cols-[1fr_auto] gap-x-3 px-4 py-2 sm:p-0">
                    <Td className="col-start-1 row-start-1 whitespace-nowrap text-slate-600 sm:px-4 sm:py-2">
                      <time dateTime={i.effectiveAt.toISOString()}>{formatDateTime(i.effectiveAt, locale, { zone: false, timeZone: ctx.timeZone })}</time>
                    </Td>
                    <Td className="col-start-1 row-start-2 sm:px-4 sm:py-2">
                      <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href={`/activity/${encodeURIComponent(i.id)}`} data-testid="activity-label">
                        {i.line.label}
                      </Link>
                    </Td>
                    <Td className="col-span-2 row-start-3 sm:min-w-48 sm:px-4 sm:py-2">
                      <span className="block">{i.line.description}</span>
                      <span className="block text-xs text-slate-600">{i.line.bucket}</span>
                    </Td>
                    <Td className={`tabular col-start-2 row-span-2 row-start-1 self-center whitespace-nowrap text-right font-medium sm:px-4 sm:py-2 ${TONE[i.line.direction]}`} data-testid="activity-amount">
                      {i.amountText}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        </div>
      )}

      <nav aria-label={t("pages")} className="flex justify-between gap-3">
        {page.newer ? (
          <LinkButton variant="secondary" href={href(query, { after: page.newer })} rel="prev">
            {t("newer")}
          </LinkButton>
        ) : (
          <span />
        )}
        {page.older && (
          <LinkButton variant="secondary" href={href(query, { before: page.older })} rel="next" data-testid="older">
            {t("older")}
          </LinkButton>
        )}
      </nav>
    </div>
  );
}
