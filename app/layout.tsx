import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import { TimeZoneCookie } from "@/components/portal/time-zone-cookie";
import { getPortalContext } from "@/lib/auth/session";
import { clientMessages } from "@/lib/i18n/client-messages";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Billing portal", template: "%s · Billing portal" },
  description: "Your usage, balance, invoices and payment methods.",
  // Portico's own mark; a merchant's logo takes its place in the portal (app/(portal)/layout.tsx).
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, timeZone, messages, ctx] = await Promise.all([getLocale(), getTimeZone(), getMessages(), getPortalContext().catch(() => null)]);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider messages={clientMessages(messages)}>{children}</NextIntlClientProvider>
        <TimeZoneCookie shown={timeZone} fixed={Boolean(ctx?.customerTimeZone)} />
      </body>
    </html>
  );
}
