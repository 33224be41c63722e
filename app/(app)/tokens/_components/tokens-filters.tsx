"use client";

import { DataTableFilter } from "@/components/data-table/data-table-filter";
import { TOKEN_STATUS_LABELS, TOKEN_STATUSES } from "@/lib/tokens/status";
import { EXPIRING_WITHIN, LAST_USED } from "@/lib/validation/tokens";

const LAST_USED_LABELS: Record<(typeof LAST_USED)[number], string> = { "24h": "In the last 24 hours", "7d": "In the last 7 days", "30d": "In the last 30 days", older30d: "Over 30 days ago", never: "Never" };

export function TokensFilters({ owners, servers }: { owners: { email: string; name: string }[]; servers: { slug: string; name: string }[] }) {
  return (
    <div role="group" aria-label="Filter tokens" className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3 xl:grid-cols-6">
      <DataTableFilter param="owner" label="Owner" allLabel="Anyone" options={owners.map((o) => ({ value: o.email, label: o.email }))} />
      <DataTableFilter param="status" label="Status" options={TOKEN_STATUSES.map((s) => ({ value: s, label: TOKEN_STATUS_LABELS[s] }))} />
      <DataTableFilter param="scope" label="Scope" options={[{ value: "read", label: "Read" }, { value: "write", label: "Write" }]} />
      <DataTableFilter param="server" label="Server" options={servers.map((s) => ({ value: s.slug, label: s.name }))} />
      <DataTableFilter param="expiring" label="Expiring within" allLabel="Any time" options={EXPIRING_WITHIN.map((d) => ({ value: d, label: `${d} days` }))} />
      <DataTableFilter param="lastUsed" label="Last used" allLabel="Any time" options={LAST_USED.map((value) => ({ value, label: LAST_USED_LABELS[value] }))} />
    </div>
  );
}
