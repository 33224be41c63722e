"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
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
