"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentUser, requireAdmin } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { deleteClient } from "@/lib/oauth/admin";
import { disconnectApp } from "@/lib/oauth/connected-apps";
import type { ActionState } from "@/lib/validation/action-state";
import { answerConsent } from "@/lib/oauth/consent";

const answerSchema = z.object({ request: z.string().length(32), decision: z.enum(["allow", "deny"]) });

/**
 * Allow or Deny on the consent page. Next refuses a server action from another origin, and the
 * request id is single-use and bound to this user, so a forged or replayed form grants nothing.
 */
export async function answerConsentAction(form: FormData): Promise<void> {
  // Anyone can post anything to an action: a call without form data is a bad request, not a 500.
  if (!(form instanceof FormData)) redirect("/oauth/error?reason=invalid_request");
  const parsed = answerSchema.safeParse({ request: form.get("request"), decision: form.get("decision") });
  if (!parsed.success) redirect("/oauth/error?reason=invalid_request");
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/oauth/consent/${parsed.data.request}`)}`);
  const location = answerConsent(parsed.data.request, parsed.data.decision === "allow", { actor: user, ...(await requestContext()) });
  redirect(location ?? "/oauth/error?reason=expired");
}

/** "Disconnect" under Connected apps on My tokens, and an admin's "Revoke" on the apps, user and server pages. */
export async function disconnectAppAction(form: FormData): Promise<void> {
  const grantId = z.string().min(1).max(64).safeParse(form.get("grant"));
  const user = await currentUser();
  if (!user) redirect("/login?next=%2Fmy-tokens");
  if (grantId.success) disconnectApp(grantId.data, { actor: user, ...(await requestContext()) });
  revalidatePath("/my-tokens");
  // An admin revokes from the apps page, or from a user's or a server's page.
  for (const page of ["/apps", "/users", "/servers"]) revalidatePath(page, "layout");
}

const clientIdSchema = z.string().min(1).max(64);

/** "Delete" on the apps page: the client's grants end now, and it has to register again. */
export async function deleteClientAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const clientId = clientIdSchema.safeParse(form.get("client"));
  if (!clientId.success || !deleteClient(clientId.data, { actor: admin, ...(await requestContext()) })) {
    return { error: "This app was already deleted." };
  }
  for (const page of ["/apps", "/users", "/servers"]) revalidatePath(page, "layout");
  return { ok: true };
}
