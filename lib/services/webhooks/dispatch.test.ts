// Notifications become signed webhooks (retried with backoff, at-least-once, one event id) and
// emails to owners and billing members — against a real HTTP receiver on 127.0.0.1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbHandle, type DbHandle } from "@/lib/db/client";
import { readOutbox } from "@/lib/email/mailer";
import { backoffMs, runDueJobs } from "@/lib/jobs/queue";
import { HANDLERS } from "@/lib/jobs/schedule";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verify } from "@/lib/webhooks/signature";
import { createTestPglite } from "@/test/support/pglite";
import { startReceiver, type Receiver } from "@/test/support/receiver";
import { addMember } from "../customers/customers";
import { DELIVERY_ATTEMPTS } from "./dispatch";
import { notify } from "./notifications";

let h: DbHandle;
let hooks: Receiver;
let url: string;
const SECRET = "whsec_dispatch_test";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-dispatch-"));

beforeAll(async () => {
  process.env.PORTICO_DATA_DIR = dataDir;
  hooks = await startReceiver(500);
  url = `${hooks.url}/hooks`;
  h = await createTestPglite();
  setDbHandle(h);
  await h.prisma.merchant.create({ data: { id: "mer_w", name: "W" } });
  await h.prisma.webhookEndpoint.create({ data: { id: "we_w", merchantId: "mer_w", url, secret: SECRET } });
  await h.prisma.customer.create({ data: { id: "cus_w", merchantId: "mer_w", externalId: "w", name: "Wonder Co", email: "owner@w.example" } });
  await h.prisma.$transaction(async (tx) => {
    await addMember(tx, { customerId: "cus_w", email: "owner@w.example", role: "owner" });
    await addMember(tx, { customerId: "cus_w", email: "pay@w.example", role: "billing" });
    await addMember(tx, { customerId: "cus_w", email: "look@w.example", role: "viewer" });
  });
});
afterAll(async () => {
  setDbHandle(undefined);
  await h.close();
  await hooks.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const drain = async (now: Date) => {
  let n = 0;
  for (;;) {
    const r = await runDueJobs(HANDLERS, { client: h.prisma, now });
    n += r.claimed;
    if (r.claimed === 0) return n;
  }
};

const lowBalance = (key: string, now = new Date()) =>
  h.prisma.$transaction((tx) =>
    notify(tx, { customerId: "cus_w", type: "balance.low", dedupeKey: key, title: "Your balance is low", body: "You have $4.20 left.", data: { available: { asset: "USD", amount: "4200000" } }, now }),
  );

describe("notification delivery", () => {
  it("sends one signed webhook and emails owners and billing members (not viewers)", async () => {
    const now = new Date();
    expect(await lowBalance("balance.low:1", now)).toBe(true);
    expect(await lowBalance("balance.low:1", now)).toBe(false); // same key: nothing new
    await drain(now);
    expect(hooks.received).toHaveLength(1);
    const { headers, body } = hooks.received[0]!;
    const event = JSON.parse(body);
    expect(event).toMatchObject({ type: "balance.low", data: { customer: { id: "cus_w", external_id: "w" }, available: { amount: "4200000" } } });
    expect(headers[EVENT_ID_HEADER]).toBe(event.id);
    expect(verify(SECRET, body, headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000))).toMatchObject({ ok: true });
    const to = readOutbox().map((m) => m.to).sort();
    expect(to).toEqual(["owner@w.example", "pay@w.example"]);
    expect(readOutbox()[0]!.subject).toBe("Your balance is low");
  });

  it("retries a failing endpoint with backoff, with the same event id, until it answers", async () => {
    hooks.received.length = 0;
    hooks.failNext(2);
    let now = Date.now();
    await lowBalance("balance.low:2", new Date(now));
    await drain(new Date(now));
    expect(hooks.received).toHaveLength(1);
    expect(await drain(new Date(now + 1_000))).toBe(0); // not before the backoff
    now += backoffMs(1) + 1;
    await drain(new Date(now));
    now += backoffMs(2) + 1;
    await drain(new Date(now));
    expect(hooks.received).toHaveLength(3);
    expect(new Set(hooks.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    const d = await h.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: JSON.parse(hooks.received[0]!.body).id } });
    expect(d).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("gives up after its attempts and records why", async () => {
    hooks.received.length = 0;
    hooks.failNext(1_000);
    let now = Date.now();
    await lowBalance("balance.low:3", new Date(now));
    for (let i = 1; i <= DELIVERY_ATTEMPTS; i++) {
      await drain(new Date(now));
      now += backoffMs(i) + 1;
    }
    expect(hooks.received).toHaveLength(DELIVERY_ATTEMPTS);
    const d = await h.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: JSON.parse(hooks.received[0]!.body).id } });
    expect(d).toMatchObject({ status: "failed", attempts: DELIVERY_ATTEMPTS, lastError: "HTTP 500" });
    hooks.failNext(0);
  });

  it("a German-speaking account's alert email is in German, as its banner says it; the webhook keeps the recorded English", async () => {
    hooks.received.length = 0;
    await h.prisma.customer.update({ where: { id: "cus_w" }, data: { locale: "de-DE" } });
    const now = new Date();
    await h.prisma.$transaction((tx) =>
      notify(tx, { customerId: "cus_w", type: "balance.low", dedupeKey: "balance.low:de", title: "Low balance: $4.20 left", body: "Your balance fell below the $5.00 alert threshold you set.", data: { asset: "USD", available: "4200000", threshold: "5000000" }, now }),
    );
    await drain(now);
    const mails = readOutbox().filter((m) => m.to === "owner@w.example"); // newest first
    expect(mails[0]!.subject).toMatch(/^Niedriges Guthaben: noch 4,20\s\$/);
    expect(mails[0]!.text).toMatch(/5,00\s\$/);
    expect(mails[0]!.text).not.toMatch(/Your balance/);
    expect(JSON.parse(hooks.received[0]!.body).data).toMatchObject({ available: "4200000" });
    await h.prisma.customer.update({ where: { id: "cus_w" }, data: { locale: null } });
  });
});
