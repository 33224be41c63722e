import type { z } from "zod";

/**
 * Table state in the URL, shared by the server (which parses it before building a query)
 * and the client (which writes it). Keys: page (1-based), size, sort, dir, plus each
 * table's own filter keys. Anything malformed falls back to the default; sort ids are
 * checked against the table's whitelist so they never reach SQL unchecked.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const TABLE_PARAM_KEYS = { page: "page", size: "size", sort: "sort", dir: "dir" } as const;

export type SortState<TSort extends string> = { id: TSort; desc: boolean };
export type TableQuery<TSort extends string> = { page: number; pageSize: number; sort: SortState<TSort> };

export function firstParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function parseTableQuery<TSort extends string>(
  params: SearchParams,
  options: { sortable: readonly TSort[]; defaultSort: SortState<TSort>; defaultPageSize?: number },
): TableQuery<TSort> {
  const page = Number(firstParam(params, TABLE_PARAM_KEYS.page));
  const size = Number(firstParam(params, TABLE_PARAM_KEYS.size));
  const sortId = firstParam(params, TABLE_PARAM_KEYS.sort);
  const dir = firstParam(params, TABLE_PARAM_KEYS.dir);
  const sortable = (options.sortable as readonly string[]).includes(sortId ?? "");
  return {
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : (options.defaultPageSize ?? PAGE_SIZES[1]),
    sort: sortable
      ? { id: sortId as TSort, desc: dir === "desc" }
      : options.defaultSort,
  };
}

/** A table's filters, parsed with its schema from the first value of each key. */
export function parseFilters<S extends z.ZodType>(params: SearchParams, schema: S): z.output<S> {
  const flat = Object.fromEntries(Object.keys(params).map((k) => [k, firstParam(params, k)]));
  return schema.parse(flat);
}

/** The URL query string for a table state change (a filter change goes back to page one). */
export function nextSearch(current: URLSearchParams, updates: Record<string, string | null>, resetPage: boolean): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, value);
  }
  if (resetPage) next.delete(TABLE_PARAM_KEYS.page);
  const text = next.toString();
  return text ? `?${text}` : "";
}
