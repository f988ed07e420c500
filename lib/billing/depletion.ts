// When an amount is used up at a recent rate (the forecast's arithmetic, shared with the models).
const DAY_MS = 86_400_000;

/** When `amount` is used up at `windowCost` per `windowMs`, from `from`; null when never in sight. */
export function depletion(from: Date, amount: bigint, windowCost: bigint, windowMs: number): Date | null {
  if (amount <= 0n) return from;
  if (windowCost <= 0n) return null;
  const ms = (amount * BigInt(windowMs)) / windowCost;
  // Beyond anything a billing period cares about: treat as "not in sight".
  if (ms > 100n * 365n * BigInt(DAY_MS)) return null;
  return new Date(from.getTime() + Number(ms));
}
