// The upcoming invoice as the portal reads it (PGlite): the wallet's overage, the recent rate, the
// merchant's tax, a scheduled change and a cancel, into exact amounts and plain words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceTotals } from "@/lib/billing/invoice-math";
import { parseDecimal } from "@/lib/billing/money";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { transaction } from "@/lib/db/tx";
import { C, createPortalWorld, MER, use } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { changePlan } from "./plan-change";
import { getUpcomingInvoice } from "./upcoming-invoice";
import { withLocale } from "@/lib/i18n/locale-scope";

let h: DbHandle;
const NOW = new Date();
beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, NOW);
  await h.prisma.merchant.update({ where: { id: MER }, data: { taxRateBps: 1_000 } });
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

describe("getUpcomingInvoice", () => {
  it("metered: the next fee, the overage so far and a projection, with 10 % tax", async () => {
    // 10,500 calls an hour ago: 500 over the 10,000 included → $5.00 of overage so far
    await use(C.metered, "api_call", 10_500n, new Date(NOW.getTime() - 3_600_000), NOW);
    const inv = (await getUpcomingInvoice(C.metered, { now: NOW }))!;
    expect(inv.lines.map((l) => l.kind)).toEqual(["fee", "overage_so_far", "overage_projected"]);
    expect(inv.lines[0]!.amountText).toBe("$99.00");
    expect(inv.lines[1]).toMatchObject({ description: "Overage so far: 500 API calls at $0.01", amountText: "$5.00" });
    expect(inv.taxRateText).toBe("10 %");
    // a German reader's: the rate as German writes it, like the amounts beside it
    const de = (await withLocale("de-DE", () => getUpcomingInvoice(C.metered, { now: NOW })))!;
    expect([de.taxRateText, de.lines[0]!.amountText]).toEqual(["10\u00a0%", "99,00\u00a0$"]);
    // the projection continues the last 7 days' 10,500 calls over the ~20 days left: well over $100
    const usd = (text: string) => parseDecimal(text.replace(/[$,]/g, ""), "USD");
    expect(usd(inv.lines[2]!.amountText)).toBeGreaterThan(100_000_000n);
    expect(inv.notes.join(" ")).toContain("last 7 days");
    const subtotal = usd(inv.subtotalText);
    expect(subtotal).toBe(usd(inv.lines[0]!.amountText) + usd(inv.lines[1]!.amountText) + usd(inv.lines[2]!.amountText));
    expect(BigInt(inv.totalCents)).toBe(invoiceTotals([{ amountMicros: subtotal }], 1_000).totalCents);
  });

  it("credits with a scheduled change: the new plan's fee and a note; canceled: nothing but the note", async () => {
    await transaction((tx) => changePlan(tx, { merchantId: MER, customerId: C.credits, planCode: "platform", now: NOW }));
    const changed = (await getUpcomingInvoice(C.credits, { now: NOW }))!;
    expect(changed).toMatchObject({ pendingPlanName: "Platform", subtotalText: "$50.00", taxText: "$5.00", totalText: "$55.00", totalCents: "5500" });
    expect(changed.notes[0]).toMatch(/^Your plan changes from Creator to Platform on /);
    await h.prisma.subscription.update({ where: { customerId: C.balance }, data: { cancelAtPeriodEnd: true } });
    const canceled = (await getUpcomingInvoice(C.balance, { now: NOW }))!;
    expect(canceled).toMatchObject({ lines: [], totalCents: "0", cancelAtPeriodEnd: true });
    expect(canceled.notes[0]).toMatch(/^Your subscription ends on .+: no renewal fee is billed\.$/);
  });
});
