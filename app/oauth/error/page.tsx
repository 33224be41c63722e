import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";

export const metadata: Metadata = { title: "Cannot connect" };

// Only codes are taken from the URL; the words are ours, so the page cannot be made to say anything else.
const REASONS: Record<string, string> = {
  invalid_request: "The application sent a malformed authorization request.",
  unknown_client: "The application is not registered with Gatehouse, or its registration was deleted. It should register again.",
  client_metadata:
    "Gatehouse could not use the application's client metadata document: it could not be fetched safely, is not valid, or its host is not allowed here. The administrator can see why in the audit log.",
  redirect_uri: "The application asked to send the answer to an address it did not register.",
  expired: "This request has expired or was already answered.",
};

export default async function OAuthErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason } = await searchParams;
  const text = (typeof reason === "string" && REASONS[reason]) || REASONS.invalid_request;
  return (
    <AuthCard title="Cannot connect this application" description={text}>
      <p className="text-sm text-muted-foreground">Nothing was shared. Go back to the application and try connecting again.</p>
    </AuthCard>
  );
}
