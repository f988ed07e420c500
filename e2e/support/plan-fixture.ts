// Adds a dearer plan of each model (Studio, API Scale, Platform Plus) to the demo merchant of the
// "postgres" project's server database, for the Plan page's end-to-end tests. Prints JSON.
import { addUpgradePlans } from "@/test/support/plans";
import { printWithDatabase } from "@/scripts/with-database";

printWithDatabase(async () => {
  await addUpgradePlans();
  return { ok: true };
});
