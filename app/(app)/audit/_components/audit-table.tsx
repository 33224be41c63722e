"use client";

import * as React from "react";
import { TimeText } from "@/components/time-text";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { EventType } from "@/components/audit/event-type";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { columnClassName, type TableColumnMeta } from "@/components/data-table/column-meta";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import type { AuditRow } from "@/lib/audit/queries";
import { EventDrawer } from "./event-drawer";

// Paging, filtering and ordering all happen on the server (keyset by seq); the table only renders.
const features = tableFeatures({ columnMeta: {} as TableColumnMeta });
const helper = createColumnHelper<typeof features, AuditRow>();

// Names and addresses wrap rather than being cut; on a phone a row is its number, time, event and outcome (the drawer has the rest).
const WRAP = "min-w-24 max-w-48 whitespace-normal [overflow-wrap:anywhere]";

const columns = helper.columns([
  helper.accessor("ts", { header: "Time", cell: (c) => <TimeText value={c.getValue()} /> }),
  // The event and what came of it share a column: together they say what happened, and it keeps the row narrow.
  helper.accessor("type", {
    header: "Event",
    cell: (c) => (
      <div className="grid justify-items-start gap-1">
        <EventType type={c.getValue()} />
        <AuditOutcomeBadge type={c.row.original.type} decision={c.row.original.decision} reason={c.row.original.reason} />
      </div>
    ),
  }),
  helper.accessor((r) => r.actorName ?? r.actorId ?? r.actorType, { id: "actor", header: "Actor", meta: { hideOnPhone: true }, cell: (c) => <div className={WRAP}>{c.getValue()}</div> }),
  helper.accessor((r) => r.subjectName ?? r.subjectEmail ?? r.subjectUserId, { id: "user", header: "User", meta: { hideOnPhone: true }, cell: (c) => <div className={WRAP}>{c.getValue() ?? "—"}</div> }),
  helper.accessor((r) => [r.serverName ?? r.serverId, r.tool].filter(Boolean).join(" · "), { id: "target", header: "Server · tool", meta: { hideOnPhone: true }, cell: (c) => <div className={WRAP}>{c.getValue() || "—"}</div> }),
  helper.accessor("clientIp", { header: "Client", meta: { hideOnPhone: true }, cell: (c) => <div className={cn(WRAP, "min-w-0 font-mono text-[13px]")}>{c.getValue() ?? "—"}</div> }),
]);

/** `opened`: an event to show at once (the URL's `event=`); closing it takes `event` off the URL. */
export function AuditTable({ rows, opened }: { rows: AuditRow[]; opened?: AuditRow }) {
  const [open, setOpen] = React.useState<AuditRow | null>(opened ?? null);
  const close = () => {
    setOpen(null);
    const url = new URL(window.location.href);
    if (url.searchParams.has("event")) {
      url.searchParams.delete("event");
      window.history.replaceState(window.history.state, "", url);
    }
  };
  // The row's details button, so closing the drawer (Escape included) returns focus to the row
  // that opened it, whether it was opened by the button or by a click on the row.
  const opener = React.useRef<HTMLButtonElement | null>(null);
  const show = (row: AuditRow, button: HTMLButtonElement | null) => {
    opener.current = button;
    setOpen(row);
  };
  const table = useTable({ features, columns, data: rows, getRowId: (r) => String(r.seq) });
  return (
    <>
      <Table aria-label="Audit events, newest first">
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              <TableHead>
                <span className="sr-only">Details</span>
              </TableHead>
              {group.headers.map((header) => (
                <TableHead key={header.id} className={columnClassName(header.column.columnDef.meta)}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} className="cursor-pointer" onClick={(e) => show(row.original, e.currentTarget.querySelector("button"))} data-seq={row.original.seq}>
              <TableCell className="w-0 pr-0">
                <button
                  type="button"
                  className="rounded px-1.5 py-0.5 font-mono text-xs text-primary tabular-nums outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                  aria-label={`Show details of event ${row.original.seq}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    show(row.original, e.currentTarget);
                  }}
                >
                  #{row.original.seq}
                </button>
              </TableCell>
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} className={columnClassName(cell.column.columnDef.meta)}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <EventDrawer
        event={open}
        onClose={close}
        onCloseAutoFocus={(e) => {
          if (!opener.current?.isConnected) return;
          e.preventDefault();
          opener.current.focus();
        }}
      />
    </>
  );
}
