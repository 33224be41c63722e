"use client";

import Link from "next/link";
import { TimeText } from "@/components/time-text";
import { DataTable, dataTableColumnHelper, type DataTableColumn } from "@/components/data-table/data-table";
import type { TableQuery } from "@/components/data-table/search-params";
import { AccessBadge } from "@/components/access-badge";
import type { TokenRow } from "@/lib/tokens/queries";
import { BulkRevoke } from "./bulk-revoke";
import { TokenRowActions } from "./row-actions";
import { TokenStatusBadge } from "./token-status-badge";

const col = dataTableColumnHelper<TokenRow>();
const live = (t: TokenRow) => t.status !== "revoked";

// Column ids are the server's sort whitelist (TOKEN_SORT_COLUMNS); the others cannot be sorted.
// The default order (newest first, createdAt) has no column: the issue date is on the detail page and in the CSV.
const columns: DataTableColumn<TokenRow>[] = [
  col.accessor("name", {
    header: "Name",
    cell: ({ row }) => (
      <div className="min-w-24 [overflow-wrap:anywhere] sm:min-w-32">
        <Link href={`/tokens/${row.original.id}`} className="font-medium hover:underline">
          {row.original.name}
        </Link>
        {row.original.hint && <div className="font-mono text-xs text-muted-foreground">{row.original.hint}</div>}
      </div>
    ),
  }),
  col.accessor((t) => t.owner.email, {
    id: "owner",
    header: "Owner",
    meta: { hideOnPhone: true },
    cell: ({ row }) => (
      // Long emails are cut, not allowed to push the row actions out of view; the full one is on hover.
      <div className="max-w-40 truncate" title={row.original.owner.email}>
        <Link href={`/users/${row.original.owner.id}`} className="hover:underline">
          {row.original.owner.name}
        </Link>
        <div className="truncate text-xs text-muted-foreground">{row.original.owner.email}</div>
      </div>
    ),
  }),
  // Scope and audience share a column: together they say what the token may do, and where.
  col.accessor("scope", {
    header: "Access",
    meta: { hideOnPhone: true },
    cell: ({ row }) => (
      <div className="grid gap-1">
        <AccessBadge access={row.original.scope} />
        {row.original.allServers ? (
          <span className="text-xs whitespace-nowrap text-muted-foreground">All servers</span>
        ) : (
          <span className="text-xs text-muted-foreground">{row.original.servers.map((s) => s.name).join(", ")}</span>
        )}
      </div>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row }) => {
      const t = row.original;
      return (
        <div className="grid gap-1 sm:min-w-36">
          <TokenStatusBadge status={t.status} rotatingUntil={t.rotatingUntil} ownerDisabled={t.owner.status === "disabled"} compact />
          {t.revokedAt && (
            <span className="text-xs [overflow-wrap:anywhere] text-muted-foreground">
              by {t.revokedByName}, <TimeText value={t.revokedAt} />: “{t.revokeReason}”
            </span>
          )}
        </div>
      );
    },
  }),
  col.accessor("expiresAt", {
    header: "Expires",
    meta: { hideOnPhone: true },
    cell: ({ getValue }) => (
      <TimeText value={getValue()} fallback="Never" />
    ),
  }),
  col.accessor("lastUsedAt", {
    header: "Last used",
    meta: { hideOnPhone: true },
    cell: ({ row }) =>
      row.original.lastUsedAt ? (
        <div>
          <TimeText value={row.original.lastUsedAt} />
          {row.original.lastUsedServerName && <div className="text-xs text-muted-foreground">on {row.original.lastUsedServerName}</div>}
        </div>
      ) : (
        <span className="text-muted-foreground">Never</span>
      ),
  }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => {
      const t = row.original;
      return (
        <div className="flex justify-end">
          <TokenRowActions tokenId={t.id} tokenName={t.name} status={t.status} />
        </div>
      );
    },
  }),
];

export function TokensTable({ rows, total, query, empty }: { rows: TokenRow[]; total: number; query: TableQuery<string>; empty: React.ReactNode }) {
  return (
    <DataTable
      label="Tokens"
      columns={columns}
      data={rows}
      rowCount={total}
      query={query}
      getRowId={(t) => t.id}
      canSelect={live}
      selectionBar={(ids, clear) => <BulkRevoke tokenIds={ids} onDone={clear} />}
      rowClassName={(t) => (t.status === "revoked" ? "bg-muted/40 text-muted-foreground [&_a]:text-muted-foreground" : undefined)}
      empty={empty}
    />
  );
}
