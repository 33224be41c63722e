import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInWithOidcAction } from "@/app/actions/auth";
import { AuthCard } from "@/components/auth-card";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { safeNextPath } from "@/lib/http/safe-next";
import { countUsers } from "@/lib/users/queries";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Your single sign-on account has no access to Gatehouse. Ask an administrator to invite you.",
  Configuration: "Sign-in is misconfigured. Ask an administrator to check the server's log.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : "/");
  if (await currentUser()) redirect(next);
  const oidc = config().oidc;
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Please try again.") : null;
  return (
    <AuthCard title="Sign in to Gatehouse" description="Manage access tokens for your MCP servers.">
      <div className="grid gap-6">
        {countUsers() === 0 && (
          <Alert>
            <AlertTitle>Gatehouse has no admin yet</AlertTitle>
            <AlertDescription>
              The one-time setup link that creates the first admin was printed in the server&apos;s console (the terminal where Gatehouse was started). Open it there;
              restarting Gatehouse prints a new one.
            </AlertDescription>
          </Alert>
        )}
        {error && (
          <Alert variant="destructive">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        {oidc && (
          <>
            <form action={signInWithOidcAction}>
              <input type="hidden" name="next" value={next} />
              <Button type="submit" variant="outline" className="w-full">
                Continue with {oidc.displayName}
              </Button>
            </form>
            <div className="flex items-center gap-3 text-xs text-muted-foreground">
              <span className="h-px flex-1 bg-border" />
              or with your password
              <span className="h-px flex-1 bg-border" />
            </div>
          </>
        )}
        <LoginForm next={next} />
      </div>
    </AuthCard>
  );
}
