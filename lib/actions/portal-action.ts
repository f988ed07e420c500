import "server-only";
// The one opening of every portal server action: the session, the account the page was drawn for
// (refused when the session now acts for another — a switch in another tab), the role, the input
// through zod, and the card-charge rate limit where the action charges a card. Every action
// answers one `ActionResult`. An action is `export const verbNoun = portalAction({ … }, fn)` in
// its own file under lib/actions/ (test/security/route-coverage.test.ts reads these declarations).
// Each action runs inside withLocale(ctx.locale): the services it calls answer and format in the
// customer's language (lib/i18n/action-words.ts), and so do the builder's own refusals.
import { headers } from "next/headers";
import { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import { getPortalContext, type PortalContext } from "@/lib/auth/session";
import { actionWords } from "@/lib/i18n/action-words";
import { withLocale } from "@/lib/i18n/locale-scope";
import { resolveLocale } from "@/lib/i18n/locales";
import { say } from "@/lib/i18n/say";
import { cardChargeLimit } from "@/lib/services/shared";

export type ActionFailure = {
  ok: false;
  code: string;
  message: string;
  /** The field the message is about; `fieldErrors` has every field's when a form has several wrong. */
  field?: string;
  fieldErrors?: Record<string, string>;
  paymentId?: string;
  retryAfterSeconds?: number;
};
type ActionDeclaration = {
  permission: Permission;
  /** The action may charge the customer's card: counted by the card-charge rate limit. */
  chargesCard: boolean;
};

/** A refusal of input the page would never send, by its key in the `actions` messages. */
type InvalidKey = "portal.invalidRequest" | "portal.cardSetupInvalid" | "portal.cardInvalid" | "portal.noAlertChosen";
type Spec<S extends z.ZodType> = { permission: Permission; chargesCard?: boolean; input: S; invalidMessage?: InvalidKey };

const accountSchema = z.object({ accountId: z.string().min(1).max(100) });

/**
 * The locale of a request no account speaks for yet (signed out) or whose account's choice was
 * just changed: the account's own, else the browser's, else English.
 */
export async function requestLocale(customerLocale: string | null = null): Promise<string> {
  let acceptLanguage: string | null = null;
  try {
    acceptLanguage = (await headers()).get("accept-language");
  } catch {
    // outside a request (a script or a test calling an action)
  }
  return resolveLocale({ customerLocale, acceptLanguage });
}

/** The input every portal action takes: its own fields and the account the page was drawn for. */
type PortalInput<S extends z.ZodType> = z.input<S> & { accountId: string };

/**
 * The session's context when it may act for `accountId` with `permission`; a refusal otherwise
 * (nothing is done): signed out, the page's account is not the session's current one, or the role.
 */
async function portalGuard(raw: unknown, permission: Permission): Promise<PortalContext | ActionFailure> {
  const ctx = await getPortalContext();
  if (!ctx) return { ok: false, code: "unauthenticated", message: say(await requestLocale(), "actions")("portal.signedOut") };
  const t = say(ctx.locale, "actions");
  const account = accountSchema.safeParse(raw);
  if (!account.success) return { ok: false, code: "invalid_request", message: t("portal.invalidRequest") };
  const pageAccount = account.data.accountId;
  if (pageAccount !== ctx.customerId) {
    const drawnFor = ctx.memberships.find((m) => m.customerId === pageAccount)?.customerName;
    return {
      ok: false,
      code: "account_changed",
      message: drawnFor ? t("portal.accountChanged", { drawnFor, current: ctx.customerName }) : t("portal.accountGone", { current: ctx.customerName }),
    };
  }
  if (!can(ctx.role, permission)) {
    return { ok: false, code: "forbidden", message: t("portal.forbidden", { role: ctx.role, customer: ctx.customerName }) };
  }
  return ctx;
}

const isFailure = (x: PortalContext | ActionFailure): x is ActionFailure => "ok" in x && x.ok === false;

function invalid(error: z.ZodError, fallback: InvalidKey): ActionFailure {
  // A rule of the schema that speaks to the customer (a refine with its own message) is shown with
  // its field; anything else is a request the page would never send.
  const spoken = error.issues.filter((i) => i.code === "custom");
  if (spoken.length > 0) {
    const fieldErrors: Record<string, string> = {};
    for (const i of spoken) {
      const f = i.path.map(String).at(-1);
      if (f && !(f in fieldErrors)) fieldErrors[f] = i.message;
    }
    return { ok: false, code: "invalid_input", message: spoken[0]!.message, field: spoken[0]!.path.map(String).at(-1), fieldErrors };
  }
  return { ok: false, code: "invalid_request", message: actionWords()(fallback) };
}

/** A server action taking one object (client components call it with the page's `accountId`). */
export function portalAction<S extends z.ZodType, R extends { ok: boolean }>(
  spec: Spec<S>,
  fn: (ctx: PortalContext, input: z.output<S>) => Promise<R>,
): ((raw: PortalInput<S>) => Promise<R | ActionFailure>) & { declaration: ActionDeclaration } {
  const declaration: ActionDeclaration = { permission: spec.permission, chargesCard: spec.chargesCard ?? false };
  const action = async (raw: PortalInput<S>): Promise<R | ActionFailure> => {
    const ctx = await portalGuard(raw, spec.permission);
    if (isFailure(ctx)) return ctx;
    // the schema's own sentences (refines, transforms) are worded while it parses: in the scope too
    return withLocale(ctx.locale, async () => {
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error, spec.invalidMessage ?? "portal.invalidRequest");
      if (declaration.chargesCard) {
        // per customer account, counted across every app instance
        const limited = await cardChargeLimit(ctx.customerId);
        if (limited) return limited;
      }
      return fn(ctx, parsed.data);
    });
  };
  return Object.assign(action, { declaration });
}

/** The FormData of a server-rendered or `useActionState` form as an object (repeated names → arrays). */
function formObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/**
 * The same, for a `<form action>`: called `(previous, form)` by `useActionState`, or `(form)` by a
 * server-rendered form. The form carries the page's account as a hidden `accountId` field.
 */
export function portalFormAction<S extends z.ZodType, R extends { ok: boolean }>(
  spec: Spec<S>,
  fn: (ctx: PortalContext, input: z.output<S>) => Promise<R>,
): ((previous: unknown, form?: FormData) => Promise<R | ActionFailure>) & { declaration: ActionDeclaration } {
  const inner = portalAction(spec, fn);
  const action = async (previous: unknown, form?: FormData) => {
    const data = form ?? previous;
    if (!(data instanceof FormData)) return { ok: false as const, code: "invalid_request", message: say(await requestLocale(), "actions")("portal.invalidRequest") };
    return inner(formObject(data) as PortalInput<S>);
  };
  return Object.assign(action, { declaration: inner.declaration });
}

/**
 * A form action as a server-rendered `<form action>` takes it (its answer is not read there: the
 * page re-renders). The same server reference, only typed for the form.
 */
export function asFormAction(action: (previous: unknown, form?: FormData) => Promise<unknown>): (form: FormData) => Promise<void> {
  return action as unknown as (form: FormData) => Promise<void>;
}

/** A list field of a form: one checked box arrives as a string, several as an array. */
export const formList = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
