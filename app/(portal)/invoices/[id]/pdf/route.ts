// An invoice's PDF, for members of the invoice's customer account only — anyone else gets a 404,
// whatever id they try.
import { getPortalContext } from "@/lib/auth/session";
import { getInvoiceForMember, renderInvoicePdf, presentInvoice } from "@/lib/services/invoices";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPortalContext();
  const { id } = await params;
  const invoice = ctx ? await getInvoiceForMember(ctx.userId, id) : null;
  if (!invoice) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const bytes = await renderInvoicePdf(presentInvoice(invoice));
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${invoice.number ?? invoice.id}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}
