// Test data for the payments end-to-end tests, made through the real services against the
// "postgres" project's server database (run as a child process, like `npm run ledger:check`):
//   customer <plan> <email> [--card]   a new customer (its owner signs in with <email>); --card
//                                      gives it the demo's default 4242 test card
//   usage <customer id> <action> <quantity>   record one usage event now
//   member <customer id> <email> <role>        make <email> a member of that account
// Prints JSON.
import { randomBytes } from "node:crypto";
import { transaction } from "@/lib/db/tx";
import { addMember, createCustomer } from "@/lib/services/customers/customers";
import { seedDemoCard } from "@/lib/services/payments/payment-methods";
import { recordUsage } from "@/lib/services/usage/usage";
import { printWithDatabase } from "@/scripts/with-database";

printWithDatabase(async () => {
  const [command, ...args] = process.argv.slice(2);
  if (command === "customer") {
    const [plan, email] = args;
    const ext = `e2e_${randomBytes(5).toString("hex")}`;
    const name = `E2E ${ext}`;
    const id = await transaction(async (tx) => {
      const { customer } = await createCustomer(tx, { merchantId: "mer_demo", externalId: ext, name, email: email!, planCode: plan!, now: new Date() });
      if (args.includes("--card")) await seedDemoCard(tx, customer, new Date());
      return customer.id;
    });
    return { customerId: id, email, name };
  }
  if (command === "member") {
    const [customerId, email, role] = args;
    await transaction((tx) => addMember(tx, { customerId: customerId!, email: email!, role: role as "owner" | "billing" | "viewer" }));
    return { customerId, email, role };
  }
  if (command === "usage") {
    const [customer, action, quantity] = args;
    return await recordUsage("mer_demo", [{ id: `e2e_${randomBytes(6).toString("hex")}`, customer: customer!, action: action!, quantity: BigInt(quantity!), timestamp: new Date() }]);
  }
  throw new Error(`Unknown command ${command}`);
});
