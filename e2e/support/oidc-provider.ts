// A real OpenID Connect provider (node-oidc-provider) for the e2e run. Its built-in dev
// login form accepts any login; the login is taken as the account's email. Logins that
// start with "unverified" get email_verified: false.
import Provider from "oidc-provider";
import { E2E } from "./env";

const provider = new Provider(E2E.oidcIssuer, {
  clients: [
    {
      client_id: E2E.oidcClientId,
      client_secret: E2E.oidcClientSecret,
      redirect_uris: [`${E2E.baseURL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, email: sub, email_verified: !sub.startsWith("unverified"), name: `SSO ${sub.split("@")[0]}` };
      },
    };
  },
});
provider.proxy = false;
provider.listen(E2E.oidcPort, () => console.log(`OIDC provider at ${E2E.oidcIssuer}`));
