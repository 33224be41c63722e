"use client";

import { useActionState } from "react";
import { revealTokenAction, type RevealedSecret } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";
import { SecretReveal } from "./secret-reveal";

type Props = { tokenId: string; tokenName: string; canReveal: boolean; framed?: boolean };

/**
 * Claim a token issued for you: its secret is created now and shown once, here. Render it
 * whatever the status: revealing makes the token active, and this component must stay
 * mounted through that refresh to keep showing the secret it just received.
 */
export function RevealPanel({ tokenId, tokenName, canReveal, framed = false }: Props) {
  const [state, action] = useActionState<ActionState<RevealedSecret>, FormData>(revealTokenAction, {});
  if (!state.ok && !canReveal) return null;
  const body = state.ok ? (
    <SecretReveal revealed={state.ok} />
  ) : (
    <form action={action} className="grid gap-3">
      <ActionError message={state.error} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <div>
        <SubmitButton pendingText="Revealing…" aria-label={`Reveal ${tokenName}`}>
          Reveal token
        </SubmitButton>
      </div>
    </form>
  );
  if (!framed) return body;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>{state.ok ? "Your token" : "Ready to claim"}</CardTitle>
        <CardDescription>This token was issued for you. Reveal it once and copy it into your MCP client.</CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
