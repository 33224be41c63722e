"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FilterIcon, RotateCcwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { DECISION_LABELS } from "@/lib/audit/display";
import { AUDIT_DECISIONS, AUDIT_EVENT_TYPES } from "@/lib/audit/events";
import { OUTCOME_FILTER_LABELS, OUTCOME_FILTERS } from "@/lib/audit/outcome";

/** The current filters as the form shows them (times as "YYYY-MM-DD HH:MM", 24-hour UTC). */
export type FilterFormValues = Partial<Record<"from" | "to" | "type" | "decision" | "outcome" | "user" | "token" | "server" | "tool" | "ip" | "request" | "q", string>>;

const TEXT_FIELDS = [
  { name: "user", label: "User", placeholder: "Email, name or usr_…" },
  { name: "token", label: "Token", placeholder: "Name, mcpt_… prefix or tok_…" },
  { name: "server", label: "Server", placeholder: "Slug, name or srv_…" },
  { name: "tool", label: "Tool", placeholder: "e.g. read_file" },
  { name: "ip", label: "Client address", placeholder: "e.g. 10.0.0.7" },
  { name: "request", label: "Request id", placeholder: "" },
] as const;

type AuditFiltersProps = {
  values: FilterFormValues;
  size?: number;
  /** The chart's range (lib/validation/chart-range.ts), kept when the filters change. */
  range?: string;
  errors?: Partial<Record<keyof FilterFormValues, string>>;
};

const SELECT_FIELDS = [
  { name: "type", label: "Event type", anyLabel: "All types", options: AUDIT_EVENT_TYPES.map((t) => ({ value: t, label: t })) },
  { name: "decision", label: "Decision", anyLabel: "Any decision", options: AUDIT_DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] })) },
  { name: "outcome", label: "Call outcome", anyLabel: "Any event", options: OUTCOME_FILTERS.map((o) => ({ value: o, label: OUTCOME_FILTER_LABELS[o] })) },
] as const;

/**
 * Filters live in the URL. Applying builds a fresh query string from the non-empty fields (plus
 * the page size and chart range) and drops the page cursor, so a changed filter always starts at the newest page.
 */
export function AuditFilters({ values, size, range, errors = {} }: AuditFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();

  function apply(form: HTMLFormElement) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    }
    if (size) params.set("size", String(size));
    if (range) params.set("range", range);
    const query = params.toString();
    startTransition(() => router.push(query ? `/audit?${query}` : "/audit"));
  }

  return (
    <form
      role="search"
      aria-label="Filter audit events"
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor="audit-q">Search</Label>
        <Input
          id="audit-q"
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder="Any text: reason, tool, user agent, details…"
          maxLength={200}
          aria-describedby="audit-q-hint"
        />
        <p id="audit-q-hint" className="text-[13px] text-muted-foreground">
          Search reads events until it finds a page of matches: on a large log, a time range makes rare terms fast.
        </p>
      </div>
      <div className="grid grid-cols-2 gap-x-3 gap-y-4 lg:grid-cols-4 [&>*]:min-w-0">
        {/* Text, not datetime-local: the browser's picker follows the viewer's 12-hour clock, and every time here is 24-hour UTC. */}
        {(["from", "to"] as const).map((key) => (
          <Field key={key} label={key === "from" ? "From (UTC)" : "To (UTC)"} htmlFor={`audit-${key}`} error={errors[key]}>
            <Input name={key} defaultValue={values[key]} placeholder="YYYY-MM-DD HH:MM" maxLength={30} autoComplete="off" spellCheck={false} className="tabular-nums" />
          </Field>
        ))}
        {SELECT_FIELDS.map((f) => (
          <div key={f.name} className="grid gap-2">
            <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
            {/* A choice applies at once: there is nothing more to type. */}
            <NativeSelect id={`audit-${f.name}`} name={f.name} defaultValue={values[f.name] ?? ""} onChange={(e) => apply(e.currentTarget.form!)}>
              <option value="">{f.anyLabel}</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </NativeSelect>
          </div>
        ))}
        {TEXT_FIELDS.map((f) => (
          <Field key={f.name} label={f.label} htmlFor={`audit-${f.name}`} error={errors[f.name]}>
            <Input name={f.name} defaultValue={values[f.name]} placeholder={f.placeholder} maxLength={200} autoComplete="off" />
          </Field>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          <FilterIcon aria-hidden="true" />
          {pending ? "Applying…" : "Apply filters"}
        </Button>
        <Button asChild variant="ghost">
          <Link href="/audit">
            <RotateCcwIcon aria-hidden="true" />
            Reset
          </Link>
        </Button>
      </div>
    </form>
  );
}
