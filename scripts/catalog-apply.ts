// npm run catalog:apply -- [--config FILE] [--yes]
// Shows what the catalogue file would change in the database; with --yes applies it in one
// transaction. A bad config exits 1 naming the file, the path and the rule; a change that would
// rewrite what existing subscribers pay is refused (exit 1), and then nothing is applied.
import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { transaction } from "@/lib/db/tx";
import { applyCatalog } from "@/lib/services/catalog";
import { runWithDatabase } from "./with-database";
import { brandPalette } from "@/lib/brand/colors";
import { configPath, loadCatalog, printConfigErrors } from "./catalog-load";

const args = process.argv.slice(2);
const at = args.indexOf("--config");
const yes = args.includes("--yes");
const unknown = args.filter((a, i) => !(a === "--yes" || a === "--config" || (at >= 0 && i === at + 1)));
if (unknown.length > 0 || (at >= 0 && !args[at + 1])) {
  console.error(`Usage: npm run catalog:apply -- [--config FILE] [--yes]${unknown.length ? ` (unknown: ${unknown.join(" ")})` : ""}`);
  process.exit(1);
}
const file = configPath(at >= 0 ? args[at + 1] : null);
const loaded = await loadCatalog(file);
if (!loaded.ok) {
  printConfigErrors(file, loaded.errors);
  console.error(`\n${loaded.errors.length} problem(s) in the config; nothing was changed.`);
  process.exit(1);
}
const catalog = loaded.catalog;
// A colour white text cannot be read on is kept as written, but the portal shows Portico's own.
const palette = brandPalette(catalog.merchant.brandColor);
if (catalog.merchant.brandColor && palette.source === "default") console.warn(`note: brandColor ${palette.reason}; the portal, emails and PDFs use Portico's colour until it is darker.`);

runWithDatabase(async (h) => {
  await migrate(h.raw); // a fresh database can take a catalogue before the first `npm start`
  const r = await transaction((tx) => applyCatalog(tx, catalog, { apply: yes }));
  console.log(`Catalogue of ${catalog.merchant.id} ("${catalog.merchant.name}") from ${path.relative(process.cwd(), file)}:`);
  if (r.changes.length === 0) {
    console.log("  no changes: the database already matches the config.");
    return 0;
  }
  for (const c of r.changes) console.log(`  ${c.sign} ${c.text}${c.refused ? `\n      REFUSED: ${c.refused}` : ""}`);
  const refused = r.changes.filter((c) => c.refused).length;
  if (refused > 0) {
    console.log(`\n${refused} change(s) refused; nothing was applied.`);
    return 1;
  }
  console.log(r.applied ? `\nApplied ${r.changes.length} change(s).` : `\nNothing changed yet: run again with --yes to apply these ${r.changes.length} change(s).`);
  return 0;
});
