// Record usage through the real usage service, as the merchant API will — for end-to-end tests
// that watch the open portal update. Runs against DATABASE_URL (PostgreSQL only: the embedded
// database belongs to the server process).
//   DATABASE_URL=… tsx --conditions=react-server scripts/e2e-usage.ts <customer> <action> <quantity> [events] [merchant]
// Prints the per-event results as JSON.
import { closeDb } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { recordUsage } from "@/lib/services/usage";

const [customer, action, quantity, events = "1", merchant = "mer_demo"] = process.argv.slice(2);
if (!process.env.DATABASE_URL || !customer || !action || !quantity || !/^\d+$/.test(quantity) || !/^\d+$/.test(events)) {
  console.error("usage: DATABASE_URL=… e2e-usage.ts <customer> <action> <quantity> [events] [merchant]");
  process.exit(2);
}
const now = new Date();
const batch = Array.from({ length: Number(events) }, () => ({ id: newId("e2e"), customer, action, quantity: BigInt(quantity), timestamp: now }));
const results = await recordUsage(merchant, batch, { now });
console.log(JSON.stringify(results, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
await closeDb();
process.exit(results.every((r) => r.status === "accepted") ? 0 : 1);
