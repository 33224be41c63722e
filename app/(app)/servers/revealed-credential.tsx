"use client";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/** A freshly issued server credential, shown once with a copy button. */
export function RevealedCredential({ credential, note }: { credential: string; note?: string }) {
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label="Server credential" className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all">
          {credential}
        </code>
        <CopyButton value={credential} label="Copy credential" />
      </div>
      <Alert variant="warning">
        <AlertTitle>Copy it now</AlertTitle>
        <AlertDescription>
          {note ?? "It will not be shown again; Gatehouse stores only a digest. If it is lost, rotate the credential."} Set it as the
          server&apos;s <code>GATEHOUSE_SERVER_CREDENTIAL</code>.
        </AlertDescription>
      </Alert>
    </div>
  );
}
