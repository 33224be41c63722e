import "server-only";
import { parseFilters, parseTableQuery, type SearchParams } from "@/components/data-table/search-params";
import { TOKEN_SORT_COLUMNS, tokenFiltersSchema } from "@/lib/validation/tokens";

/** The tokens table's state from the URL, checked against its sort whitelist and filter schema. */
export function tokensTableState(params: SearchParams) {
  return {
    query: parseTableQuery(params, { sortable: TOKEN_SORT_COLUMNS, defaultSort: { id: "createdAt", desc: true } }),
    filters: parseFilters(params, tokenFiltersSchema),
  };
}
