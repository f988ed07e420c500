// CSV export of the activity filter on screen, streamed page by page from the ledger.
import { authorize, isDenied } from "@/lib/auth/session";
import { activityCsvStream, parseActivityQuery } from "@/lib/services/portal";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const ctx = await authorize("view");
  if (isDenied(ctx)) return new Response(ctx.message, { status: ctx.code === "unauthenticated" ? 401 : 403 });
  const { query, error } = parseActivityQuery(Object.fromEntries(new URL(req.url).searchParams), ctx.locale);
  if (error) return new Response(error, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const name = ["activity", query.kind, query.from, query.to].filter(Boolean).join("-");
  return new Response(activityCsvStream(ctx.customerId, { kind: query.kind, from: query.from, to: query.to }, { locale: ctx.locale }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
