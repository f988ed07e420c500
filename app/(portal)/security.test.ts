// Every portal route handler and server action, called as account A (the session is the only
// mocked part: next-auth's getServerSession, plus next/cache's revalidatePath) with account B's
// ids: B's data is never returned and never changed. Viewers and signed-out callers are refused
// by the server, whatever the page shows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { C, createPortalWorld, use } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { getUsageReport } from "@/lib/services/usage/usage-report";

let session: { userId: string; customerId: string | null; expires: string } | null = null;
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), getServerSession: vi.fn(async () => session) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { GET: walletGet } = await import("@/app/api/portal/wallet/route");
const { GET: csvGet } = await import("@/app/(portal)/activity/export/route");
const { dismissBanner } = await import("@/lib/actions/dismiss-banner");
const { saveAlerts } = await import("@/lib/actions/save-alerts");
const { saveSpendingCap } = await import("@/lib/actions/save-spending-cap");
const { saveBillingDetails } = await import("@/lib/actions/save-billing-details");
const { saveLanguage } = await import("@/lib/actions/save-language");
const { saveTimeZone } = await import("@/lib/actions/save-time-zone");
const { inviteMember } = await import("@/lib/actions/invite-member");
const { changeMemberRole } = await import("@/lib/actions/change-member-role");
const { removeMember } = await import("@/lib/actions/remove-member");

let h: DbHandle;
const NOW = new Date();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-sec-"));
const users: Record<string, string> = {};
const B: { transfers: string[]; notification: string; membership: string; period: string } = { transfers: [], notification: "", membership: "", period: "" };

/** A form as the page of the session's current account sends it (its `accountId` unless given). */
function form(fields: Record<string, string | string[]>) {
  const f = new FormData();
  if (!("accountId" in fields)) f.append("accountId", session?.customerId ?? "");
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
}
function signInAs(email: string | null, customerId: string | null = null) {
  session = email ? { userId: users[email]!, customerId, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
}
async function snapshotB() {
  const [customer, sub, members, notes, transfers] = await Promise.all([
    h.prisma.customer.findUniqueOrThrow({ where: { id: C.other } }),
    h.prisma.subscription.findUniqueOrThrow({ where: { customerId: C.other } }),
    h.prisma.membership.findMany({ where: { customerId: C.other }, orderBy: { id: "asc" } }),
    h.prisma.notification.findMany({ where: { customerId: C.other }, orderBy: { id: "asc" } }),
    h.prisma.ledgerTransfer.count({ where: { customerId: C.other } }),
  ]);
  return { customer, sub, members, notes, transfers };
}

beforeAll(async () => {
  process.env.PORTICO_DATA_DIR = dataDir;
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, NOW);
  // B crosses 50 % (a banner of its own) and has usage transfers
  await use(C.other, "agent_run", 20n, new Date(NOW.getTime() - 3_600_000), NOW);
  await use(C.credits, "image_generation", 2n, new Date(NOW.getTime() - 3_600_000), NOW);
  for (const u of await h.prisma.user.findMany()) users[u.email] = u.id;
  B.transfers = (await h.prisma.ledgerTransfer.findMany({ where: { customerId: C.other }, select: { id: true } })).map((t) => t.id);
  B.notification = (await h.prisma.notification.findFirstOrThrow({ where: { customerId: C.other } })).id;
  B.membership = (await h.prisma.membership.findFirstOrThrow({ where: { customerId: C.other } })).id;
  B.period = (await h.prisma.billingPeriod.findFirstOrThrow({ where: { subscription: { customerId: C.other } } })).id;
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => signInAs("owner@cus_credits.example", C.credits));

const leaks = (text: string) => [C.other, B.notification, B.membership, ...B.transfers].filter((id) => text.includes(id));

describe("route handlers scoped to the session's account", () => {
  it("GET /api/portal/wallet returns A's numbers only", async () => {
    const res = await walletGet();
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).customerId).toBe(C.credits);
    expect(leaks(text)).toEqual([]);
  });

  it("a session naming B's account, for a user who is not B's member, still gets A's", async () => {
    signInAs("owner@cus_credits.example", C.other);
    expect(JSON.parse(await (await walletGet()).text()).customerId).toBe(C.credits);
  });

  it("GET /activity/export streams A's activity only, whatever the query says", async () => {
    const res = await csvGet(new Request(`http://x/activity/export?customer=${C.other}&customerId=${C.other}`));
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThan(1);
    expect(leaks(text)).toEqual([]);
  });

  it("signed out: 401 and no data", async () => {
    signInAs(null);
    expect((await walletGet()).status).toBe(401);
    expect((await csvGet(new Request("http://x/activity/export"))).status).toBe(401);
  });

  it("the usage page's period chooser ignores B's period id", async () => {
    const r = await getUsageReport(C.credits, { periodId: B.period });
    expect(r?.selected).toBe("");
    expect(r?.label).toBe("Current period");
  });
});

describe("server actions with B's ids change nothing of B's", () => {
  it("dismissing B's banner is not found", async () => {
    const before = await snapshotB();
    expect(await dismissBanner(null, form({ id: B.notification }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshotB()).toEqual(before);
  });

  it("changing the role of, or removing, B's member is not found", async () => {
    const before = await snapshotB();
    expect(await changeMemberRole(null, form({ membershipId: B.membership, role: "viewer" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeMember(null, form({ membershipId: B.membership }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshotB()).toEqual(before);
  });

  it("alerts, cap and invitations act on the session's account only", async () => {
    const before = await snapshotB();
    expect(await saveAlerts(null, form({ lowBalanceThreshold: "5", usageAlertPercents: ["90"], customerId: C.other }))).toMatchObject({ ok: true });
    expect(await saveSpendingCap(null, form({ cap: "10", customerId: C.other }))).toMatchObject({ ok: false, code: "not_applicable" });
    expect(await inviteMember(null, form({ email: "x@y.example", role: "viewer", customerId: C.other }))).toMatchObject({ ok: true });
    expect(await snapshotB()).toEqual(before);
    expect((await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } })).usageAlertPercents).toEqual([90]);
  });
});

describe("an action is for the account its page was drawn for", () => {
  it("a form drawn for another account (a switch in another tab, or a forged id) is refused and changes nothing", async () => {
    signInAs("owner@cus_credits.example", C.credits);
    const mine = await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } });
    const before = await snapshotB();
    for (const r of [
      await saveAlerts(null, form({ accountId: C.other, lowBalanceThreshold: "7", usageAlertPercents: ["75"] })),
      await saveSpendingCap(null, form({ accountId: C.other, cap: "10" })),
      await inviteMember(null, form({ accountId: C.other, email: "tab@y.example", role: "viewer" })),
      await dismissBanner(null, form({ accountId: C.other, id: B.notification })),
      await saveBillingDetails(null, form({ accountId: C.other, name: "Tab GmbH", line1: "1 Main St", city: "Berlin", country: "DE" })),
      await saveLanguage(null, form({ accountId: C.other, locale: "ja-JP" })),
      await saveTimeZone(null, form({ accountId: C.other, timeZone: "Asia/Tokyo" })),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "account_changed" });
      expect(r.ok === false && r.message).toMatch(/Nothing was done\. Reload the page/);
    }
    // no account at all: not understood, nothing done
    expect(await saveAlerts(null, form({ accountId: "", lowBalanceThreshold: "7" }))).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await snapshotB()).toEqual(before);
    expect(await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } })).toEqual(mine);
    expect(await h.prisma.user.count({ where: { email: "tab@y.example" } })).toBe(0);
  });
});

describe("viewers are refused by the server", () => {
  it("every mutating action answers forbidden and changes nothing", async () => {
    signInAs("viewer@credits.example", C.credits);
    // a banner the viewer sees
    await h.prisma.notification.create({ data: { id: "ntf_viewer_sees", customerId: C.credits, type: "usage.threshold", dedupeKey: "viewer-test", title: "50% used", body: "Half of the credits are used." } });
    const snapshot = async () => ({
      customer: await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } }),
      members: await h.prisma.membership.findMany({ where: { customerId: C.credits }, orderBy: { id: "asc" } }),
      notes: await h.prisma.notification.findMany({ where: { customerId: C.credits }, orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    const mine = before.notes[0]?.id ?? "none";
    const owner = before.members.find((m) => m.role === "owner")!.id;
    for (const r of [
      await saveAlerts(null, form({ lowBalanceThreshold: "1", usageAlertPercents: ["10"] })),
      await saveSpendingCap(null, form({ cap: "1" })),
      await inviteMember(null, form({ email: "sneaky@example.com", role: "owner" })),
      await changeMemberRole(null, form({ membershipId: owner, role: "viewer" })),
      await removeMember(null, form({ membershipId: owner })),
      await saveBillingDetails(null, form({ name: "Viewer Ltd", line1: "1 Main St", city: "London", country: "GB" })),
      await saveLanguage(null, form({ locale: "de-DE" })),
      await saveTimeZone(null, form({ timeZone: "Europe/Berlin" })),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await snapshot()).toEqual(before);
    // …but may read
    expect((await walletGet()).status).toBe(200);
    // …and may dismiss a banner they see (it hides the banner, it changes no money or setting)
    expect(mine).not.toBe("none");
    expect(await dismissBanner(null, form({ id: mine }))).toMatchObject({ ok: true });
    expect((await h.prisma.notification.findUniqueOrThrow({ where: { id: mine } })).dismissedAt).not.toBeNull();
  });

  it("billing members manage alerts but not the team", async () => {
    signInAs("billing@credits.example", C.credits);
    expect(await saveAlerts(null, form({ lowBalanceThreshold: "", usageAlertPercents: ["50"] }))).toMatchObject({ ok: true });
    expect(await inviteMember(null, form({ email: "z@y.example", role: "viewer" }))).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("billing members save billing details; a bad tax ID says why for each field and saves nothing", async () => {
    signInAs("billing@credits.example", C.credits);
    const before = await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } });
    const bad = await saveBillingDetails(null, form({ name: "Credits GmbH", line1: "Unter den Linden 1", city: "", country: "DE", tax_id: "DE12" }));
    expect(bad).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { city: "Enter the city.", tax_id: "That is not a valid VAT number for Germany. It looks like DE123456789." } });
    expect(await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } })).toEqual(before);
    expect(await saveBillingDetails(null, form({ name: "Credits GmbH", line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "DE", tax_id: "DE123456789" }))).toMatchObject({ ok: true });
    expect(await h.prisma.customer.findUniqueOrThrow({ where: { id: C.credits } })).toMatchObject({ billingName: "Credits GmbH", taxId: "DE123456789", billingAddress: { city: "Berlin", country: "DE" } });
  });

  it("signed out, every action answers unauthenticated", async () => {
    signInAs(null);
    expect(await saveAlerts(null, form({}))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await removeMember(null, form({ membershipId: B.membership }))).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
