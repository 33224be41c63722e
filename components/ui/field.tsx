import * as React from "react";
import { CircleAlertIcon } from "lucide-react";
import { cn } from "@/lib/cn";
import { Label } from "@/components/ui/label";

type ControlProps = {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
};

export type FieldProps = {
  label: React.ReactNode;
  /** The control's id. If the child has no id, it is given this one. */
  htmlFor: string;
  description?: React.ReactNode;
  /** Validation message(s); shown inline with role="alert" and marks the control aria-invalid. */
  error?: string | string[] | null;
  /** Adds a visual "required" marker (also set `required` on the control). */
  required?: boolean;
  className?: string;
  /** A single form control element (Input, Textarea, NativeSelect, ...). */
  children: React.ReactNode;
};

/** Label + control + description + inline error, with aria-describedby/aria-invalid wired onto the control. */
export function Field({ label, htmlFor, description, error, required, className, children }: FieldProps) {
  const message = Array.isArray(error) ? error.filter(Boolean).join(" ") : error;
  const descriptionId = description ? `${htmlFor}-description` : undefined;
  const errorId = message ? `${htmlFor}-error` : undefined;

  let control = children;
  if (React.isValidElement<ControlProps>(children)) {
    const own = children.props;
    const describedBy = [own["aria-describedby"], descriptionId, errorId].filter(Boolean).join(" ");
    control = React.cloneElement(children, {
      id: own.id ?? htmlFor,
      "aria-describedby": describedBy || undefined,
      "aria-invalid": message ? true : own["aria-invalid"],
    });
  }

  return (
    <div data-slot="field" data-invalid={message ? "" : undefined} className={cn("grid gap-2", className)}>
      <Label htmlFor={htmlFor}>
        {label}
        {required && (
          <span className="text-destructive" aria-hidden="true">
            *
          </span>
        )}
      </Label>
      {control}
      {description && (
        <p id={descriptionId} className="text-[13px] text-muted-foreground">
          {description}
        </p>
      )}
      {message && (
        <p id={errorId} role="alert" className="flex items-start gap-1.5 text-[13px] font-medium text-destructive">
          <CircleAlertIcon aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          {message}
        </p>
      )}
    </div>
  );
}
