import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import { createGzip } from "node:zlib";
import { db } from "@/db/client";
import { transact } from "@/db/transaction";
import { ARCHIVE_FORMAT, type ArchiveFooter, type ArchiveHeader } from "./archive-file";
import { ChainWalker, type ChainPoint } from "./chain";
import type { AuditActor } from "./events";
import { prepared } from "./filter-sql";
import { chainStart } from "./queries";
import { storedChainRows } from "./verify";
import { recordAudit } from "./writer";

export class ArchiveError extends Error {}

export type ArchiveResult = { file: string; count: number; start: ChainPoint; head: ChainPoint };

const DELETE_TRIGGER = "audit_events_no_delete";

/** The last event written before `before` (ms); ts never decreases along seq (see the writer). */
function lastEventBefore(before: number): ChainPoint | undefined {
  return prepared("SELECT seq, hash FROM audit_events WHERE ts < ? ORDER BY ts DESC, seq DESC LIMIT 1").get(before) as ChainPoint | undefined;
}

async function writeLine(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!out.write(JSON.stringify(value) + "\n")) await once(out, "drain");
}

/** Writes the events (start, through] to `file`, checking their chain on the way. */
async function writeArchive(file: string, start: ChainPoint, through: ChainPoint, before: number): Promise<number> {
  const partial = `${file}.partial`;
  // "wx": never overwrite an existing archive (it may be the only copy of older events).
  const sink = fs.createWriteStream(partial, { flags: "wx" });
  await once(sink, "open");
  const gzip = createGzip();
  gzip.pipe(sink);
  const walker = new ChainWalker(start);
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
    return check.count;
  } catch (err) {
    gzip.destroy();
    if (!sink.closed) await once(sink.destroy(), "close");
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * Moves events older than `before` to a gzip NDJSON file, then removes them from the table in
 * one transaction: drop the delete trigger, delete, move the anchor to the archive's head,
 * recreate the trigger, and record `audit.archived`. The file is complete before anything is
 * deleted; if the transaction fails, the rows stay and the file is a harmless extra copy.
 */
export async function archiveAuditEvents(before: number, file: string, actor: AuditActor): Promise<ArchiveResult> {
  if (fs.existsSync(file)) throw new ArchiveError(`${file} already exists; choose another file name`);
  const start = chainStart();
  const through = lastEventBefore(before);
  if (!through || through.seq <= start.seq) throw new ArchiveError(`no events before ${new Date(before).toISOString()} to archive`);
  const count = await writeArchive(file, start, through, before);

  const sqlite = db().$client;
  transact((tx) => {
    const now = chainStart();
    if (now.seq !== start.seq || now.hash !== start.hash) throw new ArchiveError("another archive ran meanwhile; nothing was removed");
    const trigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(DELETE_TRIGGER) as string | undefined;
    if (!trigger) throw new ArchiveError("the append-only trigger is missing: the database was tampered with; nothing was removed");
    sqlite.exec(`DROP TRIGGER ${DELETE_TRIGGER}`);
    sqlite.prepare("DELETE FROM audit_events WHERE seq <= ?").run(through.seq);
    sqlite
      .prepare("INSERT INTO audit_anchor (id, seq, hash, archived_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, archived_at = excluded.archived_at")
      .run(through.seq, through.hash, Date.now());
    sqlite.exec(trigger);
    recordAudit(tx, {
      type: "audit.archived",
      actor,
      decision: "success",
      details: { before: new Date(before).toISOString(), fromSeq: start.seq + 1, throughSeq: through.seq, headHash: through.hash, count, file: file.split("/").pop() },
    });
  });
  return { file, count, start, head: through };
}
