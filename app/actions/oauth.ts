"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { disconnectApp } from "@/lib/oauth/connected-apps";
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

/** "Disconnect" under Connected apps on My tokens. */
export async function disconnectAppAction(form: FormData): Promise<void> {
  const grantId = z.string().min(1).max(64).safeParse(form.get("grant"));
  const user = await currentUser();
  if (!user) redirect("/login?next=%2Fmy-tokens");
  if (grantId.success) disconnectApp(grantId.data, { actor: user, ...(await requestContext()) });
  revalidatePath("/my-tokens");
  // An admin disconnects from the user's own page.
  revalidatePath("/users", "layout");
}
