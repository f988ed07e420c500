// A local Stripe API double for tests: a node:http server the real `stripe` SDK talks to through
// its host/port/protocol options. It implements the endpoints Portico's adapter calls
// (customers, setup_intents, payment_methods, payment_intents, charges, refunds), shapes every
// object from Stripe's published fixtures (./fixtures.json), honours Idempotency-Key (same key
// and parameters → the same response; different parameters → idempotency_error), decides charges
// by test card like Stripe's test mode, can fail requests on demand, and records the events
// Stripe would send — which tests deliver, signed, in any order.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import fixtures from "./fixtures.json";

type Obj = Record<string, unknown>;
type Resource = keyof typeof fixtures.resources;

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x").slice(0, 24)}`;

/** An object of `type`, from Stripe's fixture, with our fields on top. */
function shaped(type: Resource, fields: Obj): Obj {
  return { ...clone(fixtures.resources[type] as Obj), ...fields };
}

/** Stripe's test payment methods and cards, with what a charge on them does. */
export const TEST_PAYMENT_METHODS: Record<string, { number: string; brand: string }> = {
  pm_card_visa: { number: "4242424242424242", brand: "visa" },
  pm_card_mastercard: { number: "5555555555554444", brand: "mastercard" },
  pm_card_chargeDeclined: { number: "4000000000000002", brand: "visa" },
  pm_card_chargeDeclinedInsufficientFunds: { number: "4000000000009995", brand: "visa" },
  pm_card_authenticationRequired: { number: "4000002500003155", brand: "visa" },
};

type Outcome = { kind: "succeed" } | { kind: "decline"; code: string; decline_code: string; message: string } | { kind: "authenticate" };

function outcomeOf(number: string): Outcome {
  if (number === "4000000000000002") return { kind: "decline", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
  if (number === "4000000000009995") return { kind: "decline", code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." };
  if (number === "4000002500003155") return { kind: "authenticate" };
  return { kind: "succeed" };
}

/** Stripe's form encoding (a[b]=c, a[0]=x, a[]=y) → nested objects and arrays. */
export function parseForm(body: string): Obj {
  const out: Obj = {};
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const decode = (x: string) => decodeURIComponent(x.replace(/\+/g, " "));
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!m) continue;
    const parts = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)];
    let node: Obj = out;
    parts.forEach((p, i) => {
      const k = p === "" ? String(Object.keys(node).length) : p; // a[] appends
      if (i === parts.length - 1) node[k] = value;
      else node = (node[k] ??= {}) as Obj;
    });
  }
  // objects whose keys are all indexes are arrays
  const fix = (x: unknown): unknown => {
    if (!x || typeof x !== "object") return x;
    const o = x as Obj;
    const keys = Object.keys(o);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => fix(o[k]));
    return Object.fromEntries(keys.map((k) => [k, fix(o[k])]));
  };
  return fix(out) as Obj;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly body: Obj) {
    super(String((body.error as Obj | undefined)?.message ?? status));
  }
}

const notFound = (what: string, value: string) =>
  new HttpError(404, { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}: '${value}'`, param: "id" } });

export type SentEvent = { id: string; type: string; created: number; data: { object: Obj } };
export type RecordedRequest = { method: string; path: string; idempotencyKey: string | null; body: Obj };

export type StripeDouble = {
  host: string;
  port: number;
  url: string;
  /** Every request the SDK made, in order. */
  requests: RecordedRequest[];
  /** Events Stripe would have sent, in the order they happened. */
  events: SentEvent[];
  objects: Map<string, Obj>;
  /** The next `count` requests (matching `path` if given) answer `status` with an api_error. */
  failNext(count: number, opts?: { status?: number; path?: RegExp }): void;
  /** What Stripe.js does in the browser: confirm a SetupIntent with a test payment method. */
  confirmSetup(setupId: string, testPaymentMethod: keyof typeof TEST_PAYMENT_METHODS): Obj;
  /** What Stripe.js does after 3-D Secure: the payment succeeds or fails authentication. */
  completeAuthentication(paymentIntentId: string, passed: boolean): Obj;
  /** A dispute opened by the card holder's bank. */
  dispute(paymentIntentId: string): Obj;
  /** An event signed like Stripe signs it (optionally at another time or with another secret). */
  signed(event: SentEvent, opts: { secret: string; timestamp?: number }): { payload: string; header: string };
  /** Deliver an event to a webhook URL, signed. */
  deliver(url: string, event: SentEvent, opts: { secret: string; timestamp?: number }): Promise<{ status: number; body: string }>;
  lastEvent(type: string, objectId?: string): SentEvent;
  close(): Promise<void>;
};

export async function startStripeDouble(): Promise<StripeDouble> {
  const objects = new Map<string, Obj>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const requests: RecordedRequest[] = [];
  const events: SentEvent[] = [];
  const failures: { count: number; status: number; path?: RegExp }[] = [];
  const now = () => Math.floor(Date.now() / 1000);
  const signer = new Stripe("sk_test_double");

  const emit = (type: string, object: Obj) => {
    events.push({ ...(shaped("event", {}) as Obj), id: id("evt"), type, created: now(), data: { object: clone(object) } } as SentEvent);
  };
  const get = (prefix: string, key: string, what: string) => {
    const o = objects.get(key);
    if (!o || !key.startsWith(prefix)) throw notFound(what, key);
    return o;
  };
  const cardOf = (pm: Obj) => pm.card as Obj;

  function paymentMethodFor(ref: string): Obj {
    if (objects.has(ref)) return objects.get(ref)!;
    const test = TEST_PAYMENT_METHODS[ref];
    if (!test) throw notFound("PaymentMethod", ref);
    const pm = shaped("payment_method", {
      id: id("pm"),
      customer: null,
      created: now(),
      metadata: {},
      card: { ...cardOf(fixtures.resources.payment_method as Obj), brand: test.brand, display_brand: test.brand, last4: test.number.slice(-4), exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, __number: test.number },
    });
    objects.set(pm.id as string, pm);
    return pm;
  }

  const publicPm = (pm: Obj) => ({ ...pm, card: Object.fromEntries(Object.entries(cardOf(pm)).filter(([k]) => k !== "__number")) });

  function expand(o: Obj, paths: string[]): Obj {
    const out = clone(o);
    for (const p of paths) {
      const [head, ...rest] = p.split(".");
      if (head === "data" && Array.isArray(out.data)) {
        out.data = (out.data as Obj[]).map((x) => expand(x, [rest.join(".")]));
      } else if (head && typeof out[head] === "string" && objects.has(out[head] as string)) {
        const target = objects.get(out[head] as string)!;
        out[head] = target.object === "payment_method" ? publicPm(target) : clone(target);
      }
    }
    return out;
  }

  function newCharge(pi: Obj, pm: Obj): Obj {
    const charge = shaped("charge", {
      id: id("ch"), amount: pi.amount, amount_captured: pi.amount, amount_refunded: 0, captured: true, currency: pi.currency,
      customer: pi.customer, payment_intent: pi.id, payment_method: pm.id, paid: true, refunded: false, disputed: false, status: "succeeded",
      created: now(), metadata: pi.metadata, refunds: { object: "list", data: [], has_more: false, url: "/v1/refunds" },
    });
    objects.set(charge.id as string, charge);
    return charge;
  }

  /** Confirm a PaymentIntent: the card decides. Throws a 402 card error for a decline. */
  function confirm(pi: Obj, offSession: boolean) {
    const pm = get("pm_", pi.payment_method as string, "PaymentMethod");
    const outcome = outcomeOf(String(cardOf(pm).__number));
    if (outcome.kind === "succeed") {
      const charge = newCharge(pi, pm);
      Object.assign(pi, { status: "succeeded", amount_received: pi.amount, latest_charge: charge.id, last_payment_error: null, next_action: null });
      emit("charge.succeeded", charge);
      emit("payment_intent.succeeded", pi);
      return;
    }
    if (outcome.kind === "authenticate" && !offSession) {
      Object.assign(pi, { status: "requires_action", next_action: { type: "use_stripe_sdk", use_stripe_sdk: { type: "three_d_secure_redirect" } }, last_payment_error: null });
      emit("payment_intent.requires_action", pi);
      return;
    }
    const error =
      outcome.kind === "decline"
        ? { type: "card_error", code: outcome.code, decline_code: outcome.decline_code, message: outcome.message }
        : { type: "card_error", code: "authentication_required", decline_code: "authentication_required", message: "Your card was declined. This transaction requires authentication." };
    Object.assign(pi, { status: "requires_payment_method", last_payment_error: { ...error, payment_method: publicPm(pm) }, next_action: null });
    emit("payment_intent.payment_failed", pi);
    throw new HttpError(402, { error: { ...error, payment_intent: clone(pi), doc_url: "https://stripe.com/docs/error-codes/card-declined" } });
  }

  function route(method: string, path: string, body: Obj, query: Obj): Obj {
    let m: RegExpMatchArray | null;
    const expandPaths = ((body.expand ?? query.expand ?? []) as string[]).filter(Boolean);

    if (method === "POST" && path === "/v1/customers") {
      const c = shaped("customer", { id: id("cus"), email: body.email ?? null, name: body.name ?? null, metadata: body.metadata ?? {}, created: now(), discount: null, invoice_settings: { ...(fixtures.resources.customer.invoice_settings as Obj), default_payment_method: null } });
      objects.set(c.id as string, c);
      return c;
    }
    if ((m = path.match(/^\/v1\/customers\/([^/]+)$/))) {
      const c = get("cus_", m[1]!, "customer");
      if (method === "POST") {
        const settings = body.invoice_settings as Obj | undefined;
        if (settings?.default_payment_method) {
          const pm = get("pm_", settings.default_payment_method as string, "PaymentMethod");
          if (pm.customer !== c.id) throw new HttpError(400, { error: { type: "invalid_request_error", message: `The customer does not have a payment method with the ID ${pm.id}.` } });
          c.invoice_settings = { ...(c.invoice_settings as Obj), default_payment_method: pm.id };
        }
      }
      return c;
    }
    if (method === "POST" && path === "/v1/setup_intents") {
      const si = shaped("setup_intent", { id: id("seti"), customer: body.customer, usage: body.usage ?? "off_session", status: "requires_payment_method", payment_method: null, last_setup_error: null, next_action: null, created: now() });
      si.client_secret = `${si.id}_secret_${randomBytes(8).toString("hex")}`;
      objects.set(si.id as string, si);
      return si;
    }
    if ((m = path.match(/^\/v1\/setup_intents\/([^/]+)$/)) && method === "GET") return expand(get("seti_", m[1]!, "setup_intent"), expandPaths);
    if ((m = path.match(/^\/v1\/payment_methods\/([^/]+)$/)) && method === "GET") return publicPm(get("pm_", m[1]!, "PaymentMethod"));
    if ((m = path.match(/^\/v1\/payment_methods\/([^/]+)\/attach$/)) && method === "POST") {
      const pm = paymentMethodFor(m[1]!);
      pm.customer = get("cus_", String(body.customer), "customer").id;
      emit("payment_method.attached", publicPm(pm));
      return publicPm(pm);
    }
    if ((m = path.match(/^\/v1\/payment_methods\/([^/]+)\/detach$/)) && method === "POST") {
      const pm = get("pm_", m[1]!, "PaymentMethod");
      if (!pm.customer) throw new HttpError(400, { error: { type: "invalid_request_error", message: "The payment method you provided is not attached to a customer so detachment is impossible." } });
      pm.customer = null;
      emit("payment_method.detached", publicPm(pm));
      return publicPm(pm);
    }
    if (method === "GET" && path === "/v1/payment_methods") {
      const data = [...objects.values()].filter((o) => o.object === "payment_method" && o.customer === query.customer).map(publicPm);
      return { object: "list", data, has_more: false, url: "/v1/payment_methods" };
    }
    if (method === "POST" && path === "/v1/payment_intents") {
      const amount = Number(body.amount);
      if (!Number.isInteger(amount) || amount < 50) throw new HttpError(400, { error: { type: "invalid_request_error", code: "amount_too_small", message: "Amount must be at least $0.50 usd", param: "amount" } });
      // Stripe's special cases: three-decimal currencies in steps of 10, ISK (two-decimal in the API) of 100
      const step = ["bhd", "jod", "kwd", "omr", "tnd"].includes(String(body.currency)) ? 10 : body.currency === "isk" ? 100 : 1;
      if (amount % step !== 0) throw new HttpError(400, { error: { type: "invalid_request_error", message: `Invalid amount: ${String(body.currency).toUpperCase()} amounts must be divisible by ${step}.`, param: "amount" } });
      const pm = body.payment_method ? get("pm_", String(body.payment_method), "PaymentMethod") : null;
      if (pm && pm.customer !== body.customer) throw new HttpError(400, { error: { type: "invalid_request_error", message: `The provided PaymentMethod ${pm.id} belongs to another customer.` } });
      const pi = shaped("payment_intent", {
        id: id("pi"), amount, amount_received: 0, currency: body.currency, customer: body.customer ?? null, payment_method: pm?.id ?? null,
        description: body.description ?? null, metadata: body.metadata ?? {}, status: pm ? "requires_confirmation" : "requires_payment_method",
        latest_charge: null, last_payment_error: null, next_action: null, canceled_at: null, created: now(), transfer_data: null,
        setup_future_usage: null, payment_method_types: body.allowed_payment_method_types ?? ["card"],
      });
      pi.client_secret = `${pi.id}_secret_${randomBytes(8).toString("hex")}`;
      objects.set(pi.id as string, pi);
      emit("payment_intent.created", pi);
      if (body.confirm === "true") confirm(pi, body.off_session === "true");
      return expand(pi, expandPaths);
    }
    if (method === "GET" && path === "/v1/payment_intents") {
      const gte = Number((query.created as Obj | undefined)?.gte ?? 0);
      const data = [...objects.values()]
        .filter((o) => o.object === "payment_intent" && (!query.customer || o.customer === query.customer) && Number(o.created) >= gte)
        .sort((a, b) => Number(b.created) - Number(a.created))
        .map((o) => expand(o, expandPaths.map((p) => p.replace(/^data\./, ""))));
      return { object: "list", data, has_more: false, url: "/v1/payment_intents" };
    }
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)$/)) && method === "GET") return expand(get("pi_", m[1]!, "payment_intent"), expandPaths);
    if ((m = path.match(/^\/v1\/charges\/([^/]+)$/)) && method === "GET") return expand(get("ch_", m[1]!, "charge"), expandPaths);
    if (method === "POST" && path === "/v1/refunds") {
      const pi = get("pi_", String(body.payment_intent), "payment_intent");
      if (pi.status !== "succeeded") throw new HttpError(400, { error: { type: "invalid_request_error", code: "charge_not_refundable", message: "This PaymentIntent does not have a successful charge to refund." } });
      const charge = get("ch_", pi.latest_charge as string, "charge");
      const left = Number(charge.amount) - Number(charge.amount_refunded);
      const amount = body.amount ? Number(body.amount) : left;
      if (amount <= 0 || amount > left) throw new HttpError(400, { error: { type: "invalid_request_error", code: "amount_too_large", message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, param: "amount" } });
      const refund = shaped("refund", { id: id("re"), amount, charge: charge.id, payment_intent: pi.id, currency: pi.currency, status: "succeeded", created: now(), metadata: {} });
      objects.set(refund.id as string, refund);
      Object.assign(charge, { amount_refunded: Number(charge.amount_refunded) + amount, refunded: Number(charge.amount_refunded) + amount === Number(charge.amount) });
      emit("charge.refunded", charge);
      emit("refund.created", refund);
      return refund;
    }
    throw new HttpError(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://double");
      const raw = Buffer.concat(chunks).toString("utf8");
      const method = req.method ?? "GET";
      const body = method === "POST" ? parseForm(raw) : {};
      const query = parseForm(url.search.slice(1));
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({ method, path: url.pathname, idempotencyKey: key, body });
      const send = (status: number, text: string, replayed = false) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": id("req"), ...(replayed ? { "idempotent-replayed": "true" } : {}) });
        res.end(text);
      };
      if (!String(req.headers.authorization ?? "").startsWith("Bearer sk_test_")) {
        return send(401, JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided" } }));
      }
      const failure = failures.find((f) => f.count > 0 && (!f.path || f.path.test(url.pathname)));
      if (failure) {
        failure.count--;
        return send(failure.status, JSON.stringify({ error: { type: "api_error", message: "The double was told to fail this request." } }));
      }
      const fingerprint = `${method} ${url.pathname} ${raw}`;
      if (key && method === "POST") {
        const seen = idempotency.get(key);
        if (seen) {
          if (seen.fingerprint !== fingerprint) {
            return send(400, JSON.stringify({ error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } }));
          }
          return send(seen.status, seen.body, true);
        }
      }
      let status = 200;
      let text: string;
      try {
        text = JSON.stringify(route(method, url.pathname, body, query));
      } catch (e) {
        const err = e instanceof HttpError ? e : new HttpError(500, { error: { type: "api_error", message: `Double failed: ${e instanceof Error ? e.message : String(e)}` } });
        status = err.status;
        text = JSON.stringify(err.body);
      }
      if (key && method === "POST") idempotency.set(key, { fingerprint, status, body: text });
      send(status, text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const double: StripeDouble = {
    host: "127.0.0.1",
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    events,
    objects,
    failNext(count, opts = {}) {
      failures.push({ count, status: opts.status ?? 500, path: opts.path });
    },
    confirmSetup(setupId, testPaymentMethod) {
      const si = get("seti_", setupId, "setup_intent");
      const pm = paymentMethodFor(testPaymentMethod);
      pm.customer = si.customer;
      Object.assign(si, { status: "succeeded", payment_method: pm.id });
      emit("payment_method.attached", publicPm(pm));
      emit("setup_intent.succeeded", si);
      return si;
    },
    completeAuthentication(paymentIntentId, passed) {
      const pi = get("pi_", paymentIntentId, "payment_intent");
      if (pi.status !== "requires_action") throw new Error(`${paymentIntentId} is ${String(pi.status)}`);
      if (passed) {
        const pm = get("pm_", pi.payment_method as string, "PaymentMethod");
        const charge = newCharge(pi, pm);
        Object.assign(pi, { status: "succeeded", amount_received: pi.amount, latest_charge: charge.id, next_action: null });
        emit("charge.succeeded", charge);
        emit("payment_intent.succeeded", pi);
      } else {
        Object.assign(pi, { status: "requires_payment_method", next_action: null, last_payment_error: { type: "card_error", code: "payment_intent_authentication_failure", message: "We are unable to authenticate your payment method." } });
        emit("payment_intent.payment_failed", pi);
      }
      return pi;
    },
    dispute(paymentIntentId) {
      const pi = get("pi_", paymentIntentId, "payment_intent");
      const charge = get("ch_", pi.latest_charge as string, "charge");
      charge.disputed = true;
      const dp = shaped("dispute", { id: id("dp"), amount: charge.amount, charge: charge.id, payment_intent: pi.id, currency: pi.currency, created: now(), reason: "fraudulent", status: "needs_response" });
      objects.set(dp.id as string, dp);
      emit("charge.dispute.created", dp);
      return dp;
    },
    signed(event, opts) {
      const payload = JSON.stringify(event, null, 2);
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret, timestamp: opts.timestamp ?? now() });
      return { payload, header };
    },
    async deliver(url, event, opts) {
      const { payload, header } = double.signed(event, opts);
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload });
      return { status: r.status, body: await r.text() };
    },
    lastEvent(type, objectId) {
      const found = [...events].reverse().find((e) => e.type === type && (!objectId || e.data.object.id === objectId));
      if (!found) throw new Error(`No ${type} event${objectId ? ` for ${objectId}` : ""}`);
      return found;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return double;
}
