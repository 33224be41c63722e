import { z } from "zod";
import path from "node:path";

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
            message: "PostgreSQL is not supported yet; use a file: URL for the embedded SQLite database",
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
  })
  .superRefine((env, ctx) => {
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
  };
}

let cached: Config | undefined;

/** The process's configuration; throws ConfigError naming the bad variable. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
