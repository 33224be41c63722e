/**
 * Refusals past a rate limit, counted instead of written one row each, so that a flood adds a
 * bounded number of audit rows. Per limited key and interval, the first refusal is written as
 * itself (every decision still lands in the log) and the rest are counted into one summary
 * event, written when the interval ends, when the key is evicted, or at shutdown.
 */
import type { AuditActor, AuditInput } from "@/lib/audit/events";

/** Which bucket refused: bad server credentials per address, inactive tokens per end client or per server credential. */
export type LimitedKeyKind = "address" | "client" | "credential";

/** Who the summary is about: the fields its audit row carries (no credential, only ids and addresses). */
export type RefusedParty = { actor: AuditActor; serverId: string | null; clientIp: string | null };

export type RefusalSummary = RefusedParty & {
  kind: LimitedKeyKind;
  count: number;
  first: number;
  last: number;
  /** The audit id of the interval's first refusal, written as itself. */
  firstEventId: string | null;
};

export type SummaryLimits = { intervalMs: number; maxKeys: number };

export const DEFAULT_SUMMARY_LIMITS: SummaryLimits = { intervalMs: 60_000, maxKeys: 10_000 };

export class RefusalSummaries {
  // Insertion order is opening order, and every interval has the same length: the oldest entry is due first.
  private readonly open = new Map<string, RefusalSummary>();
  private closed: RefusalSummary[] = [];

  constructor(
    private readonly limits: SummaryLimits = DEFAULT_SUMMARY_LIMITS,
    /** Called when an interval opens (the process schedules its flush). */
    private readonly onOpen?: (summaries: RefusalSummaries) => void,
  ) {}

  get intervalMs(): number {
    return this.limits.intervalMs;
  }

  /**
   * Counts one refusal. Returns the new summary when it is the first of its key's interval (the
   * caller writes it as itself and sets `firstEventId`), null when it was only counted.
   */
  note(kind: LimitedKeyKind, key: string, now: number, party: () => RefusedParty): RefusalSummary | null {
    const mapKey = `${kind}|${key}`;
    const s = this.open.get(mapKey);
    if (s && now - s.first < this.limits.intervalMs) {
      s.count++;
      s.last = now;
      return null;
    }
    if (s) this.close(mapKey, s);
    if (this.open.size >= this.limits.maxKeys) {
      const oldest = this.open.entries().next().value;
      if (oldest) this.close(oldest[0], oldest[1]);
    }
    const opened: RefusalSummary = { ...party(), kind, count: 1, first: now, last: now, firstEventId: null };
    this.open.set(mapKey, opened);
    this.onOpen?.(this);
    return opened;
  }

  /** The summaries to write now (interval over, evicted; with `all`, every open one), forgotten here. */
  take(now: number, all = false): RefusalSummary[] {
    for (const [key, s] of this.open) {
      if (!all && now - s.first < this.limits.intervalMs) break;
      this.close(key, s);
    }
    const out = this.closed;
    this.closed = [];
    return out;
  }

  /** Puts summaries that could not be written back, to be tried again at the next flush. */
  restore(summaries: RefusalSummary[]): void {
    this.closed.push(...summaries);
  }

  /** Keys with an open interval. */
  get size(): number {
    return this.open.size;
  }

  /** When the oldest open interval ends, or null when none is open. */
  nextDue(): number | null {
    const oldest = this.open.values().next().value;
    return oldest ? oldest.first + this.limits.intervalMs : null;
  }

  private close(key: string, s: RefusalSummary) {
    this.open.delete(key);
    // A refusal alone in its interval is its own row already; only the counted ones need a summary.
    if (s.count > 1) this.closed.push(s);
  }
}

/**
 * The summary's audit row. `count` is every refusal of the interval; the first of them has its
 * own row, `first_event`.
 */
export function summaryAudit(s: RefusalSummary): AuditInput {
  return {
    type: "call.rate_limited",
    actor: s.actor,
    decision: "deny",
    reason: "too_many_failures",
    serverId: s.serverId,
    clientIp: s.clientIp,
    details: {
      summary: true,
      key_kind: s.kind,
      count: s.count,
      first: new Date(s.first).toISOString(),
      last: new Date(s.last).toISOString(),
      first_event: s.firstEventId,
    },
  };
}
