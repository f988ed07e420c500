// Team: owners invite by email (and the email tells them how to sign in), change roles, remove
// members; the last owner stays; another account's members are out of reach.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { readOutbox } from "@/lib/email/mailer";
import { C, createPortalWorld } from "@/test/support/portal-fixtures";
import { createTestPglite } from "@/test/support/pglite";
import { changeRole, inviteMember, listMembers, removeMember } from "./team";

let h: DbHandle;
const NOW = new Date("2026-11-21T12:00:00Z");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-team-"));
const by = { customerId: C.credits, customerName: "Pixel", email: "owner@cus_credits.example" };

beforeAll(async () => {
  process.env.PORTICO_DATA_DIR = dataDir;
  h = await createTestPglite();
  setDbHandle(h);
  await createPortalWorld(h, NOW);
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const roleOf = async (customerId: string, email: string) => (await listMembers(customerId)).find((m) => m.email === email)?.role ?? null;
const idOf = async (customerId: string, email: string) => (await listMembers(customerId)).find((m) => m.email === email)!.id;

describe("invitations", () => {
  it("adds the member with the role and emails them the sign-in page", async () => {
    const r = await inviteMember(by, { email: "  New.Person@Example.com ", role: "billing" }, { baseUrl: "http://portal.test" });
    expect(r).toMatchObject({ ok: true });
    expect(await roleOf(C.credits, "new.person@example.com")).toBe("billing");
    const [mail] = readOutbox(1);
    expect(mail).toMatchObject({ to: "new.person@example.com", kind: "team_invite" });
    expect(mail!.text).toContain("http://portal.test/login");
    expect(mail!.text).toContain("as billing");
  });

  it("refuses a duplicate, a bad address and an unknown role, changing nothing", async () => {
    const before = await listMembers(C.credits);
    expect(await inviteMember(by, { email: "new.person@example.com", role: "viewer" })).toMatchObject({ ok: false, code: "already_member" });
    expect(await inviteMember(by, { email: "not-an-email", role: "viewer" })).toMatchObject({ ok: false, code: "invalid_input", field: "email" });
    expect(await inviteMember(by, { email: "a@b.example", role: "admin" })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await listMembers(C.credits)).toEqual(before);
  });

  it("someone already in another account can be added to this one too", async () => {
    expect(await inviteMember({ ...by, customerId: C.other }, { email: "new.person@example.com", role: "viewer" })).toMatchObject({ ok: true });
    expect(await roleOf(C.other, "new.person@example.com")).toBe("viewer");
    expect(await roleOf(C.credits, "new.person@example.com")).toBe("billing");
  });
});

describe("roles and removal", () => {
  it("changes a role and removes a member", async () => {
    const id = await idOf(C.credits, "viewer@credits.example");
    expect(await changeRole(C.credits, { membershipId: id, role: "billing" })).toMatchObject({ ok: true });
    expect(await roleOf(C.credits, "viewer@credits.example")).toBe("billing");
    expect(await removeMember(C.credits, { membershipId: id })).toMatchObject({ ok: true });
    expect(await roleOf(C.credits, "viewer@credits.example")).toBeNull();
  });

  it("never leaves an account without an owner", async () => {
    const owner = await idOf(C.credits, "owner@cus_credits.example");
    expect(await changeRole(C.credits, { membershipId: owner, role: "viewer" })).toMatchObject({ ok: false, code: "last_owner" });
    expect(await removeMember(C.credits, { membershipId: owner })).toMatchObject({ ok: false, code: "last_owner" });
    // with a second owner, the first may step down
    const other = await idOf(C.credits, "billing@credits.example");
    expect(await changeRole(C.credits, { membershipId: other, role: "owner" })).toMatchObject({ ok: true });
    expect(await changeRole(C.credits, { membershipId: owner, role: "viewer" })).toMatchObject({ ok: true });
    expect(await removeMember(C.credits, { membershipId: other })).toMatchObject({ ok: false, code: "last_owner" });
  });

  it("another account's membership id is not found there, and is untouched", async () => {
    const theirs = await idOf(C.other, "owner@cus_other.example");
    expect(await changeRole(C.credits, { membershipId: theirs, role: "viewer" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeMember(C.credits, { membershipId: theirs })).toMatchObject({ ok: false, code: "not_found" });
    expect(await roleOf(C.other, "owner@cus_other.example")).toBe("owner");
  });
});
