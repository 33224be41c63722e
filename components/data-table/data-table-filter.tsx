"use client";

import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { useTableUrl } from "./use-table-url";

export type FilterOption = { value: string; label: string };

/** One filter of a URL-state table: a labelled select bound to the search param `param`. */
export function DataTableFilter({ param, label, options, allLabel = "Any" }: { param: string; label: string; options: FilterOption[]; allLabel?: string }) {
  const { params, update } = useTableUrl();
  const id = `filter-${param}`;
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <NativeSelect id={id} value={params.get(param) ?? ""} onChange={(e) => update({ [param]: e.target.value || null })}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
