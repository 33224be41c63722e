"use client";

import * as React from "react";
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from "lucide-react";
import {
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Header,
  type OnChangeFn,
  type PaginationState,
  type RowData,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { columnClassName, type TableColumnMeta } from "./column-meta";
import { DataTablePagination } from "./data-table-pagination";
import { TABLE_PARAM_KEYS, type TableQuery } from "./search-params";
import { useTableUrl } from "./use-table-url";

/** The features every URL-state table uses: sorting, pagination and selection, all processed on the server. */
export const dataTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature, rowSelectionFeature, columnMeta: {} as TableColumnMeta });
export type DataTableFeatures = typeof dataTableFeatures;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of one table hold values of different types
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;
export function dataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export type DataTableProps<TData extends RowData> = {
  /** Accessible name of the table. */
  label: string;
  columns: DataTableColumn<TData>[];
  /** The page the server already filtered, sorted and sliced. */
  data: TData[];
  rowCount: number;
  query: TableQuery<string>;
  getRowId: (row: TData) => string;
  /** When given, rows get checkboxes; rows for which it returns false cannot be selected. */
  canSelect?: (row: TData) => boolean;
  /** Shown above the table while rows are selected (e.g. bulk actions). */
  selectionBar?: (selectedIds: string[], clear: () => void) => React.ReactNode;
  rowClassName?: (row: TData) => string | undefined;
  empty: React.ReactNode;
};

function SortableHeader<TData extends RowData>({ header }: { header: Header<DataTableFeatures, TData, unknown> }) {
  const sorted = header.column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUpIcon : sorted === "desc" ? ArrowDownIcon : ArrowUpDownIcon;
  return (
    <button
      type="button"
      onClick={header.column.getToggleSortingHandler()}
      className="-mx-1 inline-flex items-center gap-1 rounded px-1 outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
    >
      {typeof header.column.columnDef.header === "string" ? header.column.columnDef.header : header.column.id}
      <Icon aria-hidden="true" className={cn("size-3.5", !sorted && "opacity-40")} />
    </button>
  );
}

/**
 * A table whose pagination, sorting and filters live in the URL and are applied by the
 * server (manual mode): it renders the page it is given and turns clicks into URL changes.
 */
export function DataTable<TData extends RowData>(props: DataTableProps<TData>) {
  const { columns, data, rowCount, query, getRowId, canSelect, selectionBar, rowClassName, empty, label } = props;
  const { update, pending } = useTableUrl();
  const [rowSelection, setRowSelection] = React.useState<RowSelectionState>({});
  // A new page of data (navigation or a change on the server) starts with nothing selected.
  const [seenData, setSeenData] = React.useState(data);
  if (seenData !== data) {
    setSeenData(data);
    setRowSelection({});
  }

  const sorting: SortingState = React.useMemo(() => [query.sort], [query.sort]);
  const pagination: PaginationState = React.useMemo(() => ({ pageIndex: query.page - 1, pageSize: query.pageSize }), [query.page, query.pageSize]);

  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = functionalUpdate(updater, sorting)[0];
    update({ [TABLE_PARAM_KEYS.sort]: next?.id ?? null, [TABLE_PARAM_KEYS.dir]: next ? (next.desc ? "desc" : "asc") : null });
  };
  const onPaginationChange: OnChangeFn<PaginationState> = (updater) => {
    const next = functionalUpdate(updater, pagination);
    const sizeChanged = next.pageSize !== pagination.pageSize;
    update({ [TABLE_PARAM_KEYS.page]: sizeChanged ? null : String(next.pageIndex + 1), [TABLE_PARAM_KEYS.size]: String(next.pageSize) }, { resetPage: sizeChanged });
  };

  const allColumns = React.useMemo<DataTableColumn<TData>[]>(() => {
    if (!canSelect) return columns;
    const select: DataTableColumn<TData> = {
      id: "select",
      enableSorting: false,
      header: ({ table }) => (
        <Checkbox
          aria-label="Select all rows on this page"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={`Select row ${row.id}`}
          checked={row.getIsSelected()}
          disabled={!row.getCanSelect()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    };
    return [select, ...columns];
  }, [columns, canSelect]);

  const table = useTable({
    features: dataTableFeatures,
    columns: allColumns,
    data,
    getRowId,
    rowCount,
    manualPagination: true,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableRowSelection: canSelect ? (row) => canSelect(row.original) : false,
    state: { sorting, pagination, rowSelection },
    onSortingChange,
    onPaginationChange,
    onRowSelectionChange: setRowSelection,
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const rows = table.getRowModel().rows;

  return (
    <div className={cn("transition-opacity", pending && "opacity-60")} aria-busy={pending}>
      {selectionBar && selectedIds.length > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border bg-muted/50 px-3 py-2 text-sm">
          {selectionBar(selectedIds, () => setRowSelection({}))}
        </div>
      )}
      <div className="rounded-xl border">
        <Table aria-label={label}>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={header.column.getCanSort() ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                      className={cn(header.column.id === "select" && "w-10", columnClassName(header.column.columnDef.meta))}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? <SortableHeader header={header} /> : <table.FlexRender header={header} />}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={allColumns.length} className="p-4">
                  {empty}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => (
                <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined} className={rowClassName?.(row.original)}>
                  {row.getAllCells().map((cell) => (
                    <TableCell key={cell.id} className={columnClassName(cell.column.columnDef.meta)}>
                      <table.FlexRender cell={cell} />
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <DataTablePagination
        page={query.page}
        pageSize={query.pageSize}
        rowCount={rowCount}
        onPage={(page) => table.setPageIndex(page - 1)}
        onPageSize={(size) => table.setPageSize(size)}
      />
    </div>
  );
}
