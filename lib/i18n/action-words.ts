// The sentences lib/ answers the portal with (an action's refusal, a service's message), in the
// locale of the portal request they run in: portalAction runs every action inside
// withLocale(ctx.locale). Outside any scope — the merchant API, jobs, scripts — they stay English
// (displayLocale(null) is en-US there), so a service the API shares keeps answering in English.
import { displayLocale } from "./locale-scope";
import { say } from "./say";

/** `actionWords()("plan.already", { plan })`: the `actions` messages in the scope's language. */
export function actionWords() {
  return say(displayLocale(null), "actions");
}
