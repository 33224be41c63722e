import path from "node:path";

/** Module resolution every vitest config shares (unit, PostgreSQL, faults, interop). */
export const resolve = {
  alias: {
    "@": path.resolve(import.meta.dirname),
    // The data-access layer imports "server-only"; in tests we are the server.
    "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
  },
};
