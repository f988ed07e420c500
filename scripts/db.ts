// npm run db:migrate | db:seed | db:reset — on the embedded database (.data/) or DATABASE_URL.
//   migrate  apply the committed migrations (prisma/migrations) that are not applied yet
//   seed     migrate, then load the demo (only into a database without it)
//   reset    drop everything, migrate, load the demo
//   prepare  what `npm start` does first: migrate, and load the demo into an empty database
import fs from "node:fs";
import path from "node:path";
import { dbMode } from "@/lib/db/config";
import { openDatabase } from "@/lib/db/client";
import { EmbeddedDbLockedError } from "@/lib/db/lock";
import { prepareDatabase, wipeDatabase } from "@/lib/services/catalog";
import { printDemoBanner } from "./banner";
import { configPath, DEFAULT_CONFIG, loadCatalog, printConfigErrors } from "./catalog-load";

const command = process.argv[2] ?? "migrate";
const mode = dbMode();
const where = mode.kind === "embedded" ? `embedded database ${mode.pgliteDir}` : `PostgreSQL ${new URL(mode.url).host}${new URL(mode.url).pathname}`;

async function main() {
  const h = openDatabase(mode);
  try {
    if (command === "reset") {
      await wipeDatabase(h);
      console.log(`Emptied the ${where}.`);
    }
    const wantSeed = command === "seed" || command === "reset" || (command === "prepare" && process.env.PORTICO_DEMO !== "0");
    // An empty database gets the merchant's catalogue (portico.config.ts, or PORTICO_CONFIG) before the demo.
    let catalog;
    const file = configPath();
    if (wantSeed && (fs.existsSync(file) || process.env.PORTICO_CONFIG)) {
      const loaded = await loadCatalog(file);
      if (!loaded.ok) {
        printConfigErrors(file, loaded.errors);
        throw new Error(`${path.relative(process.cwd(), file) || DEFAULT_CONFIG} is not a valid catalogue; nothing was loaded.`);
      }
      catalog = loaded.catalog;
    }
    const { migrated, seeded } = await prepareDatabase(h, { seed: wantSeed, catalog });
    console.log(
      migrated.applied.length > 0
        ? `Applied ${migrated.applied.length} migration(s) to the ${where}: ${migrated.applied.join(", ")}`
        : `The ${where} is up to date (${migrated.alreadyApplied} migration(s)).`,
    );
    if (seeded) {
      console.log(`Loaded the demo: ${seeded.customers} customers, ${seeded.events} usage events posted through the ledger.`);
      reportDemoKey(seeded.apiKey);
    }
    else if (command === "seed") console.log(`The demo is already loaded. Use npm run db:reset to start over.`);
    if (command === "prepare" || seeded) await printDemoBanner(h);
  } finally {
    await h.close();
  }
}

/** The demo key exists in plaintext only now: print it, and (embedded mode) keep it for the README's curl lines. */
function reportDemoKey(secret: string) {
  console.log(`Demo merchant API key (shown once): ${secret}`);
  if (mode.kind === "embedded") {
    const file = path.join(mode.dataDir, "demo.json");
    fs.writeFileSync(file, `${JSON.stringify({ secret_key: secret }, null, 2)}\n`, { mode: 0o600 });
    console.log(`  also saved to ${path.relative(process.cwd(), file) || file} (for the API quickstart in the README)`);
  }
}

main().catch((e) => {
  if (e instanceof EmbeddedDbLockedError) {
    console.error(`\n${e.message}\n`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
