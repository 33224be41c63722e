"use client";

import { useState } from "react";
import { CircleAlertIcon, TriangleAlertIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import { counted } from "@/lib/text/counted";
import { DEPLOYMENT_LABELS, DEPLOYMENTS, type Deployment } from "@/lib/validation/servers";

type Props = {
  deployment: Deployment | string;
  acceptsOAuth: boolean;
  errors: { deployment?: string; acceptsOAuth?: string };
  /** On the edit page: the live OAuth grants that turning OAuth off would end. */
  liveOauthGrants?: number;
};

/**
 * How the server is deployed and whether it accepts OAuth clients, for the register and edit
 * forms. Only a remote server is offered OAuth: the box is off and disabled for a local one (a
 * disabled box is not sent, so the server saves it off).
 */
export function DeploymentFields({ deployment, acceptsOAuth, errors, liveOauthGrants = 0 }: Props) {
  const [kind, setKind] = useState(deployment);
  const [oauth, setOAuth] = useState(acceptsOAuth);
  const remote = kind === "remote";
  const ending = liveOauthGrants > 0 && !(remote && oauth);
  return (
    <>
      <Field
        label="Deployment"
        htmlFor="deployment"
        description="Servers used by several people must verify every request; the server's page checks that they do."
        error={errors.deployment}
      >
        <NativeSelect name="deployment" value={kind} onChange={(e) => setKind(e.target.value)}>
          {DEPLOYMENTS.map((d) => (
            <option key={d} value={d}>
              {DEPLOYMENT_LABELS[d]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <div className="grid gap-1.5">
        <label className="flex items-start gap-2 text-sm">
          <Checkbox
            name="acceptsOAuth"
            checked={remote && oauth}
            disabled={!remote}
            onChange={(e) => setOAuth(e.target.checked)}
            aria-describedby={errors.acceptsOAuth ? "acceptsOAuth-description acceptsOAuth-error" : "acceptsOAuth-description"}
            aria-invalid={errors.acceptsOAuth ? true : undefined}
            className="mt-0.5"
          />
          <span>
            Accepts OAuth clients
            <span id="acceptsOAuth-description" className="block text-[13px] text-muted-foreground">
              {remote
                ? "Apps such as Claude, ChatGPT or VS Code connect with only the server's URL: people sign in to Gatehouse and allow them."
                : "Only a remote server can accept OAuth clients."}
            </span>
          </span>
        </label>
        {errors.acceptsOAuth && (
          <p id="acceptsOAuth-error" role="alert" className="flex items-start gap-1.5 text-[13px] font-medium text-destructive">
            <CircleAlertIcon aria-hidden="true" className="mt-px size-3.5 shrink-0" />
            {errors.acceptsOAuth}
          </p>
        )}
      </div>
      {ending && (
        <Alert variant="warning" data-testid="oauth-off-warning">
          <TriangleAlertIcon aria-hidden="true" />
          <AlertDescription>
            Saving ends {counted(liveOauthGrants, "OAuth grant", "OAuth grants")} on this server at once: their apps stop working at the next call. Turning OAuth on again
            does not bring them back; people connect again.
          </AlertDescription>
        </Alert>
      )}
    </>
  );
}
