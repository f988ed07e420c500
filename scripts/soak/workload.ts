// The soak's load: `concurrency` clients sending mixed operations to the two servers until
// `operations` were sent (or `maxSeconds` passed) — usage batches and re-sent ones, holds placed on
// one server and captured or released on the other, purchases through the portal's server action
// (some double-submitted to both servers), wallet reads — and the period close on a moved clock
// halfway through.
import { randomBytes } from "node:crypto";
import { runScript } from "./processes";
import { ACTIONS, type SoakCustomer } from "./setup";

type LoadOptions = {
  operations: number;
  concurrency: number;
  maxSeconds: number;
  customers: SoakCustomer[];
  /** The merchant's API key. */
  key: string;
  purchaseActionId: string;
  /** The two servers' base URLs. */
  bases: string[];
  env: NodeJS.ProcessEnv;
  log: (s: string) => void;
};

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

export async function runLoad(options: LoadOptions) {
  const { customers, key, purchaseActionId, bases, env, log } = options;
  const latencies: Record<string, number[]> = {};
  const counts: Record<string, number> = {};
  const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
  let serverErrors = 0;
  let sent = 0;
  let seq = 0;
  const acceptedEvents = new Set<string>();
  const sentBatches: { body: string; ids: string[] }[] = [];
  const formKeys = new Set<string>();
  const deadline = performance.now() + options.maxSeconds * 1000;
  const closeAt = Math.floor(options.operations / 2);
  let close: Promise<{ code: number; out: string }> | null = null;
  let closeClock: Date | null = null;

  const call = async (kind: string, base: string, pathname: string, init: RequestInit & { json?: unknown } = {}) => {
    sent++;
    const t0 = performance.now();
    const res = await fetch(`${base}${pathname}`, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
    });
    const text = await res.text();
    (latencies[kind] ??= []).push(performance.now() - t0);
    bump(`http_${kind}`);
    if (res.status >= 500) {
      serverErrors++;
      log(`${kind} → HTTP ${res.status}: ${text.slice(0, 300)}`);
    }
    return { status: res.status, text };
  };
  const json = <T,>(text: string): T => JSON.parse(text) as T;

  const usageOp = async (base: string) => {
    if (sentBatches.length > 20 && Math.random() < 0.05) {
      // a retry of a batch already sent (the merchant's product timed out): nothing is charged twice
      const again = pick(sentBatches);
      const r = await call("usage_retry", base, "/api/v1/usage", { body: again.body, method: "POST" });
      if (r.status === 200) {
        const out = json<{ results: { id: string; status: string }[] }>(r.text);
        for (const e of out.results) {
          // An event refused the first time (wallet empty) is not recorded: re-sent after a top-up it
          // may be accepted now. One accepted before must come back "duplicate".
          if (e.status === "accepted" && acceptedEvents.has(e.id)) bump("usage_retry_accepted_again");
          else if (e.status === "accepted") {
            acceptedEvents.add(e.id);
            bump("usage_retry_accepted_now");
          } else bump(`usage_retry_${e.status}`);
        }
      }
      return;
    }
    const c = pick(customers);
    const n = 1 + Math.floor(Math.random() * 5);
    const ids: string[] = [];
    const events = Array.from({ length: n }, () => {
      const id = `soak-${seq++}`;
      ids.push(id);
      const action = pick(ACTIONS[c.model]);
      return { id, customer: c.id, action, quantity: 1 + Math.floor(Math.random() * (c.model === "balance" ? 20 : 4)), timestamp: new Date().toISOString() };
    });
    const body = JSON.stringify({ events });
    const r = await call("usage", base, "/api/v1/usage", { body, method: "POST" });
    if (r.status !== 200) return;
    sentBatches.push({ body, ids });
    const out = json<{ results: { id: string; status: string; reason?: string }[] }>(r.text);
    for (const e of out.results) {
      bump(`events_${e.status}`);
      if (e.status === "accepted") acceptedEvents.add(e.id);
    }
  };

  const holdOp = async (base: string, other: string) => {
    const c = pick(customers);
    const quantity = 1 + Math.floor(Math.random() * 3);
    const r = await call("authorize", base, "/api/v1/authorize", { json: { customer: c.id, action: pick(ACTIONS[c.model]), quantity, hold: true, hold_ttl_seconds: 10 } });
    if (r.status !== 200) return;
    const a = json<{ allowed: boolean; hold: { id: string } | null }>(r.text);
    if (!a.allowed || !a.hold) return bump("authorize_refused");
    bump("holds_placed");
    const roll = Math.random();
    if (roll < 0.1) return bump("holds_left_to_expire"); // nobody resolves it: the workers' sweep expires it
    if (roll < 0.55) {
      const q = 1 + Math.floor(Math.random() * quantity);
      const cap = await call("capture", other, `/api/v1/holds/${a.hold.id}/capture`, { json: { quantity: q } });
      bump(cap.status === 200 ? "holds_captured" : `capture_${cap.status}`);
    } else {
      const rel = await call("release", other, `/api/v1/holds/${a.hold.id}/release`, { json: {} });
      bump(rel.status === 200 ? "holds_released" : `release_${rel.status}`);
    }
  };

  const purchaseOnce = async (base: string, c: SoakCustomer, input: unknown) => {
    const r = await call("purchase", base, "/credits", {
      method: "POST",
      headers: { Authorization: "", Cookie: c.cookie, Origin: base, Accept: "text/x-component", "Next-Action": purchaseActionId, "Content-Type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([{ ...(input as object), accountId: c.id }]), // the account the page was drawn for
    });
    // The RSC answer: the action's return value is the row "1:{…}".
    const line = r.text.split("\n").find((l) => l.startsWith("1:"));
    if (r.status !== 200 || !line) {
      bump(`purchase_http_${r.status}`);
      return null;
    }
    return json<{ ok: boolean; code?: string; payment?: { status: string } }>(line.slice(2));
  };

  const purchaseOp = async (base: string, other: string) => {
    const c = pick(customers.filter((x) => x.model !== "metered"));
    const input = c.model === "credits" ? { choice: { kind: "pack", packCode: Math.random() < 0.8 ? "pack_500" : "pack_2000" }, formKey: randomBytes(12).toString("hex") } : { choice: { kind: "funds", amount: String(10 + Math.floor(Math.random() * 90)) }, formKey: randomBytes(12).toString("hex") };
    formKeys.add(`${c.id}:${input.formKey}`);
    // A third of them are a double submit: the same form to both servers at once.
    const answers = Math.random() < 0.33 ? await Promise.all([purchaseOnce(base, c, input), purchaseOnce(other, c, input)]) : [await purchaseOnce(base, c, input)];
    for (const a of answers) bump(a ? (a.ok ? `purchase_${a.payment?.status}` : `purchase_refused_${a.code}`) : "purchase_no_answer");
    if (answers.length === 2) bump("purchase_double_submits");
  };

  const walletOp = async (base: string) => {
    const c = pick(customers);
    await call("wallet", base, `/api/v1/customers/${c.id}/wallet`);
  };

  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      while (sent < options.operations && performance.now() < deadline) {
        if (!close && sent >= closeAt) {
          // The period close in the middle of the load, on a moved clock: past the grace window of
          // the period that ended an hour before the soak started.
          closeClock = new Date(Date.now() + 25 * 3_600_000);
          bump("period_close_runs");
          log(`period close: npm run billing:close -- --now ${closeClock.toISOString()} (at operation ${sent})`);
          close = runScript("billing:close", ["--now", closeClock.toISOString()], env);
        }
        const base = bases[client % 2]!;
        const other = bases[(client + 1) % 2]!;
        const roll = Math.random();
        if (roll < 0.5) await usageOp(base);
        else if (roll < 0.72) await holdOp(base, other);
        else if (roll < 0.82) await purchaseOp(base, other);
        else await walletOp(base);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const closed = close ? await (close as Promise<{ code: number; out: string }>) : { code: -1, out: "the close never ran" };
  log(`load done: ${sent} operations in ${seconds.toFixed(1)} s; period close exit ${closed.code}: ${closed.out.split("\n").at(-1)}`);
  return { t0, seconds, sent, latencies, counts, serverErrors, acceptedEvents, formKeys, closed };
}
