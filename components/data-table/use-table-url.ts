"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useTransition } from "react";
import { nextSearch } from "./search-params";

// Navigations run in a transition: until one lands, useSearchParams still returns the old
// state. A change made meanwhile (a second filter, a sort click) builds on the newest URL
// requested, shared by every control of the page, so no change is lost.
const requested: { path: string; search: string | null } = { path: "", search: null };

/**
 * Reads and writes a table's state in the URL. Every change is a navigation, so the server
 * re-parses the state and renders the matching page; a changed filter returns to page one.
 */
export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!pending) requested.search = null;
  }, [params, pending]);

  function update(updates: Record<string, string | null>, options: { resetPage?: boolean } = {}) {
    const base = requested.path === pathname && requested.search !== null ? requested.search : params.toString();
    const search = nextSearch(new URLSearchParams(base), updates, options.resetPage ?? true);
    requested.path = pathname;
    requested.search = search.slice(1);
    startTransition(() => router.push(`${pathname}${search}`, { scroll: false }));
  }

  return { params, update, pending };
}
