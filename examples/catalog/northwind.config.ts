// A second merchant, to copy from: Northwind Speech sells transcription on credits and a
// pay-as-you-go API on a prepaid balance. Apply it next to the demo with
//   npm run catalog:apply -- --config examples/catalog/northwind.config.ts --yes
import { defineConfig } from "../../lib/catalog/config";

export default defineConfig({
  merchant: {
    id: "mer_northwind",
    name: "Northwind Speech Ltd",
    legalAddress: { line1: "1 Canal Walk", city: "London", postalCode: "N1 7BE", country: "GB" },
    taxId: "GB123 4567 89",
    supportEmail: "billing@northwind.example",
    supportUrl: "https://northwind.example/help",
    brandColor: "#0f766e",
    currency: "USD",
    taxRate: "20%",
    returnUrl: "https://app.northwind.example/settings",
    embedOrigins: ["https://app.northwind.example"],
  },
  plans: [
    {
      code: "studio",
      name: "Studio",
      model: "credits",
      price: "29.00",
      allowance: "600",
      rolloverCap: "300",
      purchasedExpiryMonths: 6,
      actions: [
        { code: "transcribe_minute", name: "Transcription", unit: "minute", credits: "1" },
        { code: "translate_minute", name: "Translation", unit: "minute", credits: "2.5" },
      ],
      packs: [{ code: "pack_1000", name: "1,000 credits", credits: "1000", price: "40.00", expiryMonths: 6 }],
    },
    {
      code: "payg",
      name: "Pay as you go",
      model: "balance",
      price: "0",
      grant: "0",
      onZero: "block",
      topUp: { min: "5.00", max: "1000.00" },
      actions: [{ code: "api_minute", name: "API audio minute", unit: "minute", price: "0.006" }],
      dunning: { retryDays: [2, 4], rule: "cancel" },
    },
  ],
});
