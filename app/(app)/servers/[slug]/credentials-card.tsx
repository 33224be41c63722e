"use client";

import { GraceSelect } from "@/components/grace-select";
import { TimeText } from "@/components/time-text";
import { useActionState } from "react";
import { revokeCredentialAction, rotateCredentialAction } from "@/app/actions/servers";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CredentialState } from "@/lib/servers/queries";
import type { ActionState } from "@/lib/validation/action-state";
import { formatDateTime } from "@/lib/time/format";
import { replacedNote } from "@/lib/tokens/grace";
import { ConfirmAction } from "../confirm-action";
import { RevealedCredential } from "../revealed-credential";
import { ActionError } from "@/components/action-error";

export type CredentialView = { id: string; hint: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; state: CredentialState };

const STATES: Record<CredentialState, { label: string; variant: "success" | "warning" | "muted" | "destructive" }> = {
  current: { label: "Current", variant: "success" },
  grace: { label: "In grace period", variant: "warning" },
  expired: { label: "Expired", variant: "muted" },
  revoked: { label: "Revoked", variant: "destructive" },
};


export function CredentialsCard({ serverId, credentials }: { serverId: string; credentials: CredentialView[] }) {
  const [state, rotate] = useActionState<ActionState<{ credential: string; graceEndsAt: string; graceMs: number }>, FormData>(rotateCredentialAction, {});
  const working = credentials.filter((c) => c.state === "current" || c.state === "grace");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Server credential</CardTitle>
        <CardDescription>
          The server authenticates to Gatehouse with it. Rotate to issue a new one; the old one keeps working during the grace period so the
          server can be reconfigured without downtime.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {working.length === 0 && (
          <Alert variant="destructive">
            <AlertDescription>No working credential: every verification from this server is refused. Rotate to issue one.</AlertDescription>
          </Alert>
        )}
        {state.ok && <RevealedCredential credential={state.ok.credential} note={replacedNote("credential", state.ok.graceMs, state.ok.graceEndsAt, formatDateTime)!} />}
        <ActionError message={state.error} />
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Credential</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="max-sm:hidden">Created</TableHead>
                <TableHead className="max-sm:hidden">Last used</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {credentials.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    <span className="font-mono text-xs break-all">{c.hint}</span>
                    {/* On a phone the time columns are hidden: the last use shows under the credential. */}
                    <div className="text-xs text-muted-foreground sm:hidden">
                      Last used <TimeText value={c.lastUsedAt} fallback="never" />
                    </div>
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATES[c.state].variant}>{STATES[c.state].label}</Badge>
                    {c.state === "grace" && <span className="ml-2 text-xs text-muted-foreground">
                        until <TimeText value={c.expiresAt} />
                      </span>}
                  </TableCell>
                  <TableCell className="text-xs max-sm:hidden">
                    <TimeText value={c.createdAt} />
                  </TableCell>
                  <TableCell className="text-xs max-sm:hidden">
                    <TimeText value={c.lastUsedAt} fallback="Never" />
                  </TableCell>
                  <TableCell className="text-right">
                    {(c.state === "current" || c.state === "grace") && (
                      <ConfirmAction
                        triggerLabel="Revoke"
                        title={`Revoke ${c.hint}?`}
                        description="The server can no longer verify tokens with this credential, starting with its next call. This cannot be undone."
                        confirmLabel="Revoke credential"
                        pendingText="Revoking…"
                        destructive
                        fields={{ serverId, credentialId: c.id }}
                        action={revokeCredentialAction}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <form action={rotate} className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="serverId" value={serverId} />
          <Field label="Grace period for the current credential" htmlFor="grace" className="w-72" error={state.fieldErrors?.grace}>
            <GraceSelect />
          </Field>
          <SubmitButton variant="outline" pendingText="Rotating…">
            Rotate credential
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}
