"use client";

import * as React from "react";
import { TimeText } from "@/components/time-text";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/queries";
import { EventDrawer } from "./event-drawer";

// Paging, filtering and ordering all happen on the server (keyset by seq); the table only renders.
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, AuditRow>();

const columns = helper.columns([
  helper.accessor("ts", { header: "Time", cell: (c) => <TimeText value={c.getValue()} /> }),
  helper.accessor("type", { header: "Event", cell: (c) => <span className="font-mono text-[13px]">{c.getValue()}</span> }),
  helper.accessor("decision", { header: "Decision", cell: (c) => <AuditOutcomeBadge type={c.row.original.type} decision={c.getValue()} reason={c.row.original.reason} /> }),
  helper.accessor((r) => r.actorName ?? r.actorId ?? r.actorType, { id: "actor", header: "Actor" }),
  helper.accessor((r) => r.subjectName ?? r.subjectEmail ?? r.subjectUserId, { id: "user", header: "User", cell: (c) => c.getValue() ?? "—" }),
  helper.accessor((r) => [r.serverName ?? r.serverId, r.tool].filter(Boolean).join(" · "), { id: "target", header: "Server · tool", cell: (c) => c.getValue() || "—" }),
  helper.accessor("clientIp", { header: "Client", cell: (c) => <span className="font-mono text-[13px]">{c.getValue() ?? "—"}</span> }),
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
                <TableHead key={header.id}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</TableHead>
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
                <TableCell key={cell.id} className="max-w-56 truncate">
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
