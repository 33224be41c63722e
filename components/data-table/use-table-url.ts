"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { nextSearch } from "./search-params";

/**
 * Reads and writes a table's state in the URL. Every change is a navigation, so the server
 * re-parses the state and renders the matching page; a changed filter returns to page one.
 */
export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  function update(updates: Record<string, string | null>, options: { resetPage?: boolean } = {}) {
    const search = nextSearch(new URLSearchParams(params.toString()), updates, options.resetPage ?? true);
    startTransition(() => router.push(`${pathname}${search}`, { scroll: false }));
  }

  return { params, update, pending };
}
