import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { LinkButton } from "@/components/ui/link-button";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePortalContext } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";
import { zoneLabel } from "@/lib/i18n/time-zones";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activity"))("detail.title") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ events?: string | string[] }> };

export default async function TransferPage({ params, searchParams }: Props) {
  const ctx = await requirePortalContext();
  const read = customerReads(ctx);
  const { id: raw } = await params;
  const { events } = await searchParams;
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    notFound();
  }
  const locale = ctx.locale;
  // Only this account's own transfers exist here; anything else is not found (and says nothing).
  const detail = await read.transfer(id, { locale, eventsAfter: typeof events === "string" ? events : null });
  if (!detail) notFound();
  const { item } = detail;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: ctx.timeZone });
  const zone = zoneLabel(ctx.timeZone);
  const link = (to: string) => `/activity/${encodeURIComponent(to)}`;
  const t = await getTranslations("activity.detail");
  return (
    <div className="space-y-6">
      <p>
        <Link href="/activity" className="text-sm text-brand-700 underline">
          {t("allActivity")}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold" data-testid="transfer-label">
          {item.line.label}
        </h1>
        <p className="text-slate-700">{item.line.description}</p>
      </div>
      <Card>
        <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-slate-600">{t("amount")}</dt>
            <dd className="tabular text-xl font-semibold" data-testid="transfer-amount">
              {item.amountText}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("fromTo")}</dt>
            <dd>{item.line.bucket}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("when", { zone })}</dt>
            <dd>
              <time dateTime={item.effectiveAt.toISOString()}>{dateTime.format(item.effectiveAt)}</time>
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("recorded", { zone })}</dt>
            <dd>{dateTime.format(detail.recordedAt)}</dd>
          </div>
          {detail.reason && (
            <div className="sm:col-span-2">
              <dt className="text-slate-600">{t("reason")}</dt>
              <dd>{detail.reason}</dd>
            </div>
          )}
          {detail.actor && (
            <div>
              <dt className="text-slate-600">{t("by")}</dt>
              <dd>{detail.actor}</dd>
            </div>
          )}
          {detail.reverses && (
            <div>
              <dt className="text-slate-600">{t("reverses")}</dt>
              <dd>
                <Link className="text-brand-700 underline" href={link(detail.reverses)}>
                  {t("originalEntry")}
                </Link>
              </dd>
            </div>
          )}
          {detail.hold && (
            <div>
              <dt className="text-slate-600">{t("reservation")}</dt>
              <dd>
                <Link className="text-brand-700 underline" href={link(detail.hold)}>
                  {t("reservationSettled")}
                </Link>
              </dd>
            </div>
          )}
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t("reference")}</dt>
            <dd className="break-all font-mono text-xs">{item.id}</dd>
          </div>
        </dl>
        {detail.reversedBy.length > 0 && (
          <div className="mt-4 border-t pt-3 text-sm">
            <p className="font-medium">{t("reversedAfterwards")}</p>
            <ul className="mt-1 list-disc pl-5">
              {detail.reversedBy.map((r) => (
                <li key={r.id}>
                  <Link className="text-brand-700 underline" href={link(r.id)}>
                    {r.amountText}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      {detail.eventsTotal > 0 && (
        <Card title={t("events", { count: new Intl.NumberFormat(locale).format(detail.eventsTotal) })}>
          {/* A table from sm up; on phones each event is a small card. */}
          <Table stacked className="text-sm" data-testid="transfer-events">
            <THead stacked className="text-slate-600">
              <Tr>
                <Th className="py-2 pr-4">{t("event")}</Th>
                <Th className="py-2 pr-4">{t("action")}</Th>
                <Th className="py-2 pr-4 text-right">{t("quantity")}</Th>
                <Th className="py-2 pr-4">{t("time", { zone })}</Th>
                <Th className="py-2 text-right">{t("charged")}</Th>
              </Tr>
            </THead>
            <TBody stacked className="divide-y">
              {detail.events.map((e) => (
                <Tr stacked key={e.pk} data-testid="transfer-event" className="grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 py-2 sm:py-0">
                  <Td className="col-span-2 break-all font-mono text-xs text-slate-600 sm:col-auto sm:py-2 sm:pr-4 sm:text-inherit">{e.eventId}</Td>
                  <Td className="sm:py-2 sm:pr-4">{e.action}</Td>
                  <Td className="tabular text-right sm:py-2 sm:pr-4">
                    {new Intl.NumberFormat(locale).format(e.quantity)}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600 sm:py-2 sm:pr-4 sm:text-inherit">
                    {dateTime.format(e.timestamp)}
                    <span className="sm:hidden"> {zone}</span>
                  </Td>
                  <Td className="tabular text-right sm:py-2">{e.chargedText}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          {detail.nextEvents && (
            <LinkButton className="mt-3" variant="secondary" href={`${link(item.id)}?events=${detail.nextEvents}`}>
              {t("moreEvents")}
            </LinkButton>
          )}
        </Card>
      )}
    </div>
  );
}
