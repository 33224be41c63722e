import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.js";
import { pgProject } from "./test/pg/project.js";

const exclude = ["node_modules/**", "e2e/**", ".next*/**"];

/**
 * `vitest run`: the unit and integration tests on SQLite, and the PostgreSQL tests (`*.pg.test.ts`,
 * project "pg") when TEST_DATABASE_URL names a server (test/pg/project.ts).
 */
export default defineConfig({
  resolve,
  test: {
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "sqlite", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.pg.test.ts"] } },
      ...pgProject(exclude),
    ],
  },
});
