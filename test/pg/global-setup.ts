import type { TestProject } from "vitest/node";
import { migratePg } from "@/db/pg-client";
import { createDatabase, databaseUrl, describeServer, dropDatabase, scratchName, withServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database each test file copies (temp-db.ts). */
    pgTemplate: string;
  }
}

/**
 * Once per run: migrates a template database, which every test file then copies with
 * CREATE DATABASE … TEMPLATE (milliseconds, where migrating is seconds). Copies, not truncation:
 * the append-only triggers refuse TRUNCATE on the audit log by design.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    await withServer((sql) => sql`SELECT 1`);
  } catch (err) {
    throw new Error(
      `PostgreSQL at ${describeServer()} (TEST_DATABASE_URL) cannot be reached: ${(err as Error).message}. ` +
        "Start it (on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or unset TEST_DATABASE_URL to run without the PostgreSQL tests.",
      { cause: err },
    );
  }
  const template = scratchName("gatehouse_tpl");
  await createDatabase(template);
  try {
    await migratePg(databaseUrl(template));
    // CREATE DATABASE … TEMPLATE needs the template to have no connections: refuse them all.
    await withServer((sql) => sql.unsafe(`ALTER DATABASE ${template} ALLOW_CONNECTIONS false`));
  } catch (err) {
    await dropDatabase(template);
    throw err;
  }
  project.provide("pgTemplate", template);
  return () => dropDatabase(template);
}
