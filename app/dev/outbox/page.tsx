import { notFound } from "next/navigation";
import { devOutboxEnabled, outboxFile, readOutbox } from "@/lib/email/mailer";

export const dynamic = "force-dynamic";
export const metadata = { title: "Development outbox" };

/** "Open link" when a message has one; else which page each opens (an older, unparsable one as it is). */
function linkLabel(href: string, count: number): string {
  if (count === 1) return "Open link";
  return URL.canParse(href) ? `Open ${new URL(href).pathname}` : `Open ${href}`;
}

export default function OutboxPage() {
  if (!devOutboxEnabled()) notFound();
  const messages = readOutbox();
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Development outbox</h1>
      <p className="mt-1 text-sm text-slate-600">
        No SMTP server is configured, so email is kept here (and in <code>{outboxFile()}</code>) instead of being sent. Set{" "}
        <code>SMTP_URL</code> to send for real. This page does not exist in production.
      </p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded-md border border-dashed p-6 text-center text-slate-500">No messages yet. Ask for a sign-in link on the sign-in page.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border bg-white p-4 shadow-sm" data-testid="outbox-message">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span>
                  To <strong data-testid="outbox-to">{m.to}</strong>
                  {m.from ? (
                    <span className="text-slate-500">
                      {" "}
                      from <span data-testid="outbox-from">{m.from}</span>
                    </span>
                  ) : null}
                </span>
                <time className="text-slate-500" dateTime={m.at}>
                  {new Date(m.at).toLocaleString("en-US", { timeZone: "UTC" })} UTC
                </time>
              </div>
              <p className="mt-1 font-medium" data-testid="outbox-subject">
                {m.subject}
              </p>
              <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm text-slate-700">{m.text}</pre>
              {m.attachments?.map((a) => (
                <p key={a.filename} className="mt-2 text-sm">
                  Attached:{" "}
                  <a className="font-medium underline" href={`/dev/outbox/${m.id}/${encodeURIComponent(a.filename)}`} data-testid="outbox-attachment">
                    {a.filename}
                  </a>{" "}
                  <span className="text-slate-500">({Math.max(1, Math.round(a.size / 1024))} KB)</span>
                </p>
              ))}
              {m.links.map((href) => (
                <a key={href} href={href} className="mt-2 mr-2 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                  {linkLabel(href, m.links.length)}
                </a>
              ))}
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
