import { z } from "zod";
import { DAY_MS, parseDuration } from "@/lib/tokens/duration";
import { MAX_GRACE_MS } from "@/lib/tokens/grace";
import { TOKEN_STATUSES } from "@/lib/tokens/status";
import { searchTextSchema } from "./search";
import { emailSchema } from "./users";

export const tokenIdSchema = z.string().regex(/^tok_[0-9A-Za-z]{16}$/, "Token not found.");
export const scopeSchema = z.enum(["read", "write"], { message: "Choose read or write" });
export const tokenNameSchema = z.string().trim().min(1, "Give the token a name").max(80, "Name is too long (80 characters at most)");
export const reasonSchema = z.string().trim().min(1, "Give a reason").max(500, "Reason is too long (500 characters at most)");
const serverIdSchema = z.string().regex(/^srv_[0-9A-Za-z]{16}$/, "Unknown server");

/** "never" → null (no expiry, if the policy allows it); otherwise a duration such as 90d. */
export const expirySchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text.toLowerCase() === "never") return null;
    const ms = parseDuration(text);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: "custom", message: "Enter a duration such as 30d, 12h or 1y" });
      return z.NEVER;
    }
    return ms;
  });

export const graceSchema = z
  .string()
  .trim()
  .default("24h")
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms < 0 || ms > MAX_GRACE_MS) {
      ctx.addIssue({ code: "custom", message: "Grace must be between 0 and 7d (e.g. 0, 1h, 24h, 7d)" });
      return z.NEVER;
    }
    return ms;
  });

const audienceFields = {
  audience: z.enum(["all", "some"], { message: "Choose all servers or some" }),
  servers: z.array(serverIdSchema).max(200).default([]),
};
function requireServers(v: { audience: "all" | "some"; servers: string[] }, ctx: z.RefinementCtx) {
  if (v.audience === "some" && v.servers.length === 0) ctx.addIssue({ code: "custom", path: ["servers"], message: "Choose at least one server" });
}

export const issueTokenSchema = z
  .object({
    owner: emailSchema.optional(),
    name: tokenNameSchema,
    scope: scopeSchema,
    ...audienceFields,
    expires: expirySchema,
    reveal: z.enum(["owner", "creator"]).default("owner"),
  })
  .superRefine(requireServers);

export const updateTokenSchema = z
  .object({ tokenId: tokenIdSchema, name: tokenNameSchema, scope: scopeSchema, ...audienceFields })
  .superRefine(requireServers);

export const rotateTokenSchema = z.object({ tokenId: tokenIdSchema, grace: graceSchema });
export const revokeTokenSchema = z.object({ tokenId: tokenIdSchema, reason: reasonSchema });
export const bulkRevokeSchema = z.object({
  tokenIds: z.array(tokenIdSchema).min(1, "Select at least one token").max(500, "Revoke at most 500 tokens at once"),
  reason: reasonSchema,
});
export const revokeAllSchema = z.object({ email: emailSchema, reason: reasonSchema });

const days = (label: string) =>
  z.coerce.number({ message: `${label}: enter a number of days` }).int(`${label}: whole days only`).min(1, `${label}: at least 1 day`).max(3650, `${label}: at most 3650 days`);
/** A form checkbox ("on" when ticked, absent when not), or a boolean from the CLI. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** The token policy (Settings). Stored as JSON under the `token_policy` setting. */
export const tokenPolicySchema = z
  .object({
    defaultLifetimeDays: days("Default lifetime"),
    maxLifetimeDays: days("Maximum lifetime"),
    allowNoExpiry: checkbox,
    usersMayIssue: checkbox,
    userMaxScope: scopeSchema,
    userMaxLifetimeDays: days("Longest lifetime for users"),
  })
  .superRefine((p, ctx) => {
    if (p.defaultLifetimeDays > p.maxLifetimeDays) {
      ctx.addIssue({ code: "custom", path: ["defaultLifetimeDays"], message: "The default cannot be longer than the maximum lifetime" });
    }
    if (p.userMaxLifetimeDays > p.maxLifetimeDays) {
      ctx.addIssue({ code: "custom", path: ["userMaxLifetimeDays"], message: "Cannot be longer than the maximum lifetime" });
    }
  });
export type TokenPolicy = z.output<typeof tokenPolicySchema>;

// Table state from the URL: anything unknown or malformed is dropped, never an error page.
export const EXPIRING_WITHIN = ["7", "30", "90"] as const;
export const LAST_USED = ["24h", "7d", "30d", "older30d", "never"] as const;
export const tokenFiltersSchema = z.object({
  q: searchTextSchema,
  owner: emailSchema.optional().catch(undefined),
  status: z.enum(TOKEN_STATUSES).optional().catch(undefined),
  scope: scopeSchema.optional().catch(undefined),
  server: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().catch(undefined),
  expiring: z.enum(EXPIRING_WITHIN).transform((d) => Number(d) * DAY_MS).optional().catch(undefined),
  lastUsed: z.enum(LAST_USED).optional().catch(undefined),
});
export type TokenFilters = z.output<typeof tokenFiltersSchema>;
export const TOKEN_SORT_COLUMNS = ["name", "owner", "scope", "status", "expiresAt", "createdAt", "lastUsedAt"] as const;
export type TokenSortColumn = (typeof TOKEN_SORT_COLUMNS)[number];
