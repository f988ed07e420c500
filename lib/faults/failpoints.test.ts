// The failpoints are inert unless armed, and a mistyped PORTICO_FAILPOINTS fails loudly instead of
// silently testing nothing.
import { afterEach, describe, expect, it } from "vitest";
import { failpoint, FailpointError } from "./failpoints";

afterEach(() => {
  delete process.env.PORTICO_FAILPOINTS;
});

describe("failpoints", () => {
  it("do nothing when PORTICO_FAILPOINTS is unset or names another point", () => {
    expect(() => failpoint("purchase.after_charge")).not.toThrow();
    process.env.PORTICO_FAILPOINTS = "purchase.before_charge:error";
    expect(() => failpoint("purchase.after_charge")).not.toThrow();
  });

  it("throw at an armed point with the error action", () => {
    process.env.PORTICO_FAILPOINTS = "close.mid:error, purchase.after_credit:error";
    expect(() => failpoint("close.mid")).toThrow(FailpointError);
    expect(() => failpoint("purchase.after_credit")).toThrow("failpoint purchase.after_credit");
  });

  it("refuse an unknown point or action with the list of known ones", () => {
    process.env.PORTICO_FAILPOINTS = "purchase.after_chrage:crash";
    expect(() => failpoint("purchase.after_charge")).toThrow(/unknown failpoint "purchase.after_chrage" \(known: purchase.before_charge, /);
    process.env.PORTICO_FAILPOINTS = "close.mid:explode";
    expect(() => failpoint("close.mid")).toThrow('unknown action "explode" for close.mid (crash, error or pause)');
  });
});
