// An attachment of a message in the development outbox (an invoice PDF), as the recipient would
// open it. Not there when email really goes out (SMTP_URL) or in production.
import { devOutboxEnabled, readOutbox } from "@/lib/email/mailer";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params;
  const attachment = devOutboxEnabled() ? readOutbox(1000).find((m) => m.id === id)?.attachments?.find((a) => a.filename === file) : undefined;
  if (!attachment) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(attachment.base64, "base64"), {
    headers: {
      "content-type": attachment.contentType,
      "content-disposition": `attachment; filename="${attachment.filename.replace(/"/g, "")}"`,
      "cache-control": "no-store",
    },
  });
}
