import { z } from "zod";
import { checkbox } from "./tokens";

export const DEPLOYMENTS = ["local-single", "local-multi", "remote"] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

export const DEPLOYMENT_LABELS: Record<Deployment, string> = {
  "local-single": "Local, one user",
  "local-multi": "Local, several users",
  remote: "Remote (hosted)",
};

export const serverNameSchema = z.string().trim().min(1, "Enter a name").max(100, "Name is too long (100 characters at most)");

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "Use 1–48 lower-case letters, digits and dashes (not at either end)");

export const serverUrlSchema = z
  .string()
  .trim()
  .max(2048, "URL is too long")
  .pipe(z.url({ protocol: /^https?$/, message: "Enter an http:// or https:// URL" }))
  // The canonical URL is the server's resource identifier (RFC 8707): no fragment.
  .refine((u) => !u.includes("#"), "The URL must not have a #fragment");

export const deploymentSchema = z.enum(DEPLOYMENTS, { message: "Choose how the server is deployed" });

const optionalSlug = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), slugSchema.optional());

const optionalUrl = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), serverUrlSchema.optional());

const serverFields = z.object({
  name: serverNameSchema,
  slug: optionalSlug,
  url: optionalUrl,
  deployment: deploymentSchema.default("remote"),
  acceptsOAuth: checkbox,
});

/** A remote server is reached by its URL; a local (stdio) server has none, and is known by its slug. */
const remoteHasUrl: [(s: { url?: string; deployment: Deployment }) => boolean, { path: string[]; message: string }] = [
  (s) => s.url !== undefined || s.deployment !== "remote",
  { path: ["url"], message: "A remote server needs its URL (a local stdio server may have none)" },
];

/** OAuth clients reach a server by its URL over the internet: a local server is never offered it. */
const onlyRemoteAcceptsOAuth: [(s: { acceptsOAuth: boolean; deployment: Deployment }) => boolean, { path: string[]; message: string }] = [
  (s) => !s.acceptsOAuth || s.deployment === "remote",
  { path: ["acceptsOAuth"], message: "Only a remote server can accept OAuth clients" },
];

export const registerServerSchema = serverFields.refine(...remoteHasUrl).refine(...onlyRemoteAcceptsOAuth);
export type RegisterServerInput = z.infer<typeof registerServerSchema>;

// Server credentials rotate with the same grace rules as tokens (0 to 7 days).
export { graceSchema } from "./tokens";

export const serverIdSchema = z.string().regex(/^srv_[0-9A-Za-z]{16}$/, "Unknown server");

/**
 * An edit of name, URL, deployment and whether it accepts OAuth. The slug stays: servers name it in HTTP Basic auth and a
 * stdio server's tokens carry it as their audience, so changing it would break them silently.
 */
export const updateServerSchema = serverFields
  .pick({ name: true, url: true, acceptsOAuth: true })
  .extend({ serverId: serverIdSchema, deployment: deploymentSchema })
  .refine(...remoteHasUrl)
  .refine(...onlyRemoteAcceptsOAuth);
export type UpdateServerInput = z.infer<typeof updateServerSchema>;

/** The servers list's URL state: `archived=1` lists archived servers too. */
export const serverListParamsSchema = z.object({ archived: z.literal("1").optional().catch(undefined) });

/** What the remove dialog promised; the change is refused if the server's ties changed since. */
export const removeServerSchema = z.object({ serverId: serverIdSchema, expected: z.enum(["delete", "archive"]) });
export const credentialIdSchema = z.string().regex(/^crd_[0-9A-Za-z]{16}$/, "Unknown credential");

export const toolNameSchema = z
  .string()
  .min(1, "Tool names are 1 to 128 characters")
  .max(128, "Tool names are 1 to 128 characters")
  .regex(/^[^\x00-\x1f\x7f]+$/, "Tool names must not contain control characters");

export const toolClassOverrideSchema = z.object({
  serverId: serverIdSchema,
  tool: toolNameSchema,
  // "reported" drops the override and returns to the class the server's annotations give.
  accessClass: z.enum(["read", "write", "reported"], { message: "Choose read, write or reported" }),
});

/** MCP tool annotations (2025-06-18 spec); unknown hints are kept but bounded. */
const annotationsSchema = z
  .looseObject({
    title: z.string().max(256).optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .refine((a) => JSON.stringify(a).length <= 2048, "annotations are too large (2 KB at most)");

/** `PUT /api/v1/tools` body. */
export const reportToolsSchema = z.strictObject({
  tools: z
    .array(
      z.object({
        name: toolNameSchema,
        title: z.string().max(256).optional(),
        annotations: annotationsSchema.optional(),
      }),
    )
    .max(1000, "At most 1000 tools")
    .refine((list) => new Set(list.map((t) => t.name)).size === list.length, "Each tool name may appear only once"),
});
export type ReportedTool = z.infer<typeof reportToolsSchema>["tools"][number];
