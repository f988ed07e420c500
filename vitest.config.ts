import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/support/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts", "prisma/**/*.test.ts"],
    // The mixed-load soak (two servers + two workers, minutes) runs alone: `npm run test:soak`.
    exclude: ["node_modules", ".next", "e2e", ...(process.env.PORTICO_SOAK === "1" ? [] : ["test/soak.pg.test.ts"])],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
