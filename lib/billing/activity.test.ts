import { describe, expect, it } from "vitest";
import { ACTIVITY_KINDS, BUCKET_WORDS, bucketWords, csvField, csvRow, describeActivity, formatSigned, KIND_WORDS, kindWords, type ActivityTransfer } from "./activity";

const ME = "cus_me";
const mine = (bucket: ActivityTransfer["debit"]["bucket"]) => ({ customerId: ME, bucket });
const merchant = { customerId: null, bucket: "merchant" as const };
const names = new Map([["image_generation", "Image generation"]]);

const t = (over: Partial<ActivityTransfer>): ActivityTransfer => ({
  kind: "usage", phase: "single", asset: "CREDIT", amount: 30_000n, refs: {}, reason: null, debit: mine("plan_credits"), credit: merchant, ...over,
});

describe("the ledger in plain words", () => {
  it.each([
    ["usage", t({ refs: { action: "image_generation", quantity: "3", events: 2 } }), "Used", "Image generation × 3 (2 events)", "Plan credits", "−30 credits"],
    ["a grant", t({ kind: "grant", debit: merchant, credit: mine("plan_credits"), amount: 1_000_000n, reason: "Creator — allowance" }), "Granted", "Creator — allowance", "Plan credits", "+1,000 credits"],
    ["a pack", t({ kind: "purchase", debit: merchant, credit: mine("purchased_credits"), amount: 500_000n, refs: { pack: "pack_500" } }), "Bought", "Credit pack pack_500", "Purchased credits", "+500 credits"],
    ["funds", t({ kind: "top_up", asset: "USD", debit: merchant, credit: mine("balance"), amount: 25_000_000n }), "Added funds", "Funds added", "Balance", "+$25.00"],
    ["an expiry", t({ kind: "expiry", amount: 12_500n, reason: "Unused plan credits expired at the end of the period" }), "Expired", "Unused plan credits expired at the end of the period", "Plan credits", "−12.5 credits"],
    ["a rollover between two of my buckets", t({ kind: "rollover", credit: mine("plan_credits"), amount: 100_000n }), "Rolled over", "Carried over to the next period", "Plan credits", "100 credits"],
    ["a hold", t({ phase: "pending", refs: { action: "image_generation", quantity: "1" }, amount: 10_000n }), "Reserved", "Reserved for Image generation × 1 while it runs", "Plan credits", "−10 credits"],
    ["a released hold", t({ phase: "void_pending", refs: { action: "image_generation" }, amount: 10_000n }), "Released", "Reservation for Image generation released", "Plan credits", "+10 credits"],
    ["an adjustment", t({ kind: "adjustment", asset: "USD", debit: merchant, credit: mine("balance"), amount: 2_000_000n, reason: "Goodwill credit" }), "Adjusted", "Goodwill credit", "Balance", "+$2.00"],
    ["a refund", t({ kind: "refund", asset: "USD", debit: mine("balance"), amount: 2_000_000n, reason: "Payment refunded" }), "Refunded", "Payment refunded", "Balance", "−$2.00"],
    ["overage", t({ asset: "USD", debit: mine("overage"), amount: 40_000n, refs: { action: "api_call", quantity: "4", events: 1 } }), "Used", "api_call × 4 — $0.04 of overage", "Overage (billed at period end)", "−$0.04"],
    ["usage split between included and overage", t({ asset: "API_CALL", debit: mine("included_usage"), amount: 341n, refs: { action: "api_call", quantity: "378", events: 1 } }), "Used", "378 API calls: 341 included, 37 overage", "Included usage", "−341 API calls"],
    ["overage in whole cents", t({ asset: "USD", debit: mine("overage"), amount: 123_456n, refs: { action: "api_call", quantity: "12", events: 1 } }), "Used", "api_call × 12 — $0.12 of overage", "Overage (billed at period end)", "−$0.12"],
    ["a sub-cent usage charge", t({ asset: "USD", debit: mine("balance"), amount: 4_170n, refs: { action: "gb_hour", quantity: "1", events: 1 } }), "Used", "gb_hour × 1", "Balance", "−<$0.01"],
    ["paying an invoice", t({ kind: "purchase", asset: "USD", debit: merchant, credit: mine("overage"), amount: 6_060_000n, refs: { invoice_number: "INV-000042", invoice_id: "inv_x" }, reason: "Overage paid with invoice INV-000042" }), "Paid invoice", "Paid invoice INV-000042 — the period's overage", "Overage (billed at period end)", "+$6.06"],
  ])("%s", (_, transfer, label, description, bucket, amount) => {
    const line = describeActivity(transfer, ME, names);
    expect(line).toMatchObject({ label, description, bucket });
    expect(formatSigned(line, transfer.asset)).toBe(amount);
  });

  it("another customer's side is never taken for mine", () => {
    const line = describeActivity(t({ debit: { customerId: "cus_other", bucket: "plan_credits" }, credit: mine("plan_credits"), kind: "adjustment" }), ME);
    expect(line.direction).toBe("in");
  });
});

describe("CSV", () => {
  it.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["line\nbreak", '"line\nbreak"'],
  ])("%j → %j", (v, out) => expect(csvField(v)).toBe(out));

  it("a row keeps the exact signed amount in minor-unit precision", () => {
    const line = describeActivity(t({ amount: 1_500n }), ME);
    expect(csvRow({ date: new Date("2026-11-20T10:00:00Z"), line, asset: "CREDIT", transferId: "use_1" })).toBe(
      "2026-11-20T10:00:00.000Z,Used,Usage,Plan credits,-1.5,CREDIT,use_1",
    );
  });
});

describe("the ledger in the reader's language", () => {
  it.each([
    ["de-DE", "Genutzt", "Image generation × 3 (2 Ereignisse)", "Tarif-Credits", "−30 Credits"],
    ["fr-FR", "Utilisé", "Image generation × 3 (2 événements)", "Crédits du forfait", "−30 crédits"],
    ["es-ES", "Usado", "Image generation × 3 (2 eventos)", "Créditos del plan", "−30 créditos"],
    ["ja-JP", "利用", "Image generation × 3（2 件のイベント）", "プランのクレジット", "−30 クレジット"],
  ])("usage in %s", (locale, label, description, bucket, amount) => {
    const transfer = t({ refs: { action: "image_generation", quantity: "3", events: 2 } });
    const line = describeActivity(transfer, ME, names, locale);
    expect(line).toMatchObject({ label, description, bucket, direction: "out" });
    expect(formatSigned(line, transfer.asset, locale)).toBe(amount);
  });

  it("holds, releases, overage splits and paid invoices, in German", () => {
    const de = (over: Partial<ActivityTransfer>) => describeActivity(t(over), ME, names, "de-DE");
    expect(de({ phase: "pending", refs: { action: "image_generation", quantity: "1" } })).toMatchObject({ label: "Reserviert", description: "Reserviert für Image generation × 1, solange es läuft" });
    expect(de({ phase: "void_pending", refs: { action: "image_generation" } })).toMatchObject({ label: "Freigegeben", description: "Reservierung für Image generation freigegeben", direction: "in" });
    expect(de({ asset: "API_CALL", debit: mine("included_usage"), amount: 341n, refs: { action: "api_call", quantity: "1378", events: 1 } }).description).toBe("1.378 API-Aufrufe: 341 enthalten, 1.037 Mehrverbrauch");
    expect(de({ kind: "purchase", asset: "USD", debit: merchant, credit: mine("overage"), amount: 6_060_000n, refs: { invoice_number: "INV-000042" }, reason: "Overage paid with invoice INV-000042" })).toMatchObject({
      label: "Rechnung bezahlt",
      description: "Rechnung INV-000042 bezahlt — der Mehrverbrauch des Zeitraums",
      bucket: "Mehrverbrauch (abgerechnet am Ende des Zeitraums)",
    });
    // A recorded reason is shown as it was recorded.
    expect(de({ kind: "adjustment", asset: "USD", debit: merchant, credit: mine("balance"), reason: "Goodwill credit" })).toMatchObject({ label: "Angepasst", description: "Goodwill credit", bucket: "Guthaben" });
  });

  it("Portico's own recorded reasons in the reader's language; English reads as recorded", () => {
    const grant = t({ kind: "grant", debit: merchant, credit: mine("plan_credits"), refs: { plan: "creator", period_start: "2026-12-06T00:00:00.000Z" }, reason: "Creator — allowance for the period starting December 2026" });
    const expiry = t({ kind: "expiry", reason: "Unused plan credits expired at the end of the period" });
    const included = t({ kind: "expiry", asset: "API_CALL", debit: mine("included_usage"), reason: "Unused included usage expired at the end of the period" });
    const upgrade = t({ kind: "grant", debit: merchant, credit: mine("plan_credits"), reason: "Upgrade to Studio: extra allowance for the rest of the period" });
    const said = (locale: string) => [grant, expiry, included, upgrade].map((x) => describeActivity(x, ME, names, locale).description);
    expect(said("en-US")).toEqual([grant.reason, expiry.reason, included.reason, upgrade.reason]);
    expect(said("en-GB")).toEqual(said("en-US"));
    expect(said("de-DE")).toEqual([
      "Creator — Kontingent für den Zeitraum ab Dezember 2026",
      "Nicht genutzte Tarif-Credits zum Ende des Zeitraums verfallen",
      "Nicht genutzte enthaltene Nutzung zum Ende des Zeitraums verfallen",
      "Wechsel zu Studio: zusätzliches Kontingent für den Rest des Zeitraums",
    ]);
    expect(said("ja-JP")[0]).toBe("Creator — 2026年12月開始の期間の付与分");
    expect(said("fr-FR")[0]).toBe("Creator — allocation de la période commençant en décembre 2026");
    expect(said("es-ES")[3]).toBe("Cambio a Studio: asignación adicional para el resto del periodo");
    // a grant whose period is not recorded keeps its recorded words rather than invent a month
    expect(describeActivity({ ...grant, refs: {} }, ME, names, "de-DE").description).toBe(grant.reason);
  });

  it("names the kinds for the filter in the reader's language; English stays", () => {
    expect(kindWords("fr-FR").top_up).toBe("Solde approvisionné");
    expect(kindWords("ja-JP").refund).toBe("返金");
    expect(KIND_WORDS).toEqual(kindWords("en-US"));
    expect(KIND_WORDS.purchase).toBe("Bought");
    expect(bucketWords("es-ES")).toMatchObject({ overage: "Exceso (facturado al final del periodo)", merchant: "" });
    expect(BUCKET_WORDS).toEqual(bucketWords("en-US"));
    expect(ACTIVITY_KINDS).toEqual(["grant", "purchase", "top_up", "usage", "expiry", "rollover", "adjustment", "reversal", "refund"]);
  });
});
