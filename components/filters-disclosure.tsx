"use client";

import * as React from "react";
import { ChevronDownIcon, FilterIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/**
 * On a phone a page's filters fold behind one "Filters" button (saying how many are set), so the
 * rows start near the top of the screen; from md up they are always open. `defaultOpen` when a
 * field has an error to show.
 */
export function FiltersDisclosure({ active, defaultOpen = false, className, children }: { active: number; defaultOpen?: boolean; className?: string; children: React.ReactNode }) {
  const [open, setOpen] = React.useState(defaultOpen);
  const id = React.useId();
  return (
    <div className={cn("grid gap-3", className)}>
      <Button type="button" variant="outline" className="justify-between md:hidden" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span className="inline-flex items-center gap-2">
          <FilterIcon aria-hidden="true" />
          Filters{active > 0 && ` (${active} set)`}
        </span>
        <ChevronDownIcon aria-hidden="true" className={cn("transition-transform", open && "rotate-180")} />
      </Button>
      <div id={id} className={cn(open ? "block" : "hidden", "md:block")}>
        {children}
      </div>
    </div>
  );
}
