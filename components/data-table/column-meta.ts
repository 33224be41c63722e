/** What a table column says about how it shows, beyond TanStack's own definition (`columnMeta` slot). */
export type TableColumnMeta = {
  /** A secondary column: hidden on a phone (below 640 px), so a row's name, status and actions stay on screen. */
  hideOnPhone?: boolean;
};

/** The class for a column's header and cells. */
export function columnClassName(meta: TableColumnMeta | undefined): string | undefined {
  return meta?.hideOnPhone ? "max-sm:hidden" : undefined;
}
