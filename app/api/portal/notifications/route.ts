// The signed-in account's alert banners, for the shell to refresh without a reload.
import { NextResponse } from "next/server";
import { authorize, isDenied } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listBanners } from "@/lib/services/alerts";

export const dynamic = "force-dynamic";

export async function GET() {
  const ctx = await authorize("view");
  if (isDenied(ctx)) return NextResponse.json({ error: { code: ctx.code, message: ctx.message } }, { status: ctx.code === "unauthenticated" ? 401 : 403 });
  const sub = await db().subscription.findUnique({ where: { customerId: ctx.customerId }, select: { currentPeriodStart: true } });
  return NextResponse.json(await listBanners(ctx.customerId, { periodStart: sub?.currentPeriodStart ?? null }), { headers: { "Cache-Control": "private, no-store" } });
}
