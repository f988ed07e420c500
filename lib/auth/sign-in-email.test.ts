// The sign-in email's words: English exactly as before, German for a German browser, and English
// when no request is at hand (a job, a test).
import { describe, expect, it } from "vitest";
import { askingLocale, signInEmail } from "./sign-in-email";

const where = { differs: false, askedFrom: null, origin: "https://billing.example.com" };
const link = "https://billing.example.com/api/auth/callback/email?token=abc";

describe("the sign-in email", () => {
  it("says in English what it always said", () => {
    expect(signInEmail("en-US", { brand: "Acme", link, minutes: 15, where })).toEqual({
      subject: "Your Portico sign-in link",
      text: `Sign in to the Acme billing portal:\n\n${link}\n\nThe link works once and expires in 15 minutes. If you did not ask for it, ignore this email.`,
    });
    const other = signInEmail("en-US", { brand: null, link, minutes: 15, where: { differs: true, askedFrom: "http://10.0.0.5:3000", origin: where.origin } });
    expect(other.text).toBe(
      `Sign in to your billing portal:\n\n${link}\n\nThe link works once and expires in 15 minutes. If you did not ask for it, ignore this email.\n\nYou asked for this link at http://10.0.0.5:3000, but it opens https://billing.example.com, this portal's address. If that address does not open for you, ask whoever runs the portal to set NEXTAUTH_URL (or PORTICO_ALLOWED_HOSTS) to the address you use.`,
    );
  });

  it("speaks German to a German browser, and English outside a request", async () => {
    const de = signInEmail("de-DE", { brand: "Acme", link, minutes: 15, where });
    expect(de.subject).toBe("Ihr Anmeldelink für Portico");
    expect(de.text).toContain("Melden Sie sich im Abrechnungsportal von Acme an:");
    expect(de.text).toContain("läuft in 15 Minuten ab");
    expect(await askingLocale()).toBe("en-US");
  });
});
