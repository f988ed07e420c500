import { defineConfig, devices } from "@playwright/test";

// End-to-end tests in Debian's Chromium (Playwright's own browser download cannot run here),
// against the production build started the way a newcomer starts it:
//   "embedded" — the default (PGlite in a throwaway data dir), for the newcomer's path;
//   "postgres" — the same app on a fresh PostgreSQL database, so tests can check the server's
//                ledger independently (SQL, `npm run ledger:check`) while it runs.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = PORT + 1;
/** The "postgres" project's server. */
export const PG_BASE_URL = `http://127.0.0.1:${PG_PORT}`;
const PG_ADMIN = process.env.PORTICO_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const E2E_DATABASE_URL = (() => {
  const u = new URL(PG_ADMIN);
  u.pathname = `/portico_e2e_${PORT}`;
  return u.toString();
})();

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const common = {
  PORTICO_WORKER: "1",
  // The suite signs the same demo people in many times from one address: looser rate limits than
  // production's (e2e/security-http.spec.ts tests the real ones on a server of its own).
  PORTICO_LIMIT_SIGNIN_EMAIL: "200/900",
  PORTICO_LIMIT_SIGNIN_IP: "2000/900",
  PORTICO_LIMIT_PURCHASE: "200/600",
  NEXTAUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS },
  },
  projects: [
    {
      name: "embedded",
      testMatch: /(sign-in|api-quickstart)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://127.0.0.1:${PORT}` },
    },
    {
      name: "postgres",
      testIgnore: /(sign-in|api-quickstart)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://127.0.0.1:${PG_PORT}` },
    },
  ],
  webServer: [
    {
      command: "rm -rf test-results/e2e-data && tsx scripts/start.ts",
      url: `http://127.0.0.1:${PORT}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { ...common, PORT: String(PORT), PORTICO_DATA_DIR: "test-results/e2e-data", NEXTAUTH_URL: `http://127.0.0.1:${PORT}` },
    },
    {
      command: "rm -rf test-results/e2e-pg-data && tsx scripts/e2e-db.ts && tsx scripts/start.ts",
      url: `http://127.0.0.1:${PG_PORT}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        ...common,
        PORT: String(PG_PORT),
        DATABASE_URL: E2E_DATABASE_URL,
        PORTICO_DATA_DIR: "test-results/e2e-pg-data",
        // the embedded portal (e2e/embed.spec.ts): session cookies a cross-site frame keeps
        PORTICO_EMBED: "1",
        NEXTAUTH_URL: `http://127.0.0.1:${PG_PORT}`,
      },
    },
  ],
});
