"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CALL_OUTCOME_LOOKS, CALL_OUTCOMES, type CallOutcome } from "@/lib/audit/outcome";
import type { CallSeries } from "@/lib/audit/stats";

function tickLabel(ms: number, bucketMs: number): string {
  const iso = new Date(ms).toISOString();
  // Day-sized buckets show the date; smaller ones the time of day (UTC).
  return bucketMs >= 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
}

/** "4 calls allowed and 3 denied, 1 wrong server": every outcome that occurred, as the table names it. */
function summarize(totals: Record<CallOutcome, number>): string {
  const others = CALL_OUTCOMES.filter((o) => o !== "allowed" && o !== "denied" && totals[o] > 0).map((o) => `, ${totals[o].toLocaleString("en")} ${CALL_OUTCOME_LOOKS[o].label.toLowerCase()}`);
  return `${totals.allowed.toLocaleString("en")} calls allowed and ${totals.denied.toLocaleString("en")} denied${others.join("")}`;
}

const BUCKET_WORDS: [number, string][] = [
  [60_000, "minute"],
  [3_600_000, "hour"],
  [86_400_000, "day"],
];

/** "one bar per 3 hours": the bucket size in words (sizes are whole minutes, hours or days). */
function bucketLabel(bucketMs: number): string {
  const [unit, word] = BUCKET_WORDS.findLast(([ms]) => bucketMs % ms === 0) ?? BUCKET_WORDS[0]!;
  const n = bucketMs / unit;
  return n === 1 ? `one bar per ${word}` : `one bar per ${n.toLocaleString("en")} ${word}s`;
}

/** Calls per time bucket, stacked by outcome (allowed, denied, wrong server, …), for the filtered range. */
export function CallChart({ series }: { series: CallSeries }) {
  const totals = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, series.buckets.reduce((n, b) => n + b[o], 0)])) as Record<CallOutcome, number>;
  // Outcomes that never occurred stay out of the legend; allowed and denied always show.
  const shown = CALL_OUTCOMES.filter((o) => o === "allowed" || o === "denied" || totals[o] > 0);
  const summary = summarize(totals);
  return (
    <figure className="space-y-2" data-testid="call-chart">
      <div role="img" aria-label={`Chart of calls over time: ${summary}`} className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series.buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
            <XAxis dataKey="start" tickFormatter={(v: number) => tickLabel(v, series.bucketMs)} tick={{ fontSize: 12, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} />
            <Tooltip
              labelFormatter={(v) => `${new Date(Number(v)).toISOString().slice(0, 16).replace("T", " ")} UTC`}
              contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8, fontSize: 13 }}
              cursor={{ fill: "var(--muted)" }}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            {shown.map((o) => (
              <Bar key={o} dataKey={o} name={CALL_OUTCOME_LOOKS[o].label} stackId="calls" fill={CALL_OUTCOME_LOOKS[o].color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-[13px] text-muted-foreground">
        {summary}, {bucketLabel(series.bucketMs)}, {new Date(series.from).toISOString().slice(0, 16).replace("T", " ")} – {new Date(series.to).toISOString().slice(0, 16).replace("T", " ")} UTC
      </figcaption>
    </figure>
  );
}
