import * as React from "react";
import { cn } from "@/lib/cn";
import { controlClasses } from "@/components/ui/input";

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(controlClasses, "min-h-20 px-3 py-2 field-sizing-content", className)}
      {...props}
    />
  );
}
