import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { findInvite, inviteRefusal } from "@/lib/users/mutations";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const invite = findInvite(secret);
  if (!invite) {
    return (
      <AuthCard title="Link not valid" footer={<Link className="underline" href="/login">Go to sign in</Link>}>
        <Alert variant="destructive">
          <AlertDescription>{inviteRefusal(secret)}</AlertDescription>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Welcome, ${invite.user.name}`} description="Choose a password to finish setting up your Gatehouse account.">
      <InviteForm secret={secret} email={invite.user.email} />
    </AuthCard>
  );
}
