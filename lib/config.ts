import { z } from "zod";
import type { BlockList } from "node:net";
import path from "node:path";
import { parseTrustedProxies } from "@/lib/http/client-address";
import type { ServerLimits } from "@/lib/http/server-limits";
import { parseAuditKeys } from "@/lib/audit/key-text";

/**
 * All configuration, read from the environment once and validated here.
 * A wrong value stops the start with a message naming the variable.
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .default("file:./data/gatehouse.db")
      .superRefine((v, ctx) => {
        if (/^postgres(ql)?:\/\//i.test(v)) {
          ctx.addIssue({
            code: "custom",
            message:
              "PostgreSQL support is under construction: Gatehouse cannot run on it yet. What works so far is its schema, " +
              "migrations and parity tests (docs/POSTGRES.md). Use a file: URL for the embedded SQLite database",
          });
        } else if (!v.startsWith("file:") || v.length <= 5) {
          ctx.addIssue({ code: "custom", message: "must be a file: URL, e.g. file:./data/gatehouse.db" });
        }
      }),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_URL: z.url({ message: "must be an absolute URL, e.g. https://gatehouse.example.com" }).optional(),
    OIDC_ISSUER: z.url({ message: "must be the issuer URL of your OpenID Connect provider" }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_DISPLAY_NAME: z.string().min(1).max(60).default("Single sign-on"),
    OIDC_CREATE_USERS: bool.default(false),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return null;
        const parsed = parseTrustedProxies(v);
        if (parsed.ok) return parsed.proxies;
        ctx.addIssue({ code: "custom", message: `"${parsed.entry.slice(0, 60)}" is not an IP address or CIDR (e.g. 10.0.0.0/8, ::1)` });
        return z.NEVER;
      }),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(300_000).default(10_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000, "must be at least 1000").max(600_000).default(65_000),
    HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(4096),
    HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(256),
    AUDIT_KEY: z
      .string()
      .transform(parseAuditKeys)
      .refine((keys) => keys.length > 0 && keys.every((k) => k.length >= 32), "each key (comma-separated, newest first) must be at least 32 characters")
      .optional(),
    AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
    SESSION_MAX_AGE: z.coerce.number().int().min(300, "must be at least 300 (seconds)").max(31_536_000).default(7 * 24 * 3600),
    SESSION_IDLE_TIMEOUT: z.coerce.number().int().min(60, "must be at least 60 (seconds)").max(31_536_000).default(12 * 3600),
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(10),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
    SIGN_IN_FAILURE_WINDOW: z.coerce.number().int().min(1).max(86_400).default(900),
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
    SIGN_IN_REQUESTS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(5),
    SIGN_IN_REQUESTS_PER_SECOND_PER_ADDRESS: z.coerce.number().min(0.1).max(10_000).default(2),
    OAUTH_TOKEN_REQUESTS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(20),
    OAUTH_TOKEN_REQUESTS_PER_SECOND_PER_ADDRESS: z.coerce.number().min(0.1).max(10_000).default(2),
    OAUTH_METADATA_ALLOW_LOOPBACK: bool.default(false),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // A test server on this machine serves client metadata over http; in production that would open loopback to any client_id.
    if (env.OAUTH_METADATA_ALLOW_LOOPBACK && env.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", path: ["OAUTH_METADATA_ALLOW_LOOPBACK"], message: "is for tests only and refused in production" });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when single sign-on is configured" });
      }
    }
  });

export type Config = {
  databasePath: string;
  dataDir: string;
  authSecret?: string;
  authUrl?: string;
  oidc?: { issuer: string; clientId: string; clientSecret: string; displayName: string; createUsers: boolean };
  port: number;
  hostname: string;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); null: none, the socket's peer is the client. */
  trustProxy: BlockList | null;
  http: ServerLimits;
  /** Newest first: the first signs new audit rows, the others verify older ones. */
  auditKeys?: string[];
  /** Append-only file that receives the audit chain's head every few minutes and at shutdown. */
  auditCheckpointFile?: string;
  /** Seconds: a session ends this long after sign-in however active (absolute) and after this long unused (idle). */
  session: { maxAgeSeconds: number; idleSeconds: number };
  /** Failed password sign-ins allowed per account and per client address within the window, before refusing without hashing. */
  signInThrottle: { maxFailures: number; maxFailuresPerAddress: number; windowSeconds: number };
  /** Password hashes run at once, and how many more may wait; past that a sign-in is told the server is busy. */
  passwordHashing: { concurrency: number; queue: number };
  /** Sign-in requests let through to Next per second, overall and per client address; past them server.ts refuses with 429. */
  signInAdmission: { overallPerSecond: number; perAddressPerSecond: number };
  /** OAuth token and revocation requests let through per second, overall and per client address; past them server.ts refuses with 429. */
  tokenAdmission: { overallPerSecond: number; perAddressPerSecond: number };
  /** Tests only: client metadata documents and jwks_uri may be fetched over http from loopback. */
  oauthMetadataAllowLoopback: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in most dotenv tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const databasePath = path.resolve(e.DATABASE_URL.slice("file:".length));
  return {
    databasePath,
    dataDir: path.dirname(databasePath),
    authSecret: e.AUTH_SECRET,
    authUrl: e.AUTH_URL,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            displayName: e.OIDC_DISPLAY_NAME,
            createUsers: e.OIDC_CREATE_USERS,
          }
        : undefined,
    port: e.PORT,
    hostname: e.HOST,
    trustProxy: e.TRUST_PROXY,
    http: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxConnectionsPerAddress: e.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
    },
    auditKeys: e.AUDIT_KEY,
    auditCheckpointFile: e.AUDIT_CHECKPOINT_FILE ? path.resolve(e.AUDIT_CHECKPOINT_FILE) : undefined,
    session: { maxAgeSeconds: e.SESSION_MAX_AGE, idleSeconds: Math.min(e.SESSION_IDLE_TIMEOUT, e.SESSION_MAX_AGE) },
    signInThrottle: {
      maxFailures: e.SIGN_IN_MAX_FAILURES,
      maxFailuresPerAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.SIGN_IN_FAILURE_WINDOW,
    },
    passwordHashing: { concurrency: e.PASSWORD_HASH_CONCURRENCY, queue: e.PASSWORD_HASH_QUEUE },
    signInAdmission: { overallPerSecond: e.SIGN_IN_REQUESTS_PER_SECOND, perAddressPerSecond: e.SIGN_IN_REQUESTS_PER_SECOND_PER_ADDRESS },
    tokenAdmission: { overallPerSecond: e.OAUTH_TOKEN_REQUESTS_PER_SECOND, perAddressPerSecond: e.OAUTH_TOKEN_REQUESTS_PER_SECOND_PER_ADDRESS },
    oauthMetadataAllowLoopback: e.OAUTH_METADATA_ALLOW_LOOPBACK,
  };
}

let cached: Config | undefined;

/** The process's configuration; throws ConfigError naming the bad variable. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
