// Runs once before the test files: a PGlite template, and a PostgreSQL server with a migrated
// template database (the running one on 127.0.0.1, or a throwaway cluster).
import os from "node:os";
import path from "node:path";
import { buildPgliteTemplate } from "./pglite";
import { ensureTemplate } from "./postgres";
import { ensurePostgres } from "./postgres-server";

export default async function setup() {
  const file = path.join(os.tmpdir(), `portico-pglite-template-${process.pid}.tar`);
  await buildPgliteTemplate(file);
  process.env.PORTICO_TEST_PGLITE_TEMPLATE = file;
  const admin = await ensurePostgres();
  process.env.PORTICO_TEST_PG_ADMIN_URL = admin;
  await ensureTemplate(admin);
}
