import { currentUser } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { authorizeResponse } from "@/lib/oauth/authorize";
import { answerRememberedConsent } from "@/lib/oauth/consent";

export const dynamic = "force-dynamic";

/**
 * `GET /oauth/authorize`: checks the request before anyone signs in, stores it, and sends the
 * browser to the consent page (which asks to sign in first). Someone already signed in who
 * approved this client on this server before goes straight back with a code.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await requestContext();
  return authorizeResponse(
    new URL(request.url).searchParams,
    async (requestId) => {
      const user = await currentUser();
      return user ? answerRememberedConsent(requestId, { actor: user, ...ctx }) : null;
    },
    ctx,
  );
}
