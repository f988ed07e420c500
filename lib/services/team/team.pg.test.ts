// On PostgreSQL, two owners demoting (or removing) each other at the same moment cannot leave the
// account without an owner: team changes are serialized on the customer row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle } from "@/lib/db/client";
import { C, createPortalWorld } from "@/test/support/portal-fixtures";
import { createTestPostgres, type TestPostgres } from "@/test/support/postgres";
import { changeRole, listMembers, removeMember } from "./team";

let h: TestPostgres;
beforeAll(async () => {
  h = await createTestPostgres(10);
  setDbHandle(h);
  await createPortalWorld(h, new Date("2026-11-21T12:00:00Z"));
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.drop();
});

const owners = async () => (await listMembers(C.credits)).filter((m) => m.role === "owner");

describe("the last owner, under concurrency", () => {
  it("of two owners demoting each other at once, exactly one succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      const members = await listMembers(C.credits);
      const a = members.find((m) => m.email === "owner@cus_credits.example")!;
      const b = members.find((m) => m.email === "billing@credits.example")!;
      await h.prisma.membership.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { role: "owner" } });
      const results = await Promise.all([
        changeRole(C.credits, { membershipId: a.id, role: "viewer" }),
        round % 2 === 0 ? changeRole(C.credits, { membershipId: b.id, role: "billing" }) : removeMember(C.credits, { membershipId: b.id }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: "last_owner" })]);
      expect(await owners()).toHaveLength(1);
      if (!(await listMembers(C.credits)).some((m) => m.email === "billing@credits.example")) {
        await h.prisma.membership.create({ data: { userId: b.userId, customerId: C.credits, role: "billing" } });
      }
    }
  });
});
