// Loading a catalogue file (portico.config.ts, or --config / PORTICO_CONFIG): imported as a module
// (tsx runs TypeScript), its default export checked by lib/catalog/config.ts.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseCatalogConfig, type Catalog, type ConfigError } from "@/lib/catalog/config";

export const DEFAULT_CONFIG = "portico.config.ts";

export function configPath(arg?: string | null): string {
  return path.resolve(arg ?? process.env.PORTICO_CONFIG ?? DEFAULT_CONFIG);
}

export async function loadCatalog(file: string): Promise<{ ok: true; catalog: Catalog } | { ok: false; errors: ConfigError[] }> {
  if (!fs.existsSync(file)) return { ok: false, errors: [{ path: "(file)", message: `no such file (copy portico.config.ts or examples/catalog/*.config.ts)` }] };
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    return { ok: false, errors: [{ path: "(file)", message: `could not be loaded: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (mod.default === undefined) return { ok: false, errors: [{ path: "(file)", message: "has no default export (export default defineConfig({ … }))" }] };
  return parseCatalogConfig(mod.default);
}

export function printConfigErrors(file: string, errors: ConfigError[]) {
  const rel = path.relative(process.cwd(), file) || file;
  for (const e of errors) console.error(`${rel}: ${e.path}: ${e.message}`);
}
