import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { isSetupCodeValid } from "@/lib/setup/first-run";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code } = await searchParams;
  if (typeof code !== "string" || !isSetupCodeValid(code)) {
    return (
      <AuthCard title="Setup link not valid" footer={<Link className="underline" href="/login">Go to sign in</Link>}>
        <Alert variant="destructive">
          <AlertDescription>
            This setup link has expired or was already used. Gatehouse prints a new one-time link on its console when it
            starts with no users; once an admin exists, sign in instead.
          </AlertDescription>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Welcome to Gatehouse" description="Create the first administrator account. This link works only once.">
      <SetupForm code={code} />
    </AuthCard>
  );
}
