import "server-only";
import fs from "node:fs";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import { ChainWalker, type ChainCheck, type ChainPoint, type StoredChainRow } from "./chain";
import type { AuditKeys } from "./key";

/*
 * An archive is gzip-compressed NDJSON: a header line, one line per event (the stored row,
 * hashes included), and a footer line with the count and the chain head. The header's start
 * is where the chain resumed before these events (genesis or an earlier archive's head); the
 * footer's head is where the live table's anchor now points.
 */

export const ARCHIVE_FORMAT = "gatehouse-audit-archive";

export type ArchiveHeader = { kind: "header"; format: typeof ARCHIVE_FORMAT; version: 1; start: ChainPoint; before: string; createdAt: string };
export type ArchiveFooter = { kind: "footer"; count: number; head: ChainPoint };

export type ArchiveCheck = ChainCheck & { header: ArchiveHeader | null; footer: ArchiveFooter | null };

function isPoint(v: unknown): v is ChainPoint {
  const p = v as ChainPoint | null;
  return typeof p === "object" && p !== null && Number.isSafeInteger(p.seq) && typeof p.hash === "string";
}

function failed(problem: string, badSeq: number, count: number, header: ArchiveHeader | null, footer: ArchiveFooter | null = null): ArchiveCheck {
  return { ok: false, problem, badSeq, count, header, footer, breaks: [{ seq: badSeq, kind: "truncated", problem }], breakCount: 1 };
}

/** Reads an archive file line by line and checks its chain, its footer and its shape. */
export async function verifyArchiveFile(file: string, keys: AuditKeys, checkpoints: ChainPoint[] = []): Promise<ArchiveCheck> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: ArchiveHeader | null = null;
  let footer: ArchiveFooter | null = null;
  let walker: ChainWalker | null = null;
  try {
    for await (const line of lines) {
      if (line === "") continue;
      const value = JSON.parse(line) as Record<string, unknown>;
      const at = walker?.position().seq ?? 0;
      if (footer) return failed("data after the footer", at + 1, walker?.result().count ?? 0, header);
      if (!header) {
        if (value.kind !== "header" || value.format !== ARCHIVE_FORMAT || !isPoint(value.start)) return failed("not a Gatehouse audit archive (bad header)", 0, 0, null);
        header = value as ArchiveHeader;
        walker = new ChainWalker(header.start, { checkpoints, keys });
      } else if (value.kind === "footer") {
        footer = value as ArchiveFooter;
      } else {
        walker!.step(value as StoredChainRow);
      }
    }
  } catch (err) {
    // A truncated gzip stream or a line that is not JSON: the file itself is damaged.
    const at = walker ? walker.position().seq + 1 : 0;
    return failed(`unreadable archive: ${err instanceof Error ? err.message : String(err)}`, at, walker?.result().count ?? 0, header);
  } finally {
    lines.close();
  }
  if (!header || !walker) return failed("empty archive", 0, 0, null);
  const result = walker.result();
  if (!result.ok) return { ...result, header, footer };
  const head = walker.position();
  if (!footer) return failed("the footer is missing: the archive was cut short", head.seq + 1, result.count, header);
  if (footer.count !== result.count || footer.head.seq !== head.seq || footer.head.hash !== head.hash) {
    return failed("the footer does not match the events: events were added or removed", head.seq, result.count, header, footer);
  }
  return { ...result, header, footer };
}
