// Used by the Playwright web server of the "postgres" project: a fresh, empty database named by
// DATABASE_URL (dropped and created again), on the PostgreSQL server it points at.
import pg from "pg";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required");
  process.exit(2);
}
const target = new URL(url);
const name = target.pathname.slice(1);
if (!/^portico_e2e_[a-z0-9_]+$/.test(name)) {
  console.error(`Refusing to recreate "${name}": e2e databases are named portico_e2e_*`);
  process.exit(2);
}
const admin = new URL(url);
admin.pathname = "/postgres";
const c = new pg.Client({ connectionString: admin.toString() });
await c.connect();
await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await c.query(`CREATE DATABASE ${name}`);
await c.end();
console.log(`e2e database ${name} is fresh`);
