// Prisma CLI configuration. The CLI only generates the client and diffs schemas here; migrations
// are applied by Portico's own runner (lib/db/migrate.ts) on both PGlite and PostgreSQL.
import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI reads the schema's datasource url; any value works for generate/diff.
process.env.DATABASE_URL ??= "postgresql://portico@127.0.0.1:5432/portico";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  // Never used by generate/diff, but makes the CLI skip the Rust engines.
  adapter: async () => {
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const { PGlite } = await import("@electric-sql/pglite");
    return new PrismaPGlite(new PGlite()) as never;
  },
});
