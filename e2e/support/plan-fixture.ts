// Adds a dearer plan of each model (Studio, API Scale, Platform Plus) to the demo merchant of the
// "postgres" project's server database, for the Plan page's end-to-end tests. Prints JSON.
import { openDatabase, setDbHandle } from "@/lib/db/client";
import { addUpgradePlans } from "@/test/support/plans";

async function main() {
  const h = openDatabase();
  setDbHandle(h);
  try {
    await addUpgradePlans();
    return { ok: true };
  } finally {
    setDbHandle(undefined);
    await h.close();
  }
}

main().then(
  (out) => {
    console.log(JSON.stringify(out));
    process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
