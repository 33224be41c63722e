import type { TestProjectInlineConfiguration } from "vitest/config";

/**
 * The vitest project "pg": every `*.pg.test.ts`, against the PostgreSQL server TEST_DATABASE_URL
 * names (any database on it; the tests create and drop their own). Unset, the project is left
 * out, and said so; on CI (CI set) it must be set, so the PostgreSQL tests can never be skipped
 * there without a failure. An unreachable server fails the run (global-setup.ts).
 */
export function pgProject(exclude: string[]): TestProjectInlineConfiguration[] {
  if (!process.env.TEST_DATABASE_URL) {
    if (process.env.CI) throw new Error("TEST_DATABASE_URL is not set: CI runs the PostgreSQL tests (.ci/run sets it to the local server)");
    // The config is read more than once per run (once per project); say it once.
    const said = globalThis as { gatehousePgNotice?: boolean };
    if (!said.gatehousePgNotice) console.warn("vitest: the PostgreSQL tests (*.pg.test.ts) are not run: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run them (docs/POSTGRES.md)");
    said.gatehousePgNotice = true;
    return [];
  }
  return [
    {
      extends: true,
      test: {
        name: "pg",
        include: ["**/*.pg.test.ts"],
        exclude,
        globalSetup: ["test/pg/global-setup.ts"],
        hookTimeout: 60_000,
      },
    },
  ];
}
