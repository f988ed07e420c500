import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LazyUsageCharts } from "@/components/charts/lazy-usage-charts";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("usage"))("title") };
}

type Search = Promise<{ show?: string | string[] }>;

export default async function UsagePage({ searchParams }: { searchParams: Search }) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { show } = await searchParams;
  const value = typeof show === "string" ? show : "";
  const [kind, id] = value.includes(":") ? [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)] : ["", ""];
  const report = await read.usageReport({ periodId: kind === "period" ? id : null, range: kind === "range" ? id : null });
  const t = await getTranslations("usage");
  if (!report) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <EmptyState title={t("noPlanTitle")}>{t("noPlanBody")}</EmptyState>
      </div>
    );
  }
  const hasUsage = report.byAction.some((a) => a.value > 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600" data-testid="usage-range">
            {report.label}
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div className="text-sm">
            <label htmlFor="usage-show" className="block font-medium text-slate-800">
              {t("show")}
            </label>
            <select id="usage-show" name="show" defaultValue={report.selected} className="mt-1 w-full max-w-xs rounded-md border border-slate-300 bg-white px-2 py-2 text-sm sm:w-auto">
              {report.selected === "" && <option value="">{t("currentPeriod")}</option>}
              {report.choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t("update")}
          </Button>
        </form>
      </div>
      {value !== "" && report.selected === "" && (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("periodNotFound")}
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <p className="text-sm text-slate-600">{t("total")}</p>
          <p className="tabular text-2xl font-semibold" data-testid="usage-total">
            {report.total.costText}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600">{t("events")}</p>
          <p className="tabular text-2xl font-semibold" data-testid="usage-events">
            {report.total.events}
          </p>
        </Card>
        {report.total.overageText !== null && (
          <Card>
            <p className="text-sm text-slate-600">{t("overage")}</p>
            <p className="tabular text-2xl font-semibold">{report.total.overageText}</p>
          </Card>
        )}
      </div>

      {hasUsage ? (
        <LazyUsageCharts
          byDay={report.byDay}
          series={report.actions.map((a) => ({ key: a.code, name: a.name }))}
          byAction={report.byAction.map((a) => ({ name: a.name, value: a.value, costText: a.costText }))}
          unit={report.unitWord}
        />
      ) : (
        <EmptyState title={t("noUsageTitle")}>{t("noUsageBody")}</EmptyState>
      )}

      <Card title={t("byAction")}>
        {/* A table from sm up; on phones each action is a small card (name and cost, then quantity and overage). */}
        <Table stacked className="text-sm" data-testid="usage-by-action">
          <THead stacked className="text-slate-600">
            <Tr>
              <Th className="py-2 pr-3">{t("action")}</Th>
              <Th className="py-2 pr-3 text-right">{t("quantity")}</Th>
              <Th className="hidden py-2 pr-4 text-right sm:table-cell">{t("events")}</Th>
              <Th className="py-2 pr-3 text-right">{t("cost")}</Th>
              {report.total.overageText !== null && <Th className="py-2 text-right">{t("overage")}</Th>}
            </Tr>
          </THead>
          <TBody stacked className="divide-y">
            {report.byAction.map((a) => (
              <Tr stacked key={a.code} className="grid-cols-[1fr_auto] gap-x-3 py-2 sm:py-0">
                <Th scope="row" className="py-0.5 pr-3 font-medium sm:py-2 sm:font-normal">{a.name}</Th>
                <Td className="tabular col-start-1 py-0.5 text-slate-600 sm:col-auto sm:py-2 sm:pr-3 sm:text-right sm:text-inherit">
                  <span className="sm:hidden">{t("quantity")} </span>
                  {a.quantityText}
                </Td>
                <Td className="tabular hidden py-2 pr-4 text-right sm:table-cell">{a.events}</Td>
                <Td className="tabular col-start-2 row-start-1 py-0.5 text-right sm:col-auto sm:row-auto sm:whitespace-nowrap sm:py-2 sm:pr-3">{a.costText}</Td>
                {a.overageText !== null && (
                  <Td className="tabular col-start-2 row-start-2 py-0.5 text-right text-slate-600 sm:col-auto sm:row-auto sm:py-2 sm:text-inherit">
                    <span className="sm:hidden">{t("overage")} </span>
                    {a.overageText}
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>

      <Card title={t("priceTable")}>
        <ul className="space-y-1 text-sm text-slate-800" data-testid="price-table">
          {report.priceTable.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Card>

      {hasUsage && (
        <details className="rounded-lg border bg-white p-4 text-sm shadow-sm">
          <summary className="cursor-pointer font-medium">{t("dailyTable")}</summary>
          <div className="mt-3 overflow-x-auto">
            <Table>
              <THead className="text-slate-600">
                <Tr>
                  <Th className="py-1 pr-4">{t("day")}</Th>
                  <Th className="py-1 text-right">{t("total")}</Th>
                </Tr>
              </THead>
              <TBody className="divide-y">
                {report.byDay.map((d) => (
                  <Tr key={d.day}>
                    <Th scope="row" className="py-1 pr-4 font-normal">{d.label}</Th>
                    <Td className="tabular py-1 text-right">{d.totalText}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        </details>
      )}
    </div>
  );
}
