// npm run keys:create -- --merchant mer_demo --name "Production server"
//   Creates a secret key for the merchant's API and prints it ONCE (only its hash is stored).
//   --live            an sk_live_ key (default: sk_test_, or sk_live_ when PORTICO_ENV=production)
//   --list            list the merchant's keys (prefix, name, created, last used, revoked)
//   --revoke <key id> revoke a key (it stops working within seconds)
// Works on the embedded database (stop the server first) or on DATABASE_URL.
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/db/client";
import { dbMode } from "@/lib/db/config";
import { transaction } from "@/lib/db/tx";
import { EmbeddedDbLockedError } from "@/lib/db/lock";
import { createApiKey, revokeApiKey } from "@/lib/services/customers";
import { ServiceError } from "@/lib/services/shared";

const { values } = parseArgs({
  options: {
    merchant: { type: "string", default: "mer_demo" },
    name: { type: "string" },
    live: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
    revoke: { type: "string" },
  },
});

async function main() {
  const h = openDatabase(dbMode());
  try {
    const merchantId = values.merchant!;
    if (values.list) {
      const keys = await h.prisma.apiKey.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" } });
      if (keys.length === 0) console.log(`No keys for ${merchantId}.`);
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : `last used ${k.lastUsedAt?.toISOString() ?? "never"}`;
        console.log(`${k.id}  ${k.prefix}…  ${k.name}  created ${k.createdAt.toISOString()}  ${state}`);
      }
      return;
    }
    if (values.revoke) {
      const done = await transaction((tx) => revokeApiKey(tx, { merchantId, keyId: values.revoke!, now: new Date() }), { client: h.prisma });
      console.log(done ? `Revoked ${values.revoke}.` : `No active key ${values.revoke} for ${merchantId}.`);
      if (!done) process.exitCode = 1;
      return;
    }
    if (!values.name) {
      console.error('Give the key a name: npm run keys:create -- --merchant mer_demo --name "Production server"');
      process.exitCode = 2;
      return;
    }
    const key = await transaction((tx) => createApiKey(tx, { merchantId, name: values.name!, mode: values.live ? "live" : undefined }), { client: h.prisma });
    console.log(`Created ${key.id} "${key.name}" for ${merchantId}.`);
    console.log(`\n  ${key.secret}\n`);
    console.log("This is the only time the key is shown: store it in your secrets manager. Use it as `Authorization: Bearer <key>`.");
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  if (e instanceof EmbeddedDbLockedError || e instanceof ServiceError) {
    console.error(`\n${e.message}\n`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
