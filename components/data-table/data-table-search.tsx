"use client";

import { SearchIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTableUrl } from "./use-table-url";

/**
 * A table's free-text search, kept in the URL as `q` like every other filter: Enter (or the
 * button) searches, an emptied box clears it, and the page returns to one.
 */
// What a token or server credential looks like: the edge refuses such URLs (lib/http/credential-in-url).
const CREDENTIAL_START = /^mcp[st]_/i;
// The characters after the prefix that the pages display (the hint, lib/tokens/format).
const SHOWN_AFTER_PREFIX = 4;

/**
 * The text that goes into the URL. A pasted secret must never land in a URL (history, logs), so
 * only the few characters the pages display after its prefix are kept: enough to find it.
 */
export function searchTextForUrl(text: string): string {
  const q = text.trim();
  return CREDENTIAL_START.test(q) ? q.slice(5, 5 + SHOWN_AFTER_PREFIX) : q;
}

export function DataTableSearch({ label, placeholder }: { label: string; placeholder: string }) {
  const { params, update } = useTableUrl();
  const current = params.get("q") ?? "";
  return (
    <form
      role="search"
      aria-label={label}
      className="mb-4 flex max-w-xl items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const q = searchTextForUrl(String(new FormData(event.currentTarget).get("q") ?? ""));
        update({ q: q || null });
      }}
    >
      <div className="grid min-w-0 flex-1 gap-1.5">
        <Label htmlFor="table-search" className="text-xs text-muted-foreground">
          {label}
        </Label>
        {/* Keyed on the URL's value, so Back and "Clear filters" refill the box. */}
        <Input key={current} id="table-search" name="q" type="search" defaultValue={current} placeholder={placeholder} autoComplete="off" />
      </div>
      <Button type="submit" variant="outline">
        <SearchIcon aria-hidden="true" />
        Search
      </Button>
    </form>
  );
}
