// The consumption models' registry: a plan (or a model) → its rules. Callers ask the rules
// instead of branching on `plan.model`; a new model is a file beside this one and an entry here
// (RulesRegistry makes a missing one a compile error).
import type { ConsumptionModel, PlanDef } from "../terms";
import { balanceRules } from "./balance";
import { creditsRules } from "./credits";
import { meteredRules } from "./metered";
import type { ConsumptionModelRules, RulesRegistry } from "./types";

export { modelWord } from "./shared";

export const MODEL_RULES: RulesRegistry = {
  metered: meteredRules,
  credits: creditsRules,
  balance: balanceRules,
};

export const CONSUMPTION_MODELS = Object.keys(MODEL_RULES) as ConsumptionModel[];

/**
 * The rules of a plan's model. Called with a plan, the rules' plan arguments take that plan (the
 * registry pairs each model with its own plan shape); called with a bare model, use only the
 * rules that take no plan.
 */
export function rulesFor<P extends PlanDef>(plan: P): ConsumptionModelRules<P>;
export function rulesFor(model: ConsumptionModel): ConsumptionModelRules;
export function rulesFor(x: PlanDef | ConsumptionModel): ConsumptionModelRules {
  const rules = MODEL_RULES[typeof x === "string" ? x : x.model];
  return rules as unknown as ConsumptionModelRules;
}

