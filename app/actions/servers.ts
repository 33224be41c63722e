"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { registerServer, revokeServerCredential, rotateServerCredential, ServerChangeError, setServerStatus, type ServerCtx } from "@/lib/servers/mutations";
import { removeServer, restoreServer, updateServer } from "@/lib/servers/lifecycle";
import type { Removal } from "@/lib/servers/ties";
import { overrideToolClass } from "@/lib/servers/tools";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import {
  credentialIdSchema,
  graceSchema,
  registerServerSchema,
  removeServerSchema,
  serverIdSchema,
  toolClassOverrideSchema,
  updateServerSchema,
} from "@/lib/validation/servers";

/** Every action re-checks that an admin is asking: a page or proxy check alone is not enough. */
async function adminContext(): Promise<ServerCtx> {
  const admin = await requireAdmin();
  return { actor: admin, ...(await requestContext()) };
}

function refused<T>(err: unknown): ActionState<T> {
  if (err instanceof ServerChangeError) {
    return err.field ? { error: "Please correct the highlighted fields.", fieldErrors: { [err.field]: err.message } } : { error: err.message };
  }
  throw err;
}

export async function registerServerAction(_prev: ActionState<{ slug: string; name: string; credential: string }>, form: FormData) {
  const ctx = await adminContext();
  const parsed = registerServerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  try {
    const { server, credential } = registerServer(parsed.data, ctx);
    revalidatePath("/servers");
    return { ok: { slug: server.slug, name: server.name, credential } };
  } catch (err) {
    return { ...refused<never>(err), values: formValues(form) };
  }
}

/** Name, URL and deployment; on a refusal the form gets back everything typed, the field at fault marked. */
export async function updateServerAction(_prev: ActionState<{ slug: string }>, form: FormData): Promise<ActionState<{ slug: string }>> {
  const ctx = await adminContext();
  const parsed = updateServerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  try {
    const server = updateServer(parsed.data, ctx);
    revalidatePath("/servers", "layout");
    return { ok: { slug: server.slug } };
  } catch (err) {
    return { ...refused<never>(err), values: formValues(form) };
  }
}

/** Deletes an unused server or archives a used one, as the dialog said; answers which it was. */
export async function removeServerAction(_prev: ActionState<Removal>, form: FormData): Promise<ActionState<Removal>> {
  const ctx = await adminContext();
  const parsed = removeServerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const removal = removeServer(parsed.data.serverId, parsed.data.expected, ctx);
    revalidatePath("/servers", "layout");
    return { ok: removal };
  } catch (err) {
    return refused<never>(err);
  }
}

const rotateSchema = z.object({ serverId: serverIdSchema, grace: graceSchema });

export async function rotateCredentialAction(_prev: ActionState<{ credential: string; graceEndsAt: string; graceMs: number }>, form: FormData) {
  const ctx = await adminContext();
  const parsed = rotateSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  try {
    const { credential, graceEndsAt } = rotateServerCredential(parsed.data.serverId, parsed.data.grace, ctx);
    revalidatePath("/servers", "layout");
    return { ok: { credential, graceEndsAt: graceEndsAt.toISOString(), graceMs: parsed.data.grace } };
  } catch (err) {
    return refused<never>(err);
  }
}

/** Parses the form, makes one audited change as the signed-in admin, and refreshes the server pages. */
async function adminChange<T>(schema: z.ZodType<T>, form: FormData, change: (data: T, ctx: ServerCtx) => void): Promise<ActionState> {
  const ctx = await adminContext();
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    change(parsed.data, ctx);
    revalidatePath("/servers", "layout");
    return { ok: true };
  } catch (err) {
    return refused(err);
  }
}

const revokeSchema = z.object({ serverId: serverIdSchema, credentialId: credentialIdSchema });
const statusSchema = z.object({ serverId: serverIdSchema, status: z.enum(["active", "disabled"]) });

export async function revokeCredentialAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return adminChange(revokeSchema, form, (d, ctx) => revokeServerCredential(d.serverId, d.credentialId, ctx));
}

export async function setServerStatusAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return adminChange(statusSchema, form, (d, ctx) => setServerStatus(d.serverId, d.status, ctx));
}

export async function restoreServerAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return adminChange(z.object({ serverId: serverIdSchema }), form, (d, ctx) => restoreServer(d.serverId, ctx));
}

export async function overrideToolClassAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return adminChange(toolClassOverrideSchema, form, (d, ctx) => overrideToolClass(d.serverId, d.tool, d.accessClass, ctx));
}
