import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.js";

/**
 * `npm run test:interop`: real third-party MCP and OAuth software against the example server and
 * Gatehouse. Needs the tools scripts/interop/install-node22.sh puts in INTEROP_TOOLS.
 */
export default defineConfig({
  resolve,
  test: {
    include: ["test/interop/**/*.interop.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
