import { defineConfig, devices } from "@playwright/test";

// End-to-end tests in Debian's Chromium (Playwright's own browser download cannot run here),
// against the production build started the way a newcomer starts it, on a throwaway data dir.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE = `http://127.0.0.1:${PORT}`;

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

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
    baseURL: BASE,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "rm -rf test-results/e2e-data && tsx scripts/start.ts",
    url: `${BASE}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      PORTICO_DATA_DIR: "test-results/e2e-data",
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
    },
  },
});
