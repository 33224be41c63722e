import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import { DEPLOYMENT_LABELS, DEPLOYMENTS, type Deployment } from "@/lib/validation/servers";

/** How the server is deployed, for the register and edit forms. */
export function DeploymentField({ defaultValue, error }: { defaultValue: Deployment | string; error?: string }) {
  return (
    <Field
      label="Deployment"
      htmlFor="deployment"
      description="Servers used by several people must verify every request; the server's page checks that they do."
      error={error}
    >
      <NativeSelect name="deployment" defaultValue={defaultValue}>
        {DEPLOYMENTS.map((d) => (
          <option key={d} value={d}>
            {DEPLOYMENT_LABELS[d]}
          </option>
        ))}
      </NativeSelect>
    </Field>
  );
}
