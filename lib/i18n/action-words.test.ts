// The `actions` messages that word a consumption model's own sentences (what a cancelled plan keeps,
// the model's name) say in English exactly what the model's rules say, so the
// portal's English stays the same sentence; and outside a locale scope (the merchant API, jobs) they
// are English whatever the customer speaks.
import { describe, expect, it } from "vitest";
import { rulesFor } from "@/lib/billing/models";
import type { ConsumptionModel } from "@/lib/billing/terms";
import { actionWords } from "./action-words";
import { withLocale } from "./locale-scope";
import { say } from "./say";

const MODELS: ConsumptionModel[] = ["metered", "credits", "balance"];
const en = say("en-US", "actions");

describe("the actions messages in English", () => {
  it.each(MODELS)("say the %s model's own words", (model) => {
    const rules = rulesFor(model);
    expect(en("plan.ends", { plan: "Pro", end: "May 1, 2026", model, keeps: "" })).toBe(
      `Your Pro plan ends on May 1, 2026. Until then you keep ${rules.keepsWords}; you will not be billed again. You can resume before May 1, 2026.`,
    );
    if (!rules.topUp) expect(en("autoTopUp.noTopUp", { model })).toBe(`${rules.label} plans have no top-up: upgrade the plan instead.`);
  });

  it("keep English singular and plural where the sentence had them", () => {
    expect(en("purchase.expiresOn", { date: "Jan 1, 2027", months: 12 })).toBe("Expires on Jan 1, 2027 (12 months)");
    expect(en("purchase.expiresOn", { date: "Feb 1, 2026", months: 1 })).toBe("Expires on Feb 1, 2026 (1 month)");
    expect(en("plan.pricePer", { price: "$49.00", months: 1 })).toBe("$49.00 per month");
    expect(en("plan.pricePer", { price: "$490.00", months: 12 })).toBe("$490.00 per 12 months");
    const duplicate = (minutes: number, invoice: string) => en("purchase.duplicate", { description: "500 credits (500 credits pack)", minutes, invoice });
    expect(duplicate(1, "none")).toBe("You bought 500 credits (500 credits pack) a moment ago. Buy it again?");
    expect(duplicate(4, "INV-0007")).toBe("You bought 500 credits (500 credits pack) 4 minutes ago (INV-0007). Buy it again?");
    const limited = (wait: number, unit: string) => en("portal.rateLimited", { max: "10", window: 10, unit, wait });
    expect(limited(1, "seconds")).toBe("Too many payments in a short time (at most 10 in 10 minutes). Try again in 1 second.");
    expect(limited(45, "seconds")).toBe("Too many payments in a short time (at most 10 in 10 minutes). Try again in 45 seconds.");
    expect(limited(3, "minutes")).toBe("Too many payments in a short time (at most 10 in 10 minutes). Try again in 3 minutes.");
  });
});

describe("actionWords", () => {
  it("speaks the scope's language, and English outside any scope", () => {
    expect(actionWords()("plan.none")).toBe("This account has no plan.");
    expect(withLocale("de-DE", () => actionWords()("plan.none"))).toBe("Dieses Konto hat keinen Tarif.");
    expect(withLocale("ja-JP", () => actionWords()("card.expired", { which: "default", last4: "4242" }))).toBe(
      "既定のカード（•••• 4242）の有効期限が切れています。「お支払い」ページで新しいカードを追加してください。",
    );
    expect(withLocale("fr-FR", () => actionWords()("team.invited", { email: "a@b.example", role: "viewer" }))).toBe(
      "a@b.example a été ajouté avec le rôle lecteur et a reçu par e-mail les instructions pour se connecter.",
    );
    expect(withLocale("es-ES", () => actionWords()("purchase.inactive", { status: "suspended" }))).toBe("Su suscripción está suspendida. Reactívela antes de comprar más.");
  });
});
