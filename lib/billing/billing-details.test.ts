import { describe, expect, it } from "vitest";
import { withLocale } from "@/lib/i18n/locale-scope";
import { billingDetailsInputSchema, checkTaxId, taxIdLabelIn, taxIdLabelsIn } from "./billing-details";
import { addressLines, readAddress, taxIdKind } from "./countries";

describe("checkTaxId", () => {
  it.each([
    ["DE", "DE123456789", "DE123456789"],
    ["DE", "de 123 456 789", "DE 123 456 789"],
    ["FR", "FR12345678901", "FR12345678901"],
    ["NL", "NL123456789B01", "NL123456789B01"],
    ["GB", "GB123 4567 89", "GB123 4567 89"],
    ["GB", "GB123456789", "GB123456789"],
    ["GR", "EL123456789", "EL123456789"],
    ["AU", "51 824 753 556", "51 824 753 556"],
    ["US", "12-3456789", "12-3456789"],
    ["JP", "T1234567890123", "T1234567890123"],
  ])("accepts a well-formed %s ID %s", (country, raw, stored) => {
    expect(checkTaxId(country, raw)).toEqual({ ok: true, value: stored, checked: true });
  });

  it.each([
    ["DE", "DE12345678", "That is not a valid VAT number for Germany. It looks like DE123456789."],
    ["FR", "123456789", "That is not a valid VAT number for France. It looks like FR12345678901."],
    ["AU", "51 824 753 557", "That is not a valid ABN for Australia. It looks like 51 824 753 556."],
    ["US", "12-345678", "That is not a valid EIN for United States. It looks like 12-3456789."],
    ["JP", "1234567", "That is not a valid Registration number for Japan. It looks like T1234567890123."],
    ["DE", "DE1", "The VAT number must be 4 to 30 characters."],
  ])("refuses a malformed %s ID %s", (country, raw, message) => {
    expect(checkTaxId(country, raw)).toEqual({ ok: false, message });
  });

  it("takes plausible IDs of countries it has no rule for, saying they were not checked", () => {
    expect(checkTaxId("ZA", "4123456789")).toEqual({ ok: true, value: "4123456789", checked: false });
    expect(checkTaxId("ZA", "41<script>")).toMatchObject({ ok: false });
  });

  it("names the ID as the country does", () => {
    const en = taxIdLabelsIn("en-US");
    expect([en[taxIdKind("DE")], en[taxIdKind("NZ")], en[taxIdKind("US")], en[taxIdKind(null)]]).toEqual(["VAT number", "GST number", "EIN", "Tax ID"]);
    const de = taxIdLabelsIn("de-DE");
    expect([de[taxIdKind("DE")], de[taxIdKind("JP")], de[taxIdKind(null)]]).toEqual(["USt-IdNr.", "Registrierungsnummer", "Steuernummer"]);
    expect(taxIdLabelsIn("ja-JP")[taxIdKind("JP")]).not.toBe(en.registration);
  });
});

describe("billingDetailsInputSchema", () => {
  it("clears everything with empty fields", () => {
    expect(billingDetailsInputSchema.parse({ name: "", line1: "", city: "", country: "", tax_id: "" })).toEqual({ name: null, address: null, taxId: null });
  });

  it("needs line 1, city and country together", () => {
    const r = billingDetailsInputSchema.safeParse({ line1: "Unter den Linden 1" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["city", "Enter the city."],
      ["country", "Choose the country."],
    ]);
  });

  it("refuses an unknown country and a tax ID without a country", () => {
    expect(billingDetailsInputSchema.safeParse({ line1: "a", city: "b", country: "XX" }).error!.issues[0]!.message).toMatch(/Choose a country from the list/);
    expect(billingDetailsInputSchema.safeParse({ tax_id: "DE123456789" }).error!.issues[0]).toMatchObject({ path: ["tax_id"], message: expect.stringMatching(/country first/) });
  });

  it("checks the tax ID for the address's country", () => {
    const bad = billingDetailsInputSchema.safeParse({ line1: "1 Main St", city: "Berlin", country: "de", tax_id: "FR12345678901" });
    expect(bad.error!.issues[0]).toMatchObject({ path: ["tax_id"], message: "That is not a valid VAT number for Germany. It looks like DE123456789." });
    const good = billingDetailsInputSchema.parse({ name: " Acme GmbH ", line1: "Unter den Linden 1", postal_code: "10117", city: "Berlin", country: "de", tax_id: "de123456789" });
    expect(good).toEqual({
      name: "Acme GmbH",
      address: { line1: "Unter den Linden 1", line2: null, city: "Berlin", postal_code: "10117", state: null, country: "DE" },
      taxId: "DE123456789",
    });
  });
});

describe("addressLines", () => {
  it("writes each country's envelope order", () => {
    expect(addressLines({ line1: "Unter den Linden 1", line2: null, city: "Berlin", postal_code: "10117", state: null, country: "DE" })).toEqual(["Unter den Linden 1", "10117 Berlin", "Germany"]);
    expect(addressLines({ line1: "1 Market St", line2: "Suite 300", city: "San Francisco", postal_code: "94105", state: "CA", country: "US" })).toEqual([
      "1 Market St",
      "Suite 300",
      "San Francisco, CA 94105",
      "United States",
    ]);
    expect(addressLines({ line1: "10 Downing St", line2: null, city: "London", postal_code: "SW1A 2AA", state: null, country: "GB" })).toEqual(["10 Downing St", "London", "SW1A 2AA", "United Kingdom"]);
  });

  it("reads only a complete stored address", () => {
    expect(readAddress({ line1: "x", city: "y" })).toBeNull();
    expect(readAddress("x")).toBeNull();
    expect(readAddress({ line1: "x", city: "y", country: "FR", line2: "" })).toEqual({ line1: "x", line2: null, city: "y", postal_code: null, state: null, country: "FR" });
  });
});

describe("billing details in the reader's language", () => {
  it("names the tax ID and refuses a malformed one in the reader's language", () => {
    expect(taxIdKind("DE")).toBe("vat");
    expect(taxIdLabelIn("DE", "de-DE")).toBe("USt-IdNr.");
    expect(taxIdLabelIn("JP", "ja-JP")).toBe("登録番号");
    expect(checkTaxId("DE", "DE12345678", "de-DE")).toEqual({ ok: false, message: "Das ist keine gültige USt-IdNr. für Deutschland. Sie sieht etwa so aus: DE123456789." });
    expect(checkTaxId("FR", "FR1", "fr-FR")).toEqual({ ok: false, message: "Le champ « numéro de TVA » doit compter de 4 à 30 caractères." });
    expect(checkTaxId("DE", "DE12345678", "en-GB")).toEqual({ ok: false, message: "That is not a valid VAT number for Germany. It looks like DE123456789." });
  });

  it("the schema speaks the portal request's language, and English outside one (the merchant API)", () => {
    const input = { line1: "Unter den Linden 1", country: "DE", tax_id: "DE12345678" };
    const messages = (r: ReturnType<typeof billingDetailsInputSchema.safeParse>) => r.error!.issues.map((i) => i.message);
    expect(withLocale("de-DE", () => messages(billingDetailsInputSchema.safeParse(input)))).toEqual([
      "Geben Sie den Ort ein.",
      "Das ist keine gültige USt-IdNr. für Deutschland. Sie sieht etwa so aus: DE123456789.",
    ]);
    expect(withLocale("ja-JP", () => messages(billingDetailsInputSchema.safeParse({ name: "x".repeat(201) })))).toEqual(["200 文字未満で入力してください。"]);
    expect(messages(billingDetailsInputSchema.safeParse(input))).toEqual(["Enter the city.", "That is not a valid VAT number for Germany. It looks like DE123456789."]);
    expect(messages(billingDetailsInputSchema.safeParse({ name: "x".repeat(201) }))).toEqual(["Keep it under 200 characters."]);
  });
});
