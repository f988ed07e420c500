// The overview's live numbers for the signed-in account (not the merchant API): the session
// names the account; nothing in the request can choose another one.
import { NextResponse } from "next/server";
import { authorize, isDenied } from "@/lib/auth/session";
import { getOverview } from "@/lib/services/portal";

export const dynamic = "force-dynamic";

export async function GET() {
  const ctx = await authorize("view");
  if (isDenied(ctx)) return NextResponse.json({ error: { code: ctx.code, message: ctx.message } }, { status: ctx.code === "unauthenticated" ? 401 : 403 });
  const data = await getOverview(ctx.customerId);
  if (!data) return NextResponse.json({ error: { code: "not_found", message: "This account no longer exists." } }, { status: 404 });
  return NextResponse.json(data, { headers: { "Cache-Control": "private, no-store" } });
}
