import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.shared.js";

/**
 * `npm run test:faults`: the slow fault-injection tests (full disk, locked database, kill -9,
 * backup under load). One file at a time: they start servers, mount disks and measure waits.
 */
export default defineConfig({
  resolve,
  test: {
    include: ["test/faults/**/*.fault.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
