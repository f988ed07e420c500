import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The architecture of STYLE.md, enforced: the money core imports nothing of the framework,
// the database or a vendor; only lib/payments/stripe imports stripe.
const pureCore = {
  patterns: [
    { group: ["next", "next/*", "react", "react-dom", "@prisma/*", "@/lib/db/*", "@/lib/services/**", "@/lib/payments/*", "stripe", "pg", "@electric-sql/*"], message: "lib/ledger and lib/billing are pure: no framework, database or vendor imports." },
  ],
};

// Outside lib/services a domain is imported by its index; inside, files import each other directly,
// so the indexes never close an import circle.
const stripeOnly = { name: "stripe", message: "Only lib/payments/stripe imports stripe." };
const domainIndex = { group: ["@/lib/services/*/*"], message: "Import the service domain's index (@/lib/services/<domain>), not one of its files." };
const noIndexInside = { regex: "^(@/lib/services/[a-z-]+|\\.\\./[a-z-]+|\\.|\\./index)$", message: "Inside lib/services import the file itself, not a domain's index (that is how import circles start)." };

// The reads a page must not call with a customer id of its own choosing: pages and components get
// them bound to the page's account from customerReads(ctx) (lib/services/portal/reads.ts).
const UNBOUND_READS = {
  "@/lib/services/usage": ["getShell", "getWallet", "getAlertSettings", "recentAlerts", "getUsageReport"],
  "@/lib/services/payments": ["getAutoTopUp", "packOffers", "fundsOffer", "pendingPurchases", "payableCards", "challengeFor", "billingSummary", "listCards", "getPaymentForCustomer", "paymentView"],
  "@/lib/services/cycle": ["getPlanPage", "getUpcomingInvoice", "pastDueState"],
  "@/lib/services/invoices": ["listInvoices", "getInvoiceForCustomer"],
  "@/lib/services/customers": ["getBillingDetails"],
  "@/lib/services/team": ["listMembers"],
  "@/lib/services/portal": ["getOverview", "listActivity", "getTransferDetail", "portalReturnLink"],
};
const scopedReads = Object.entries(UNBOUND_READS).map(([name, importNames]) => ({
  name,
  importNames,
  message: "Read through customerReads(ctx) from @/lib/services/portal: it is bound to the account the page is drawn for.",
}));

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='parseFloat']", message: "Money is never a float: use bigint and lib/billing/money." },
      ],
      "no-restricted-imports": ["error", { paths: [stripeOnly], patterns: [domainIndex] }],
    },
  },
  { files: ["lib/services/**"], rules: { "no-restricted-imports": ["error", { paths: [stripeOnly], patterns: [noIndexInside] }] } },
  // Tests reach into the files they test.
  { files: ["**/*.test.ts", "test/**", "e2e/**"], rules: { "no-restricted-imports": ["error", { paths: [stripeOnly] }] } },
  { files: ["lib/ledger/**", "lib/billing/**", "lib/catalog/**", "lib/brand/**"], rules: { "no-restricted-imports": ["error", pureCore] } },
  // Pages, layouts and components read through services (scoped to the portal's account), never the
  // database itself; route handlers and lib/ do the reading.
  {
    files: ["app/**/page.tsx", "app/**/layout.tsx", "app/**/loading.tsx", "app/**/error.tsx", "app/**/not-found.tsx", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [stripeOnly, ...scopedReads],
          patterns: [domainIndex, { group: ["@/lib/db", "@/lib/db/*", "@prisma/*", "pg"], message: "Pages and components do not touch the database: call a service in lib/services." }],
        },
      ],
    },
  },
  { files: ["lib/payments/stripe/**", "test/stripe-double/**"], rules: { "no-restricted-imports": "off" } },
];

export default config;
