import { describe, expect, it } from "vitest";
import { DEMO_PLANS_ABROAD, demoPlan, describeAction, describePolicies, type PlanDef } from "./plans";

const creator = demoPlan("credits", "creator");
const apiPro = demoPlan("metered", "api_pro");
const platformJpy = DEMO_PLANS_ABROAD.find((p) => p.code === "platform_jpy")!;

describe("how a plan works, in plain words", () => {
  it("English, as the portal and the merchant API have always said it", () => {
    expect(describePolicies(creator)).toEqual([
      "$49.00 per month gives 1,000 credits each period.",
      "Unused plan credits expire at renewal.",
      "Plan credits are spent first, then purchased credits, the ones expiring soonest first. Purchased credits last 12 months.",
      "When you run out, actions are refused until you buy a credit pack.",
    ]);
    const quarterly: PlanDef = { ...apiPro, intervalMonths: 3, zeroBalancePolicy: "block" };
    expect(describePolicies(quarterly)).toEqual([
      "$99.00 per 3 months includes 10,000 API calls each period; unused ones do not carry over.",
      "Beyond that, calls are refused until the next period.",
    ]);
    expect(describeAction(creator, creator.actions[0]!)).toBe("Image generation — 10 credits per image");
  });

  it("German and French: whole sentences, the amounts written their way", () => {
    expect(describePolicies(creator, "de-DE")).toEqual([
      "Für 49,00\u00a0$ pro Monat erhalten Sie in jedem Zeitraum 1.000 Credits.",
      "Nicht genutzte Tarif-Credits verfallen bei der Verlängerung.",
      "Zuerst werden Tarif-Credits verbraucht, dann gekaufte Credits, die am frühesten verfallenden zuerst. Gekaufte Credits sind 12 Monate gültig.",
      "Wenn nichts mehr übrig ist, werden Aktionen abgelehnt, bis Sie ein Credit-Paket kaufen.",
    ]);
    expect(describePolicies({ ...apiPro, intervalMonths: 3 }, "fr-FR")[0]).toBe(
      "99,00\u00a0$US tous les 3 mois inclut 10\u202f000 appels d’API à chaque période ; ceux que vous n’utilisez pas ne sont pas reportés.",
    );
  });

  it("Japanese, in yen; the merchant's action names as its catalogue translates them, else as it spells them", () => {
    expect(describePolicies(platformJpy, "ja-JP")).toEqual([
      "月額 ￥7,500で、毎期 ￥7,500 が利用分として残高に追加されます。",
      "一度に ￥1,000 から ￥500,000 まで入金できます。",
      "使い切ると、入金されるまでアクションは実行できません。",
    ]);
    expect(describeAction(platformJpy, platformJpy.actions[1]!, "ja-JP")).toBe("ビルド時間 — 分あたり ￥6");
    const { translations: _none, ...untranslated } = platformJpy.actions[1]!;
    expect(describeAction(platformJpy, untranslated, "ja-JP")).toBe("Build minute — minuteあたり ￥6");
  });
});
