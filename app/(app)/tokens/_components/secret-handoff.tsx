"use client";

import { useEffect, useState } from "react";
import type { RevealedSecret } from "@/app/actions/tokens";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SecretReveal } from "./secret-reveal";

// In this tab's memory only, from the dialog that made a token to that token's page: never in a
// URL or storage, so a reload or another tab finds nothing, as with any secret shown once.
const waiting = new Map<string, RevealedSecret>();

/** Leaves a new token's secret for its page to show, once (call just before navigating there). */
export function handOverSecret(revealed: RevealedSecret): void {
  waiting.set(revealed.tokenId, revealed);
}

/** On a token's page: the secret handed over by the step that created it, if any; shown once. */
export function HandedOverSecret({ tokenId }: { tokenId: string }) {
  // Read in the initializer, dropped in the effect: a second render still has it, a later visit does not.
  const [revealed] = useState(() => waiting.get(tokenId) ?? null);
  useEffect(() => {
    waiting.delete(tokenId);
  }, [tokenId]);
  if (!revealed) return null;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Your new token</CardTitle>
        <CardDescription>Regenerated with the same settings. Copy it into your MCP client now.</CardDescription>
      </CardHeader>
      <CardContent>
        <SecretReveal revealed={revealed} />
      </CardContent>
    </Card>
  );
}
