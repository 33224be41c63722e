import { z } from "zod";
import type { AuditSearchParams } from "./audit";

/** How far back a call chart looks: the `range` search param of the audit, token, server and usage pages. */
export const CHART_RANGES = ["24h", "7d", "30d"] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

export const DEFAULT_CHART_RANGE: ChartRange = "24h";

export const CHART_RANGE_LABELS: Record<ChartRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

const HOUR = 3_600_000;
export const CHART_RANGE_MS: Record<ChartRange, number> = { "24h": 24 * HOUR, "7d": 7 * 24 * HOUR, "30d": 30 * 24 * HOUR };

/** Anything but a known range (a hand-edited link, a repeated key) reads as the default. */
export const chartRangeSchema = z.enum(CHART_RANGES).catch(DEFAULT_CHART_RANGE);

export function parseChartRange(params: AuditSearchParams): ChartRange {
  const raw = params.range;
  return chartRangeSchema.parse(Array.isArray(raw) ? raw[0] : raw);
}

/** The window a range names, ending now (inclusive: the audit filters' upper bound is exclusive). */
export function chartWindow(range: ChartRange, now = Date.now()): { from: number; to: number } {
  const to = now + 1;
  return { from: to - CHART_RANGE_MS[range], to };
}
