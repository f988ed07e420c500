import { readFileSync } from "node:fs";
import { Fragment, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { inlineMarkdown } from "@/components/docs/inline-markdown";
import { WEBHOOK_EVENT_TYPES, examplePayload } from "./webhook-events";
import { eventPayload } from "@/lib/services/webhooks/dispatch";

const html = (s: string) => renderToStaticMarkup(createElement(Fragment, null, ...inlineMarkdown(s)));

describe("inline Markdown of API descriptions", () => {
  it("turns backticks, bold and links into elements and leaves no backtick", () => {
    const out = html("Pass `next_cursor` as **starting_after**, see [errors](#errors).");
    expect(out).toBe('Pass <code class="rounded bg-slate-100 px-1 font-mono text-[0.85em] [overflow-wrap:anywhere]">next_cursor</code> as <strong>starting_after</strong>, see <a href="#errors" class="underline">errors</a>.');
    expect(out).not.toContain("`");
  });
  it("escapes HTML and drops javascript: links to their text", () => {
    expect(html("<b>x</b> [a](javascript:alert`1`)")).toBe("&lt;b&gt;x&lt;/b&gt; a");
  });
});

describe("webhook event examples", () => {
  it("document exactly the event types the sender can emit", () => {
    const src = readFileSync("lib/services/webhooks/notifications.ts", "utf8");
    const union = src.match(/export type NotificationType =([^;]+);/)![1]!;
    const sent = [...union.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
    expect(sent.length).toBeGreaterThan(0);
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual(sent);
  });
  it("each example has the envelope dispatch sends", () => {
    // the envelope the real dispatcher builds (and GET /api/v1/events lists)
    const sent = eventPayload({ id: "ntf_x", type: "invoice.issued", createdAt: new Date(0), title: "T", body: "B", data: { invoice_id: "inv_1" } }, { id: "cus_1", externalId: "ext" });
    expect(sent).toEqual({ id: "evt_x", type: "invoice.issued", created: "1970-01-01T00:00:00.000Z", data: { customer: { id: "cus_1", external_id: "ext" }, title: "T", message: "B", invoice_id: "inv_1" } });
    for (const t of WEBHOOK_EVENT_TYPES) {
      const p = examplePayload(t);
      expect(Object.keys(p)).toEqual(Object.keys(sent));
      expect(p.type).toBe(t);
      expect(p.data).toMatchObject({ customer: { id: expect.any(String) }, title: expect.any(String), message: expect.any(String) });
    }
  });
});
