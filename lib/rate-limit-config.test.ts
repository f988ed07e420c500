import { describe, expect, it } from "vitest";
import { limitConfigErrors, limitFor } from "./rate-limit-config";

describe("rate limit configuration", () => {
  it("uses the defaults, or what the environment says, or none for 0", () => {
    expect(limitFor("purchase", {})).toEqual({ max: 10, windowSeconds: 600 });
    expect(limitFor("purchase", { PORTICO_LIMIT_PURCHASE: "200/600" })).toEqual({ max: 200, windowSeconds: 600 });
    expect(limitFor("purchase", { PORTICO_LIMIT_PURCHASE: "0" })).toBeNull();
  });

  it("names every limit set wrongly, so the start can refuse instead of every purchase failing", () => {
    expect(limitConfigErrors({})).toEqual([]);
    const errors = limitConfigErrors({ PORTICO_LIMIT_PURCHASE: "1000000/600", PORTICO_LIMIT_SIGNIN_IP: "lots" });
    expect(errors).toEqual([
      'PORTICO_LIMIT_SIGNIN_IP: A rate limit is "<max>/<seconds>" (e.g. 5/900) or 0 to turn it off; got "lots".',
      'PORTICO_LIMIT_PURCHASE: A rate limit is "<max>/<seconds>" (e.g. 5/900) or 0 to turn it off; got "1000000/600".',
    ]);
  });
});
