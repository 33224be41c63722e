"use client";

import { TriangleAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import type { RevealedSecret } from "@/app/actions/tokens";
import { PLACEHOLDER_URL } from "@/lib/tokens/client-config";

/** A secret shown once, with copy buttons for it and for a ready-to-paste MCP client configuration. */
export function SecretReveal({ revealed }: { revealed: RevealedSecret }) {
  return (
    <section aria-label="Your new token" className="grid gap-4">
      <Alert variant="warning">
        <TriangleAlertIcon aria-hidden="true" />
        <AlertTitle>Copy it now: this is the only time it is shown</AlertTitle>
        <AlertDescription>Gatehouse keeps only a fingerprint of it. Once you leave or reload this page, it cannot be shown again; you would have to rotate it.</AlertDescription>
      </Alert>
      <div className="grid gap-2">
        <p className="text-sm font-medium" id={`secret-${revealed.tokenId}`}>
          Token
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code aria-labelledby={`secret-${revealed.tokenId}`} data-testid="revealed-secret" className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all">
            {revealed.secret}
          </code>
          <CopyButton value={revealed.secret} label="Copy token" />
        </div>
      </div>
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <p className="text-sm font-medium" id={`config-${revealed.tokenId}`}>
            MCP client configuration
          </p>
          <CopyButton value={revealed.config} label="Copy configuration" />
        </div>
        <pre aria-labelledby={`config-${revealed.tokenId}`} data-testid="revealed-config" className="max-h-64 overflow-auto rounded-md border bg-muted p-3 font-mono text-xs">
          {revealed.config}
        </pre>
        <p className="text-[13px] text-muted-foreground">
          Paste this into your MCP client&apos;s configuration (Streamable HTTP with a bearer token).
          {revealed.config.includes(PLACEHOLDER_URL) && " No MCP server is registered yet: replace the example URL with your server's."}
        </p>
      </div>
    </section>
  );
}
