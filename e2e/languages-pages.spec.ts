// Every portal page in German, French, Spanish and Japanese, for an owner of each consumption model
// (Metered, Credits, Balance): the page says its language (<html lang>), passes axe, fits a phone
// (375 px) and a desktop (1280 px) without scrolling sideways, and shows no English sentence left
// over. The demo's Fischer Design (German, EUR) and さくらクラウド (Japanese, JPY) are used where
// they fit; otherwise the English demo owner switches language in Settings (put back afterwards).
// Full-page screenshots are attached and kept under test-results/languages/.
import fs from "node:fs";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { sql } from "./db";
import { signIn } from "./helpers";
import { expectAccessible, sidewaysOverflow, widerThanViewport } from "./portal";

const LANGUAGES = ["de-DE", "fr-FR", "es-ES", "ja-JP"] as const;
type Lang = (typeof LANGUAGES)[number];

type Owner = { email: string; customerId: string; locale: Lang | null };
const MODELS: { model: string; buy: "credits" | "funds" | null; owners: Owner[] }[] = [
  { model: "metered", buy: null, owners: [{ email: "alex@acme.example", customerId: "cus_demo_acme", locale: null }] },
  {
    model: "credits",
    buy: "credits",
    owners: [
      { email: "lena@fischer.example", customerId: "cus_demo_fischer", locale: "de-DE" },
      { email: "maya@pixel.example", customerId: "cus_demo_pixel", locale: null },
    ],
  },
  {
    model: "balance",
    buy: "funds",
    owners: [
      { email: "haruto@sakura.example", customerId: "cus_demo_sakura", locale: "ja-JP" },
      { email: "noah@nimbus.example", customerId: "cus_demo_nimbus", locale: null },
    ],
  },
];

/**
 * English words that have no business on a translated page (whole words; case-sensitive, so the
 * German noun "Last" in a sentence would still be caught only when capitalised as a label would be).
 */
const ENGLISH = [
  "the", "The", "your", "Your", "and", "of", "with", "for", "per month", "month", "days", "ago",
  "credits used", "Last", "Next", "Buy", "Add", "Pay", "Remaining", "included", "invoice", "Invoice",
  "Paid", "Open", "Download", "Cancel", "Save", "Overview", "Settings", "Billing", "Activity",
];
/** Names nobody translates: the product, card brands, sandbox test cards. */
const BRANDS = ["Portico", "Visa", "Mastercard", "American Express", "Stripe", "PDF", "CSV"];

/**
 * What the merchant and the customer wrote themselves (plan, pack, action and people's names), and
 * the lines of invoices issued before an English owner switched language: an invoice is a document,
 * kept in the language it was issued in (an invoice issued after the switch is in the new one).
 */
async function ownWords(owner: Owner): Promise<string[]> {
  const rows = await sql<{ s: string }>(
    `SELECT name AS s FROM merchants UNION SELECT name FROM plans UNION SELECT name FROM plan_actions
     UNION SELECT name FROM credit_packs UNION SELECT name FROM assets UNION SELECT name FROM customers
     UNION SELECT email FROM customers UNION SELECT name FROM users WHERE name IS NOT NULL UNION SELECT email FROM users
     UNION SELECT l.description FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE $1 AND i.customer_id = $2`,
    [owner.locale === null, owner.customerId],
  );
  return [...rows.map((r) => r.s), ...BRANDS].filter((s) => s.trim().length > 1).sort((a, b) => b.length - a.length);
}

/** Visible text (and the labels a screen reader reads) that still contains an English word. */
async function englishLeft(page: Page, exclude: string[]): Promise<string[]> {
  return page.evaluate(
    ({ words, exclude }) => {
      const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const res = words.map((w) => ({ w, re: new RegExp(`(?<![\\p{L}\\p{N}_@.-])${esc(w)}(?![\\p{L}\\p{N}_@-])`, "u") }));
      const strip = (s: string) => exclude.reduce((t, x) => t.split(x).join(" "), s.replace(/\s+/g, " ").trim());
      const found = new Set<string>();
      const test = (raw: string, where: string, context = raw) => {
        const text = strip(raw);
        if (!text) return;
        const hit = res.filter(({ re }) => re.test(text)).map(({ w }) => w);
        if (hit.length > 0) found.add(`${where}"${context.replace(/\s+/g, " ").trim().slice(0, 160)}" [${hit.join(", ")}]`);
      };
      const skip = (el: Element) => !!el.closest("script, style, noscript, pre, code, [translate=no]");
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || skip(el) || !el.checkVisibility()) continue;
        // shown with the sentence it belongs to (a text node is often a word or two of one)
        test(n.textContent ?? "", "", el.closest("p, li, td, th, dd, dt, h1, h2, h3, label, button, a")?.textContent ?? n.textContent ?? "");
      }
      for (const el of Array.from(document.body.querySelectorAll("[aria-label], [placeholder], [title], img[alt]"))) {
        if (skip(el)) continue;
        for (const a of ["aria-label", "placeholder", "title", "alt"]) {
          const v = el.getAttribute(a);
          if (v) test(v, `${a}=`);
        }
      }
      return [...found];
    },
    { words: ENGLISH, exclude },
  );
}

type Visit = { lang: Lang; model: string; testInfo: TestInfo; exclude: string[]; problems: string[]; english: string[]; seconds: Record<string, number> };

/** One page, as opened by `open` at 1280 px: its language, axe, then both widths' layout and screenshots. */
async function checkPage(page: Page, v: Visit, name: string, open: () => Promise<void>) {
  const start = Date.now();
  await page.setViewportSize({ width: 1280, height: 900 });
  await open();
  await expect(page.locator("main h1").first()).toBeVisible();
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== v.lang) v.problems.push(`${name}: <html lang="${lang}">`);
  try {
    await expectAccessible(page);
  } catch (e) {
    v.problems.push(`${name}: axe — ${(e as Error).message.split("\n").filter((l) => l.includes(":")).slice(-6).join(" ")}`);
  }
  for (const text of await englishLeft(page, v.exclude)) v.english.push(`${v.lang} ${v.model} ${name}: ${text}`);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    for (const o of [...(await sidewaysOverflow(page)), ...(await widerThanViewport(page))]) v.problems.push(`${name} @${width}: ${o}`);
    const shot = await page.screenshot({ path: `test-results/languages/${v.lang}-${name}-${v.model}-${width}.png`, fullPage: true });
    await v.testInfo.attach(`${name}-${width}`, { body: shot, contentType: "image/png" });
  }
  v.seconds[name] = (Date.now() - start) / 1000;
}

/** The first entry of the list page just checked. */
async function firstHref(page: Page, selector: string, list: string) {
  const href = await page.locator(selector).first().getAttribute("href");
  expect(href, `${list} has an entry to open`).toBeTruthy();
  return href!;
}

fs.mkdirSync("test-results/languages", { recursive: true });

for (const m of MODELS) {
  for (const lang of LANGUAGES) {
    const owner = m.owners.find((o) => o.locale === lang) ?? m.owners.find((o) => o.locale === null)!;
    test.describe(`${lang} ${m.model}`, () => {
      // the English demo owners go back to Automatic whatever happened
      test.afterEach(async () => {
        if (owner.locale === null) await sql(`UPDATE customers SET locale = NULL WHERE id = $1`, [owner.customerId]);
      });

      test(`every page in ${lang} — ${m.model} (${owner.email})`, async ({ page }, testInfo) => {
        // axe over 13 pages: about a minute on a quiet machine, several under load
        test.setTimeout(360_000);
        await signIn(page, owner.email);
        if (owner.locale === null) {
          await page.goto("/settings");
          await page.locator('select[name="locale"]').selectOption(lang);
          await page.getByTestId("save-language").click();
          await expect(page.locator("html")).toHaveAttribute("lang", lang);
        }
        const v: Visit = { lang, model: m.model, testInfo, exclude: await ownWords(owner), problems: [], english: [], seconds: {} };
        const go = (path: string) => async () => {
          const res = await page.goto(path);
          expect(res?.status(), `${path} answers`).toBeLessThan(400);
        };
        await checkPage(page, v, "overview", go("/"));
        await checkPage(page, v, "usage", go("/usage"));
        await checkPage(page, v, "activity", go("/activity"));
        const entry = await firstHref(page, 'main a[href^="/activity/"]:not([href^="/activity/export"])', "/activity");
        await checkPage(page, v, "activity-entry", go(entry));
        if (m.buy) {
          await checkPage(page, v, m.buy, go(`/${m.buy}`));
          await checkPage(page, v, `${m.buy}-review`, async () => {
            await go(`/${m.buy}`)();
            if (m.buy === "credits") await page.locator('[data-testid^="pack-"] button').first().click();
            else await page.locator("form:has(#funds-amount) button[type=submit]").click();
            await expect(page.getByTestId("quote-total")).toBeVisible();
          });
        }
        await checkPage(page, v, "plan", go("/plan"));
        await checkPage(page, v, "billing", go("/billing"));
        await checkPage(page, v, "billing-details", go("/settings/billing"));
        await checkPage(page, v, "invoices", go("/invoices"));
        const invoice = await firstHref(page, 'main a[href^="/invoices/"]:not([href$="/pdf"])', "/invoices");
        await checkPage(page, v, "invoice", go(invoice));
        await checkPage(page, v, "settings", go("/settings"));
        await checkPage(page, v, "team", go("/settings/team"));

        fs.writeFileSync(`test-results/languages/${lang}-${m.model}.json`, JSON.stringify({ problems: v.problems, english: v.english, seconds: v.seconds }, null, 2));
        expect.soft(v.english, `English left on ${lang} pages (${m.model}): page, text [words]`).toEqual([]);
        expect(v.problems, `language, axe or layout problems (${lang}, ${m.model})`).toEqual([]);
      });
    });
  }
}
