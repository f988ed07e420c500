// The Plan page's server actions, called as a signed-in member (only next-auth's session and
// next/cache are mocked): viewers are refused whatever the page shows, bad input changes nothing,
// and the tenant is the session's account, never the payload's.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { asPage } from "@/test/support/page-actions";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { C, createPortalWorld, MER } from "@/test/support/portal-fixtures";
import { addUpgradePlans } from "@/test/support/plans";
import { createTestPglite } from "@/test/support/pglite";

let session: { userId: string; customerId: string | null; expires: string } | null = null;
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), getServerSession: vi.fn(async () => session) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const cancelPlan = asPage((await import("@/lib/actions/cancel-plan")).cancelPlan, () => session?.customerId);
const changePlan = asPage((await import("@/lib/actions/change-plan")).changePlan, () => session?.customerId);
const keepPlan = asPage((await import("@/lib/actions/keep-plan")).keepPlan, () => session?.customerId);
const previewPlanChange = asPage((await import("@/lib/actions/preview-plan-change")).previewPlanChange, () => session?.customerId);
const resumePlan = asPage((await import("@/lib/actions/resume-plan")).resumePlan, () => session?.customerId);


let h: DbHandle;
const users: Record<string, string> = {};
const KEY = "k".repeat(20);

beforeAll(async () => {
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, new Date());
  for (const u of await h.prisma.user.findMany()) users[u.email] = u.id;
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
});

function signInAs(email: string | null, customerId: string | null = C.credits) {
  session = email ? { userId: users[email]!, customerId, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
}
const snapshot = async (customerId: string) => ({
  sub: await h.prisma.subscription.findUniqueOrThrow({ where: { customerId } }),
  notes: await h.prisma.notification.count({ where: { customerId, type: "subscription.updated" } }),
  payments: await h.prisma.payment.count({ where: { customerId } }),
});

describe("plan actions", () => {
  it("a viewer may preview but every change is refused by the server, and nothing changes", async () => {
    signInAs("viewer@credits.example");
    const before = await snapshot(C.credits);
    expect(await previewPlanChange({ planCode: "platform" })).toMatchObject({ ok: true, preview: { kind: "period_end" } });
    for (const r of [
      await changePlan({ planCode: "platform", formKey: KEY }),
      await cancelPlan({ formKey: KEY }),
      await resumePlan({ formKey: KEY }),
      await keepPlan({ formKey: KEY }),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("viewer") });
    }
    expect(await snapshot(C.credits)).toEqual(before);
  });

  it("signed out: refused", async () => {
    signInAs(null);
    expect(await cancelPlan({ formKey: KEY })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("bad input is refused with a clear message and changes nothing", async () => {
    signInAs("billing@credits.example");
    const before = await snapshot(C.credits);
    for (const input of [{ planCode: "platform", formKey: "short" }, { planCode: "DROP TABLE", formKey: KEY }, { planCode: "platform", formKey: KEY, expectedTotalCents: "-1" }, null, "x"]) {
      expect(await changePlan(input)).toMatchObject({ ok: false, code: "invalid_request", message: expect.stringMatching(/Reload the page/) });
    }
    expect(await cancelPlan({})).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await snapshot(C.credits)).toEqual(before);
  });

  it("a billing member schedules, cancels and resumes their own account only, whatever the payload names", async () => {
    signInAs("billing@credits.example");
    const other = await snapshot(C.other);
    expect(await changePlan({ planCode: "platform", formKey: KEY, customerId: C.other })).toMatchObject({ ok: true, result: "scheduled" });
    expect((await snapshot(C.credits)).sub.pendingPlanId).not.toBeNull();
    expect(await cancelPlan({ formKey: "c".repeat(20), customerId: C.other })).toMatchObject({ ok: true, changed: true });
    expect((await snapshot(C.credits)).sub).toMatchObject({ cancelAtPeriodEnd: true, pendingPlanId: null });
    expect(await resumePlan({ formKey: "r".repeat(20) })).toMatchObject({ ok: true, changed: true });
    expect((await snapshot(C.credits)).sub.cancelAtPeriodEnd).toBe(false);
    expect((await snapshot(C.credits)).notes).toBe(3);
    expect(await snapshot(C.other)).toEqual(other);
  });

  it("an upgrade without a card on file is refused before any charge", async () => {
    await addUpgradePlans(MER);
    signInAs("owner@cus_credits.example");
    const before = await snapshot(C.credits);
    expect(await changePlan({ planCode: "studio", formKey: "u".repeat(20) })).toMatchObject({ ok: false, code: "no_payment_method", message: expect.stringContaining("Add a card") });
    expect(await snapshot(C.credits)).toEqual(before);
  });
});
