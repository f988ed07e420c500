import createNextIntlPlugin from "next-intl/plugin";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files: load it from node_modules, never bundle it.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "stripe", "nodemailer", "pdf-lib"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
  devIndicators: false,
  // Who may frame a page (Content-Security-Policy frame-ancestors, X-Frame-Options) is decided per
  // request in proxy.ts: nobody, except a portal opened through an embedded portal link.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

// next-intl: messages and locale per request (lib/i18n/request.ts), no locale in the URL.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
