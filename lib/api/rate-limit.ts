// A token bucket per API key and process: PORTICO_API_RATE (requests per second, default 100)
// sustained, bursts up to twice that. Behind a load balancer each instance applies it on its
// own, which is what it is for — keeping one merchant's runaway loop from starving the others.
import { ApiError } from "./errors";

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  private buckets = new Map<string, Bucket>();
  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = ratePerSecond * 2,
  ) {}

  /** Take one token for `key`, or throw rate_limited with the seconds to wait. */
  take(key: string, nowMs: number = performance.now()): void {
    if (this.ratePerSecond <= 0) return; // 0 turns it off
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 10_000) this.buckets.clear();
      b = { tokens: this.burst, at: nowMs };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((nowMs - b.at) / 1000) * this.ratePerSecond);
    b.at = nowMs;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    const wait = Math.max(1, Math.ceil((1 - b.tokens) / this.ratePerSecond));
    throw new ApiError("rate_limited", `Too many requests for this API key (limit ${this.ratePerSecond} per second). Retry after ${wait} s.`, {
      headers: { "Retry-After": String(wait) },
    });
  }
}

const globalForLimiter = globalThis as unknown as { __porticoRateLimiter?: RateLimiter };

export function apiRateLimiter(): RateLimiter {
  return (globalForLimiter.__porticoRateLimiter ??= new RateLimiter(Number(process.env.PORTICO_API_RATE ?? 100)));
}
