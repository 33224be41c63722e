"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { saveClientHostPolicy } from "@/lib/oauth/client-hosts";
import { saveOAuthSettings } from "@/lib/oauth/settings";
import { PolicyChangeError, saveTokenPolicy } from "@/lib/policy/store";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import { tokenPolicySchema } from "@/lib/validation/tokens";

export async function saveTokenPolicyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const parsed = tokenPolicySchema.safeParse(formValues(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  try {
    saveTokenPolicy(parsed.data, admin, await requestContext());
  } catch (err) {
    if (err instanceof PolicyChangeError) return { error: err.message };
    throw err;
  }
  revalidatePath("/", "layout");
  return { ok: true };
}

/** The OAuth client hosts on the Settings page: one host per line (or comma-separated) in each box. */
export async function saveClientHostsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(form);
  const hosts = (name: string) => (values[name] ?? "").split(/[\s,]+/).filter(Boolean);
  try {
    saveClientHostPolicy({ allowed: hosts("allowed"), blocked: hosts("blocked") }, { actor: admin, ...(await requestContext()) });
  } catch (err) {
    if (err instanceof ZodError) return invalid(err, values);
    throw err;
  }
  revalidatePath("/settings");
  return { ok: true };
}

/** Settings → OAuth: who may allow apps to write, and the lifetimes of what OAuth issues. */
export async function saveOAuthSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const values = formValues(form);
  try {
    saveOAuthSettings(values, { actor: admin, ...(await requestContext()) });
  } catch (err) {
    if (err instanceof ZodError) return invalid(err, values);
    throw err;
  }
  revalidatePath("/settings");
  return { ok: true };
}
