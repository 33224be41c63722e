import * as React from "react";
import { ChevronDownIcon } from "lucide-react";
import { cn } from "@/lib/cn";
import { controlClasses } from "@/components/ui/input";

/**
 * A styled native <select>. `className` goes on the wrapper (use it for width/margins);
 * every other prop, including name/aria-*, goes on the <select> itself.
 */
export function NativeSelect({ className, children, multiple, ...props }: React.ComponentProps<"select">) {
  return (
    <div data-slot="native-select-wrapper" className={cn("relative w-full", className)}>
      <select
        data-slot="native-select"
        multiple={multiple}
        className={cn(controlClasses, multiple ? "px-2 py-1" : "h-9 appearance-none py-1 pr-9 pl-3")}
        {...props}
      >
        {children}
      </select>
      {!multiple && (
        <ChevronDownIcon
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
      )}
    </div>
  );
}
