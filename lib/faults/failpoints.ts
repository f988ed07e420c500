// Named failpoints for fault-injection tests: `PORTICO_FAILPOINTS=purchase.after_charge:crash`
// (comma-separated `name:action`) makes the process die right there, as a power cut or an OOM kill
// would. Inert when the variable is unset (one cached lookup). Actions:
//   crash  SIGKILL of this very process (no cleanup, no response, no finally blocks)
//   error  throw, as a lost database connection would inside a request
//   pause  print the failpoint and block the process for 3 s, so a test can cut the database
//          connection (a TCP proxy) at exactly this step; then carry on
const FAILPOINTS = [
  "purchase.before_charge",
  "purchase.after_charge",
  "purchase.after_credit",
  // the period close: its renewal invoice's charge (chargePayment, purpose "subscription"), and
  // between claiming the period and posting its ledger transfers (one transaction)
  "close.before_charge",
  "close.after_charge",
  "close.mid",
] as const;

type FailpointName = (typeof FAILPOINTS)[number];
type Action = "crash" | "error" | "pause";

let parsed: { raw: string | undefined; points: Map<string, Action> } | undefined;

function points(): Map<string, Action> {
  const raw = process.env.PORTICO_FAILPOINTS;
  if (parsed && parsed.raw === raw) return parsed.points;
  const map = new Map<string, Action>();
  for (const part of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [name, action = "crash"] = part.split(":");
    if (!(FAILPOINTS as readonly string[]).includes(name!)) throw new Error(`PORTICO_FAILPOINTS: unknown failpoint "${name}" (known: ${FAILPOINTS.join(", ")})`);
    if (action !== "crash" && action !== "error" && action !== "pause") throw new Error(`PORTICO_FAILPOINTS: unknown action "${action}" for ${name} (crash, error or pause)`);
    map.set(name!, action);
  }
  parsed = { raw, points: map };
  return map;
}

export class FailpointError extends Error {}

/** Die here (or throw) when the failpoint is armed; nothing otherwise. */
export function failpoint(name: FailpointName): void {
  if (!process.env.PORTICO_FAILPOINTS) return;
  const action = points().get(name);
  if (!action) return;
  console.error(`[failpoint] ${name}: ${action}`);
  if (action === "crash") process.kill(process.pid, "SIGKILL");
  if (action === "pause") {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_000);
    return;
  }
  throw new FailpointError(`failpoint ${name}`);
}
