// The merchant's catalogue: who you are and what you sell. Edit it, then
//   npm run catalog:apply            shows what would change
//   npm run catalog:apply -- --yes   applies it, in one transaction
// `npm start` applies it to an empty database. Money is written as strings in your currency
// ("25.00", "0.002"), credits too ("10"). This file is the demo merchant; a second example is
// examples/catalog/northwind.config.ts.
import { DEMO_ACTION_WORDS as WORDS } from "./lib/billing/demo-words";
import { defineConfig } from "./lib/catalog/config";
// Each action may carry `translations`: its name and unit in the portal's other languages (de, fr,
// es, ja), a unit as one word or its plural forms — e.g.
//   translations: { de: { name: "Bildgenerierung", unit: { one: "Bild", other: "Bilder" } }, ja: { name: "画像生成", unit: "枚" } }
// The demo's are in lib/billing/demo-words.ts.

export default defineConfig({
  merchant: {
    id: "mer_demo",
    name: "Portico Demo",
    legalAddress: { line1: "548 Market St", line2: "Suite 100", city: "San Francisco", postalCode: "94104", state: "CA", country: "US" },
    taxId: "12-3456789",
    supportEmail: "billing@portico.example",
    currency: "USD",
    taxRate: "8%",
  },
  plans: [
    {
      code: "api_pro",
      name: "API Pro",
      model: "metered",
      price: "99.00",
      includedUnits: 10_000,
      onZero: "overage",
      overagePrice: "0.01",
      actions: [{ code: "api_call", name: "API call", unit: "call", units: 1, translations: WORDS.api_call }],
    },
    {
      code: "creator",
      name: "Creator",
      model: "credits",
      price: "49.00",
      allowance: "1000",
      purchasedExpiryMonths: 12,
      actions: [
        { code: "image_generation", name: "Image generation", unit: "image", credits: "10", translations: WORDS.image_generation },
        { code: "voice_transcription", name: "Voice transcription", unit: "transcription", credits: "3", translations: WORDS.voice_transcription },
        { code: "agent_run", name: "Agent run", unit: "run", credits: "25", translations: WORDS.agent_run },
      ],
      packs: [
        { code: "pack_500", name: "500 credits", credits: "500", price: "25.00", expiryMonths: 12 },
        { code: "pack_2000", name: "2,000 credits", credits: "2000", price: "80.00", expiryMonths: 12 },
      ],
    },
    {
      code: "platform",
      name: "Platform",
      model: "balance",
      price: "50.00",
      grant: "50.00",
      topUp: { min: "10.00", max: "5000.00" },
      actions: [
        { code: "gb_hour", name: "Memory (GB-hour)", unit: "GB-hour", price: "0.002", translations: WORDS.gb_hour },
        { code: "build_minute", name: "Build minute", unit: "minute", price: "0.04", translations: WORDS.build_minute },
      ],
    },
    // The same products for customers billed in euros and in yen: a plan's prices are in its currency.
    {
      code: "creator_eur",
      name: "Creator",
      model: "credits",
      currency: "EUR",
      price: "45.00",
      allowance: "1000",
      purchasedExpiryMonths: 12,
      actions: [
        { code: "image_generation", name: "Image generation", unit: "image", credits: "10", translations: WORDS.image_generation },
        { code: "voice_transcription", name: "Voice transcription", unit: "transcription", credits: "3", translations: WORDS.voice_transcription },
        { code: "agent_run", name: "Agent run", unit: "run", credits: "25", translations: WORDS.agent_run },
      ],
      packs: [
        { code: "pack_500", name: "500 credits", credits: "500", price: "23.00", expiryMonths: 12 },
        { code: "pack_50000", name: "50,000 credits", credits: "50000", price: "1234.56", expiryMonths: 12 },
      ],
    },
    {
      code: "platform_jpy",
      name: "Platform",
      model: "balance",
      currency: "JPY",
      price: "7500",
      grant: "7500",
      topUp: { min: "1000", max: "500000" },
      actions: [
        { code: "gb_hour", name: "Memory (GB-hour)", unit: "GB-hour", price: "0.3", translations: WORDS.gb_hour },
        { code: "build_minute", name: "Build minute", unit: "minute", price: "6", translations: WORDS.build_minute },
      ],
    },
  ],
});
