"use client";

import { TriangleAlertIcon } from "lucide-react";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { NativeSelect } from "@/components/ui/select";
import type { RevealedSecret } from "@/app/actions/tokens";
import { PLACEHOLDER_COMMAND, PLACEHOLDER_URL } from "@/lib/tokens/client-config";

/** A secret shown once, with copy buttons for it and for a ready-to-paste configuration for the person's MCP client. */
export function SecretReveal({ revealed }: { revealed: RevealedSecret }) {
  const [client, setClient] = useState(revealed.configs[0]!.client);
  const config = revealed.configs.find((c) => c.client === client) ?? revealed.configs[0]!;
  const id = revealed.tokenId;
  return (
    <section aria-label="Your new token" className="grid gap-4">
      <Alert variant="warning">
        <TriangleAlertIcon aria-hidden="true" />
        <AlertTitle>Copy it now: this is the only time it is shown</AlertTitle>
        <AlertDescription>Gatehouse keeps only a fingerprint of it. Once you leave or reload this page, it cannot be shown again; you would have to rotate it.</AlertDescription>
      </Alert>
      <div className="grid gap-2">
        <p className="text-sm font-medium" id={`secret-${id}`}>
          Token
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code aria-labelledby={`secret-${id}`} data-testid="revealed-secret" className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all">
            {revealed.secret}
          </code>
          <CopyButton value={revealed.secret} label="Copy token" />
        </div>
      </div>
      <div className="grid gap-2">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div className="grid gap-1">
            <label className="text-sm font-medium" htmlFor={`client-${id}`}>
              Configuration for
            </label>
            <NativeSelect id={`client-${id}`} value={client} onChange={(e) => setClient(e.target.value as typeof client)} className="w-64 max-w-full">
              {revealed.configs.map((c) => (
                <option key={c.client} value={c.client}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <CopyButton value={config.text} label="Copy configuration" />
        </div>
        {/* Focusable: a keyboard user must be able to scroll a long configuration too. */}
        <pre
          aria-label={`${config.label} configuration`}
          data-testid="revealed-config"
          data-client={config.client}
          tabIndex={0}
          className="max-h-64 overflow-auto rounded-md border bg-muted p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {config.text}
        </pre>
        <p className="text-[13px] text-muted-foreground">
          Paste it into {config.where}.{config.text.includes(PLACEHOLDER_URL) && " No MCP server is registered yet: replace the example URL with your server's."}
          {config.text.includes(PLACEHOLDER_COMMAND) && " For a stdio server, put the command that starts it where the placeholder is."}
        </p>
      </div>
    </section>
  );
}
