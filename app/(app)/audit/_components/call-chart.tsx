"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CallSeries } from "@/lib/audit/stats";

function tickLabel(ms: number, bucketMs: number): string {
  const iso = new Date(ms).toISOString();
  // Day-sized buckets show the date; smaller ones the time of day (UTC).
  return bucketMs >= 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
}

/** Calls per time bucket, allowed vs denied (stacked), for the filtered range. */
export function CallChart({ series }: { series: CallSeries }) {
  const allowed = series.buckets.reduce((n, b) => n + b.allowed, 0);
  const denied = series.buckets.reduce((n, b) => n + b.denied, 0);
  const summary = `${allowed.toLocaleString("en")} calls allowed and ${denied.toLocaleString("en")} denied`;
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
            <Bar dataKey="allowed" name="Allowed" stackId="calls" fill="var(--success)" isAnimationActive={false} />
            <Bar dataKey="denied" name="Denied" stackId="calls" fill="var(--destructive)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-[13px] text-muted-foreground">
        {summary}, {new Date(series.from).toISOString().slice(0, 16).replace("T", " ")} – {new Date(series.to).toISOString().slice(0, 16).replace("T", " ")} UTC
      </figcaption>
    </figure>
  );
}
