// What a newcomer needs to see when Portico starts: where it runs and how to sign in.
import type { DbHandle } from "@/lib/db/client";
import { demoSignInLines, isSeeded } from "@/lib/services/catalog";

function baseUrl(): string {
  return process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export async function printDemoBanner(h: DbHandle) {
  if (!(await isSeeded(h.prisma))) return;
  const lines = [
    "",
    "─".repeat(78),
    `Portico — billing portal at ${baseUrl()}`,
    "",
    ...demoSignInLines(baseUrl()),
    `Merchant API: ${baseUrl()}/docs/api (demo key: printed at first start; embedded mode keeps it in .data/demo.json)`,
    "─".repeat(78),
    "",
  ];
  console.log(lines.join("\n"));
}
