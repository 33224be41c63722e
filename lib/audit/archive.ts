import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { setImmediate as nextTick } from "node:timers/promises";
import { createGzip } from "node:zlib";
import { db } from "@/db/client";
import { transact, type Tx } from "@/db/transaction";
import { ARCHIVE_FORMAT, type ArchiveFooter, type ArchiveHeader } from "./archive-file";
import { ChainWalker, type ChainPoint } from "./chain";
import type { AuditActor } from "./events";
import { prepared } from "./filter-sql";
import { auditKeyring } from "./key";
import { chainStart } from "./queries";
import { storedChainRows } from "./verify";
import { lastEventBefore } from "./time-seq";
import { recordAudit } from "./writer";

export class ArchiveError extends Error {}

/** lockedMs: the longest a removal slice held the database's write lock (audit writes wait meanwhile). */
export type ArchiveResult = { file: string; count: number; start: ChainPoint; head: ChainPoint; lockedMs: number };

const DELETE_TRIGGER = "audit_events_no_delete";
// 20,000 held the lock up to 2.6 s on the busy 2-core benchmark machine; half that keeps well under busy_timeout.
const REMOVE_CHUNK = 10_000;

async function writeLine(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!out.write(JSON.stringify(value) + "\n")) await once(out, "drain");
}

/** Writes the events (start, through] to `file`, checking their chain on the way. */
/** Also returns the verified chain points at every `chunk` events and at the end: where removal slices stop. */
async function writeArchive(file: string, start: ChainPoint, through: ChainPoint, before: number, chunk: number): Promise<{ count: number; points: ChainPoint[] }> {
  const partial = `${file}.partial`;
  // "wx": never overwrite an existing archive (it may be the only copy of older events).
  const sink = fs.createWriteStream(partial, { flags: "wx" });
  await once(sink, "open");
  const gzip = createGzip();
  gzip.pipe(sink);
  const walker = new ChainWalker(start, { keys: auditKeyring(db().$client) });
  const points: ChainPoint[] = [];
  try {
    const header: ArchiveHeader = { kind: "header", format: ARCHIVE_FORMAT, version: 1, start, before: new Date(before).toISOString(), createdAt: new Date().toISOString() };
    await writeLine(gzip, header);
    for await (const batch of storedChainRows(start.seq, through.seq)) {
      for (const row of batch) {
        // Archiving a broken chain would bury the evidence: stop and say where.
        if (!walker.step(row)) {
          const r = walker.result();
          throw new ArchiveError(`the chain is broken at event ${r.ok ? "?" : r.badSeq}; nothing was archived`);
        }
        if ((row.seq - start.seq) % chunk === 0 && row.seq !== through.seq) points.push({ seq: row.seq, hash: row.hash });
        await writeLine(gzip, row);
      }
    }
    const check = walker.result();
    const head = walker.position();
    if (head.seq !== through.seq || head.hash !== through.hash) throw new ArchiveError("events changed while archiving; nothing was archived");
    const footer: ArchiveFooter = { kind: "footer", count: check.count, head };
    await writeLine(gzip, footer);
    gzip.end();
    await once(sink, "close");
    if (fs.existsSync(file)) throw new ArchiveError(`${file} already exists`);
    fs.renameSync(partial, file);
    return { count: check.count, points: [...points, head] };
  } catch (err) {
    gzip.destroy();
    if (!sink.closed) await once(sink.destroy(), "close");
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Removes events (anchor, point] in one transaction and moves the anchor to `point`. */
function removeThrough(anchor: ChainPoint, point: ChainPoint, last: (tx: Tx) => void): void {
  const sqlite = db().$client;
  transact((tx) => {
    const now = chainStart();
    if (now.seq !== anchor.seq || now.hash !== anchor.hash) throw new ArchiveError("another archive ran meanwhile; stopped");
    const stored = prepared("SELECT hash FROM audit_events WHERE seq = ?").pluck().get(point.seq);
    if (stored !== point.hash) throw new ArchiveError(`event ${point.seq} changed while archiving; stopped`);
    const trigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(DELETE_TRIGGER) as string | undefined;
    if (!trigger) throw new ArchiveError("the append-only trigger is missing: the database was tampered with; nothing was removed");
    sqlite.exec(`DROP TRIGGER ${DELETE_TRIGGER}`);
    sqlite.prepare("DELETE FROM audit_events WHERE seq <= ?").run(point.seq);
    sqlite
      .prepare("INSERT INTO audit_anchor (id, seq, hash, archived_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, archived_at = excluded.archived_at")
      .run(point.seq, point.hash, Date.now());
    sqlite.exec(trigger);
    last(tx);
  });
}

/**
 * Moves events older than `before` to a gzip NDJSON file, then removes them from the table.
 * The file is complete (and its chain checked) before anything is deleted. Removal runs in
 * slices of `chunk` events, each one transaction: drop the delete trigger, delete, move the
 * anchor, recreate the trigger, record `audit.archived` naming the new anchor. Every commit
 * leaves a chain that verifies from its anchor, and no slice holds the write lock for long:
 * audit writes (every verification call) wait at most busy_timeout (5 s), and one transaction
 * for 233,000 events held it for 7 s.
 */
export async function archiveAuditEvents(before: number, file: string, actor: AuditActor, opts: { chunk?: number } = {}): Promise<ArchiveResult> {
  const chunk = opts.chunk ?? REMOVE_CHUNK;
  if (fs.existsSync(file)) throw new ArchiveError(`${file} already exists; choose another file name`);
  const start = chainStart();
  // ts never decreases along seq (see the writer): every event up to this one is older.
  const through = lastEventBefore(db().$client, before);
  if (!through || through.seq <= start.seq) throw new ArchiveError(`no events before ${new Date(before).toISOString()} to archive`);
  const { count, points } = await writeArchive(file, start, through, before, chunk);

  let anchor = start;
  let lockedMs = 0;
  for (const point of points) {
    const t0 = performance.now();
    const from = anchor.seq + 1;
    // Every slice records the event that moved the anchor: verification accepts an anchor only
    // with it (a signed row naming the point), so each commit leaves a chain that verifies.
    removeThrough(anchor, point, (tx) =>
      recordAudit(tx, {
        type: "audit.archived",
        actor,
        decision: "success",
        details: { before: new Date(before).toISOString(), fromSeq: from, throughSeq: point.seq, headHash: point.hash, count: point.seq - from + 1, file: path.basename(file) },
      }),
    );
    lockedMs = Math.max(lockedMs, performance.now() - t0);
    anchor = point;
    await nextTick();
  }
  return { file, count, start, head: through, lockedMs: Math.round(lockedMs) };
}
