import path from "node:path";

/** Where the e2e run's server, database and identity provider live. Kept on localhost throughout. */
// E2E_PORT / E2E_OIDC_PORT let two checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3190);

export const E2E = {
  port,
  baseURL: `http://localhost:${port}`,
  oidcPort,
  oidcIssuer: `http://localhost:${oidcPort}`,
  oidcClientId: "gatehouse-e2e",
  oidcClientSecret: "e2e-oidc-client-secret-not-a-real-one",
  dataDir: path.resolve(".e2e-data"),
  get databaseUrl() {
    return `file:${path.join(this.dataDir, "gatehouse.db")}`;
  },
  get serverLog() {
    return path.join(this.dataDir, "server.log");
  },
  adminState: path.resolve("e2e/.auth/admin.json"),
  userState: path.resolve("e2e/.auth/user.json"),
} as const;

/** The environment the Gatehouse server under test runs with (also used by CLI calls in tests). */
export function gatehouseEnv(): Record<string, string> {
  return {
    DATABASE_URL: E2E.databaseUrl,
    PORT: String(E2E.port),
    AUTH_URL: E2E.baseURL,
    OIDC_ISSUER: E2E.oidcIssuer,
    OIDC_CLIENT_ID: E2E.oidcClientId,
    OIDC_CLIENT_SECRET: E2E.oidcClientSecret,
    OIDC_DISPLAY_NAME: "Test SSO",
    OIDC_CREATE_USERS: "false",
    // Every test signs in from this one address, two workers at once: the sign-in rate limits
    // (lib/http/sign-in-admission.ts) are raised so they never refuse the suite.
    SIGN_IN_REQUESTS_PER_SECOND: "1000",
    SIGN_IN_REQUESTS_PER_SECOND_PER_ADDRESS: "1000",
    // Likewise the OAuth token admission (lib/http/token-admission.ts): the suite's clients all refresh from here.
    OAUTH_TOKEN_REQUESTS_PER_SECOND: "1000",
    OAUTH_TOKEN_REQUESTS_PER_SECOND_PER_ADDRESS: "1000",
  };
}
