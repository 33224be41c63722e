"use client";

import * as React from "react";
import { TimeText } from "@/components/time-text";
import { formatExact } from "@/lib/time/format";
import { reasonLabel } from "@/lib/audit/outcome";
import Link from "next/link";
import { Dialog as DialogPrimitive } from "radix-ui";
import { XIcon } from "lucide-react";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { DialogOverlay } from "@/components/ui/dialog";
import type { AuditRow } from "@/lib/audit/queries";

function prettyDetails(details: string | null): string | null {
  if (details === null) return null;
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

function Field({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-[13px] text-muted-foreground">{label}</dt>
      <dd className={mono ? "font-mono text-[13px] break-all" : "text-sm break-words"}>{children ?? <span className="text-muted-foreground">—</span>}</dd>
    </div>
  );
}

function LinkedId({ href, id, name }: { href: string; id: string | null; name?: string | null }) {
  if (!id) return null;
  return (
    <Link href={href} className="text-primary underline-offset-4 hover:underline">
      {name ? `${name} (${id})` : id}
    </Link>
  );
}

/** Every field of one event, in a side sheet, with links to what it points at. */
export function EventDrawer({ event, onClose, onCloseAutoFocus }: { event: AuditRow | null; onClose: () => void; onCloseAutoFocus?: (e: Event) => void }) {
  const details = prettyDetails(event?.details ?? null);
  return (
    <DialogPrimitive.Root open={event !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogPrimitive.Portal>
        <DialogOverlay />
        <DialogPrimitive.Content onCloseAutoFocus={onCloseAutoFocus} className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col border-l bg-popover text-popover-foreground shadow-xl outline-none">
          {event && (
            <>
              <div className="flex items-start justify-between gap-4 border-b px-6 py-4">
                <div className="space-y-1">
                  <DialogPrimitive.Title className="text-lg font-semibold tracking-tight">Event {event.seq}</DialogPrimitive.Title>
                  <DialogPrimitive.Description className="text-sm text-muted-foreground">
                    <span className="font-mono">{event.type}</span> · <TimeText value={event.ts} />
                  </DialogPrimitive.Description>
                </div>
                <DialogPrimitive.Close className="rounded-sm p-1 text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring">
                  <XIcon aria-hidden="true" className="size-4" />
                  <span className="sr-only">Close</span>
                </DialogPrimitive.Close>
              </div>
              <div className="flex-1 overflow-y-auto px-6 py-2">
                <dl className="divide-y" data-testid="event-fields">
                  <Field label="Sequence" mono>{event.seq}</Field>
                  <Field label="Event id" mono>{event.id}</Field>
                  <Field label="Time">
                    {formatExact(event.ts)} (<TimeText value={event.ts} />, {event.ts} ms)
                  </Field>
                  <Field label="Type" mono>{event.type}</Field>
                  <Field label="Decision"><AuditOutcomeBadge type={event.type} decision={event.decision} reason={event.reason} /></Field>
                  <Field label="Reason">
                    {event.reason && (
                      <>
                        {reasonLabel(event.reason)}
                        {reasonLabel(event.reason) !== event.reason && <span className="font-mono text-[13px] text-muted-foreground"> ({event.reason})</span>}
                      </>
                    )}
                  </Field>
                  <Field label="Actor">
                    {event.actorType}
                    {event.actorName && ` · ${event.actorName}`}
                    {event.actorId && <span className="font-mono text-[13px] text-muted-foreground"> ({event.actorId})</span>}
                  </Field>
                  <Field label="User">
                    <LinkedId href={`/audit/usage?user=${encodeURIComponent(event.subjectUserId ?? "")}`} id={event.subjectUserId} name={event.subjectName ?? event.subjectEmail} />
                  </Field>
                  <Field label="Token">
                    <LinkedId href={`/tokens/${event.tokenId}`} id={event.tokenId} name={event.tokenName} />
                  </Field>
                  <Field label="Server">
                    <LinkedId href={`/servers/${event.serverId}`} id={event.serverId} name={event.serverName} />
                  </Field>
                  <Field label="Method" mono>{event.method}</Field>
                  <Field label="Tool" mono>{event.tool}</Field>
                  <Field label="Tool class">{event.toolClass}</Field>
                  <Field label="Request id" mono>{event.requestId}</Field>
                  <Field label="Client address" mono>{event.clientIp}</Field>
                  <Field label="User agent" mono>{event.userAgent}</Field>
                  <Field label="Details">
                    {details && <pre className="max-h-64 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap">{details}</pre>}
                  </Field>
                  <Field label="Previous hash" mono>{event.prevHash}</Field>
                  <Field label="Hash" mono>{event.hash}</Field>
                </dl>
              </div>
              <div className="flex flex-wrap gap-x-4 gap-y-2 border-t px-6 py-4 text-sm">
                {event.subjectUserId && (
                  <Link href={`/audit/usage?user=${encodeURIComponent(event.subjectUserId)}`} className="text-primary underline-offset-4 hover:underline">
                    What this user called
                  </Link>
                )}
                {event.tokenId && (
                  <Link href={`/audit/usage?token=${encodeURIComponent(event.tokenId)}`} className="text-primary underline-offset-4 hover:underline">
                    What this token called
                  </Link>
                )}
                {event.requestId && (
                  <Link href={`/audit?request=${encodeURIComponent(event.requestId)}`} className="text-primary underline-offset-4 hover:underline">
                    All events of this request
                  </Link>
                )}
              </div>
            </>
          )}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
