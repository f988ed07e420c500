// The rate limits' configuration, pure (no database): which limits exist, their environment
// variables and defaults, and how "<max>/<seconds>" is read. lib/services/shared/rate-limits.ts counts
// attempts against them; `npm start` checks the configuration before it starts the server, so a
// mistyped limit stops the start with its name instead of failing every purchase later.
export type Limit = { max: number; windowSeconds: number };
type Env = Record<string, string | undefined>;

const LIMITS = {
  /** Sign-in links asked for one email address. */
  signInEmail: { env: "PORTICO_LIMIT_SIGNIN_EMAIL", fallback: "5/900" },
  /** Sign-in links asked from one client address (offices share one). */
  signInIp: { env: "PORTICO_LIMIT_SIGNIN_IP", fallback: "30/900" },
  /** Purchases and add-funds confirmations of one customer account, from the portal. */
  purchase: { env: "PORTICO_LIMIT_PURCHASE", fallback: "10/600" },
} as const;

type LimitName = keyof typeof LIMITS;

/** "5/900" → 5 per 900 s; "0" or "off" → null (no limit). Anything else is a configuration error. */
export function parseLimit(text: string): Limit | null {
  const t = text.trim();
  if (t === "0" || t === "off") return null;
  const m = /^(\d{1,6})\/(\d{1,7})$/.exec(t);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`A rate limit is "<max>/<seconds>" (e.g. 5/900) or 0 to turn it off; got "${text}".`);
  return { max: Number(m[1]), windowSeconds: Number(m[2]) };
}

export function limitFor(name: LimitName, env: Env = process.env): Limit | null {
  const { env: variable, fallback } = LIMITS[name];
  return parseLimit(env[variable] ?? fallback);
}

/** Every limit set wrongly in `env`, as "VARIABLE: why" lines (none when all are fine). */
export function limitConfigErrors(env: Env = process.env): string[] {
  const errors: string[] = [];
  for (const name of Object.keys(LIMITS) as LimitName[]) {
    try {
      limitFor(name, env);
    } catch (e) {
      errors.push(`${LIMITS[name].env}: ${(e as Error).message}`);
    }
  }
  return errors;
}
