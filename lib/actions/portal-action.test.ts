// The portal's actions speak the account's language: the builder's own refusals, the schema's
// sentences and whatever the services called answer (each action runs inside withLocale(ctx.locale)).
// An English-speaking account hears exactly the sentences it heard before. Only the session is
// mocked (next-auth's getServerSession, plus next/cache's revalidatePath).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { createTestPglite } from "@/test/support/pglite";
import { asPage } from "@/test/support/page-actions";
import { formKey } from "@/test/support/payments";
import { C, createPortalWorld } from "@/test/support/portal-fixtures";

let session: { userId: string; customerId: string | null; expires: string } | null = null;
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), getServerSession: vi.fn(async () => session) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveAlerts } = await import("./save-alerts");
const { dismissBanner } = await import("./dismiss-banner");
const { inviteMember } = await import("./invite-member");
const { saveLanguage } = await import("./save-language");
const { quotePurchase: quote } = await import("./quote-purchase");
const { confirmPurchase: confirm } = await import("./confirm-purchase");

let h: DbHandle;
const users: Record<string, string> = {};

function signInAs(email: string | null, customerId: string | null = null) {
  session = email ? { userId: users[email]!, customerId, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
}
/** A form as the page of the session's current account sends it (its `accountId` unless given). */
function form(fields: Record<string, string | string[]>) {
  const f = new FormData();
  if (!("accountId" in fields)) f.append("accountId", session?.customerId ?? "");
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
}
const quotePurchase = asPage(quote, () => session?.customerId);
const confirmPurchase = asPage(confirm, () => session?.customerId);
const speaks = (customerId: string, locale: string | null) => h.prisma.customer.update({ where: { id: customerId }, data: { locale } });
const messageOf = (r: unknown) => (r as { message?: string }).message;

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, new Date());
  for (const u of await h.prisma.user.findMany()) users[u.email] = u.id;
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});
afterEach(async () => {
  delete process.env.PORTICO_LIMIT_PURCHASE;
  for (const id of Object.values(C)) await speaks(id, null);
});

describe("a German-speaking account", () => {
  it("hears the builder's refusals in German: the role, a page of another account, input the page never sends", async () => {
    await speaks(C.credits, "de-DE");
    signInAs("viewer@credits.example", C.credits);
    expect(await saveAlerts(null, form({ lowBalanceThreshold: "5" }))).toMatchObject({
      ok: false, code: "forbidden", message: "Mit Ihrer Rolle (Betrachter) ist das nicht möglich. Fragen Sie einen Inhaber von cus_credits.",
    });
    signInAs("owner@cus_credits.example", C.credits);
    expect(messageOf(await saveAlerts(null, form({ accountId: C.other, lowBalanceThreshold: "5" })))).toBe(
      "Diese Seite gehört zu einem Konto, für das Sie nicht mehr handeln. Es wurde nichts geändert. Laden Sie die Seite neu, um als cus_credits weiterzumachen.",
    );
    expect(await dismissBanner(null, form({}))).toMatchObject({ ok: false, code: "invalid_request", message: "Es wurde kein Hinweis ausgewählt." });
  });

  it("hears what the services answer in German: the schema's sentences, refusals and confirmations", async () => {
    await speaks(C.credits, "de-DE");
    signInAs("owner@cus_credits.example", C.credits);
    expect(await saveAlerts(null, form({ usageAlertPercents: ["150"] }))).toMatchObject({ ok: false, message: "Prozentwerte liegen zwischen 1 und 100." });
    expect(await saveAlerts(null, form({ lowBalanceThreshold: "5", usageAlertPercents: ["80"] }))).toEqual({ ok: true, message: "Hinweise gespeichert." });
    expect(await inviteMember(null, form({ email: "nobody", role: "viewer" }))).toMatchObject({ ok: false, field: "email", message: "Geben Sie eine gültige E-Mail-Adresse ein." });
    expect(await inviteMember(null, form({ email: "ana@team.example", role: "billing" }))).toEqual({
      ok: true, message: "ana@team.example wurde mit der Rolle Abrechnung hinzugefügt und hat per E-Mail erfahren, wie die Anmeldung funktioniert.",
    });
  });

  it("is limited on card charges in German", async () => {
    process.env.PORTICO_LIMIT_PURCHASE = "1/600";
    await speaks(C.balance, "de-DE");
    signInAs("owner@cus_balance.example", C.balance);
    // the first confirmation is counted (and refused: this account has no card yet)
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "10" }, formKey: formKey() })).toMatchObject({
      ok: false, code: "no_payment_method", message: "Fügen Sie zuerst auf der Seite „Zahlung“ eine Karte hinzu: Käufe werden mit Ihrer Standardkarte bezahlt.",
    });
    expect(await confirmPurchase({ choice: { kind: "funds", amount: "10" }, formKey: formKey() })).toMatchObject({
      ok: false, code: "rate_limited", message: "Zu viele Zahlungen in kurzer Zeit (höchstens 1 in 10 Minuten). Versuchen Sie es in 10 Minuten noch einmal.",
    });
  });
});

describe("other languages", () => {
  it("a Japanese account's typed amount is refused in Japanese, and a language just saved confirms in that language", async () => {
    await speaks(C.balance, "ja-JP");
    signInAs("owner@cus_balance.example", C.balance);
    expect(await quotePurchase({ kind: "funds", amount: "abc" })).toMatchObject({ ok: false, code: "invalid_input", field: "amount", message: "25 や 25.50 のように金額を入力してください。" });
    expect(await saveLanguage(null, form({ locale: "fr-FR" }))).toEqual({ ok: true, message: "Langue enregistrée." });
    // Automatic: the browser decides (none here, so English)
    expect(await saveLanguage(null, form({ locale: "" }))).toEqual({ ok: true, message: "Language saved." });
    expect(await saveLanguage(null, form({ locale: "it-IT" }))).toMatchObject({ ok: false, message: "Choose one of the 5 languages: English, Deutsch, Français, Español or 日本語 — or Automatic." });
  });
});

describe("an English-speaking account hears exactly what it heard before", () => {
  it("the builder's refusals", async () => {
    signInAs(null);
    expect(await saveAlerts(null, form({ accountId: C.credits }))).toEqual({ ok: false, code: "unauthenticated", message: "Your session has ended. Sign in again." });
    signInAs("viewer@credits.example", C.credits);
    expect(messageOf(await saveAlerts(null, form({ lowBalanceThreshold: "5" })))).toBe("Your role (viewer) cannot do this. Ask an owner of cus_credits.");
    signInAs("owner@cus_credits.example", C.credits);
    expect(messageOf(await saveAlerts(null, form({ accountId: C.other })))).toBe(
      "This page is for an account you no longer act for. Nothing was done. Reload the page to continue as cus_credits.",
    );
    expect(messageOf(await saveAlerts(null, form({ accountId: "" })))).toBe("That request was not understood. Reload the page and try again.");
    expect(messageOf(await dismissBanner(null, form({})))).toBe("No alert was chosen.");
    expect(messageOf(await dismissBanner(null, form({ id: "ntf_nope" })))).toBe("That alert was not found.");
  });

  it("the services' answers", async () => {
    signInAs("owner@cus_credits.example", C.credits);
    expect(messageOf(await saveAlerts(null, form({ usageAlertPercents: ["2.5"] })))).toBe("Percentages are whole numbers.");
    expect(messageOf(await saveAlerts(null, form({ lowBalanceThreshold: "abc" })))).toBe("Enter the threshold in credits, e.g. 100 or 12.5.");
    expect(messageOf(await saveAlerts(null, form({ usageAlertPercents: ["50"] })))).toBe("Alerts saved.");
    expect(messageOf(await inviteMember(null, form({ email: "billing@credits.example", role: "viewer" })))).toBe("billing@credits.example is already a member of cus_credits.");
    expect(messageOf(await inviteMember(null, form({ email: "x@team.example", role: "king" })))).toBe("Choose a role: owner, billing or viewer.");
    expect(messageOf(await quotePurchase({ kind: "funds", amount: "5" }))).toBe("Adding funds is for Balance plans; Creator is a credits plan.");
    signInAs("owner@cus_balance.example", C.balance);
    expect(messageOf(await quotePurchase({ kind: "funds", amount: "-3" }))).toBe("The amount must be positive.");
    expect(messageOf(await quotePurchase({ kind: "pack", packCode: "pack_500" }))).toBe("Credit packs are for Credits plans; Platform is a balance plan.");
    expect(messageOf(await quotePurchase({ kind: "funds", amount: "0.001" }))).toBe("Enter an amount in whole cents.");
  });
});
