// Helpers of the portal's end-to-end tests: usage sent through the merchant HTTP API, the ledger's own figures by SQL, accessibility checks and screenshots.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { periodAccountId } from "../lib/billing/accounts";
import { PG_BASE_URL } from "../playwright.config";
import { sql } from "./db";

/** The merchant API key these tests use (created once, straight into the server's database). */
let apiKey: Promise<string> | null = null;
function merchantKey(): Promise<string> {
  apiKey ??= (async () => {
    const secret = `sk_test_${randomBytes(16).toString("hex")}`;
    await sql(`INSERT INTO api_keys (id, merchant_id, name, prefix, hash) VALUES ($1, 'mer_demo', 'e2e portal', $2, $3)`, [
      `key_e2e_${randomBytes(4).toString("hex")}`,
      secret.slice(0, 12),
      createHash("sha256").update(secret).digest("hex"),
    ]);
    return secret;
  })();
  return apiKey;
}

/**
 * Send usage as the merchant's product does: POST /api/v1/usage on the running server (the
 * postgres project's), with a key and an Idempotency-Key. Throws unless every event is accepted.
 */
export async function sendUsage(customer: string, action: string, quantity: number, events = 1) {
  const stamp = `${Date.now()}-${randomBytes(3).toString("hex")}`;
  const body = {
    events: Array.from({ length: events }, (_, i) => ({ id: `e2e-${stamp}-${i}`, customer, action, quantity, timestamp: new Date().toISOString() })),
  };
  const res = await fetch(`${PG_BASE_URL}/api/v1/usage`, {
    method: "POST",
    headers: { authorization: `Bearer ${await merchantKey()}`, "content-type": "application/json", "idempotency-key": `e2e-usage-${stamp}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { results?: { status: string; reason?: string }[] };
  if (res.status !== 200 || !json.results || json.results.some((r) => r.status !== "accepted")) {
    throw new Error(`usage not recorded (HTTP ${res.status}): ${JSON.stringify(json)}`);
  }
  return json.results;
}

/** The current period's start of a customer's subscription. */
export async function periodStartOf(customerId: string): Promise<Date> {
  const [s] = await sql<{ current_period_start: Date }>(`SELECT current_period_start FROM subscriptions WHERE customer_id = $1`, [customerId]);
  return new Date(s!.current_period_start);
}

export type AccountTotals = { posted_credits: string; posted_debits: string; pending_debits: string; pending_credits: string };

export async function account(id: string) {
  const [a] = await sql<AccountTotals>(`SELECT posted_credits, posted_debits, pending_debits, pending_credits FROM ledger_accounts WHERE id = $1`, [id]);
  if (!a) return null;
  return {
    credited: BigInt(a.posted_credits),
    available: BigInt(a.posted_credits) - BigInt(a.posted_debits) - BigInt(a.pending_debits),
    debited: BigInt(a.posted_debits) + BigInt(a.pending_debits) - BigInt(a.posted_credits),
  };
}

export async function periodAccount(customerId: string, bucket: "included_usage" | "plan_credits" | "overage") {
  return account(periodAccountId(customerId, bucket, await periodStartOf(customerId)));
}

/** No serious or critical accessibility violations on the page as it is. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Desktop and 375 px screenshots of the current page, kept under test-results/screenshots. */
export async function screenshots(page: Page, name: string) {
  const size = page.viewportSize()!;
  await page.screenshot({ path: `test-results/screenshots/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(300);
  // nothing sideways: the page fits a phone
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `test-results/screenshots/${name}-375.png`, fullPage: true });
  await page.setViewportSize(size);
}

/** What overflows sideways: the page itself, and any inner box that scrolls sideways (code excepted). */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) out.push(`page: ${root.scrollWidth}px wide in ${window.innerWidth}px`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      if (el.closest("pre, code, [data-scroll-x]")) continue;
      const style = getComputedStyle(el);
      if ((style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1 && el.offsetParent !== null) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className.toString().split(" ").slice(0, 3).join(".")}: ${el.scrollWidth}px in ${el.clientWidth}px`);
      }
    }
    return out;
  });
}

/**
 * Boxes in the main content that reach past the viewport's right or left edge (text cut off or
 * pushing the page wider), outermost only; boxes inside a sideways scroller, code, or screen-reader
 * only text are left to sidewaysOverflow.
 */
export async function widerThanViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const main = document.querySelector("main") ?? document.body;
    const wide = new Set<Element>();
    const out: string[] = [];
    for (const el of Array.from(main.querySelectorAll<HTMLElement>("*"))) {
      if (el.closest("pre, code, [data-scroll-x], .sr-only") || !el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
      wide.add(el);
      if (el.parentElement && wide.has(el.parentElement)) continue;
      const text = (el.innerText ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
      out.push(`${el.tagName.toLowerCase()}.${el.className.toString().split(" ").slice(0, 3).join(".")} [${Math.round(r.left)}–${Math.round(r.right)}px in ${width}px] "${text}"`);
    }
    return out;
  });
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
