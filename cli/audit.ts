import Database from "better-sqlite3";
import type { Command } from "commander";
import path from "node:path";
import { attachAuditIndex, auditReader } from "@/db/audit-index";
import { db } from "@/db/client";
import { ArchiveError, archiveAuditEvents } from "@/lib/audit/archive";
import { verifyArchiveFile } from "@/lib/audit/archive-file";
import { MAX_LISTED_BREAKS, parseChainPoint, type ChainBreak, type ChainCheck, type ChainPoint } from "@/lib/audit/chain";
import { CheckpointFileError, readCheckpointFile } from "@/lib/audit/checkpoint-file";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { auditVerifyKeys } from "@/lib/audit/key";
import { chainHead, chainStart } from "@/lib/audit/queries";
import { checkAuditIndex, resetAuditIndex, type IndexCheck } from "@/lib/audit/search-index";
import { verifyStoredChain } from "@/lib/audit/verify";
import { auditTimeSchema } from "@/lib/validation/audit";
import { registerAuditListCommand } from "./audit-list";
import { CliError, output } from "./output";

function checkpointOption(text: string | undefined): ChainPoint | undefined {
  if (text === undefined) return undefined;
  const point = parseChainPoint(text);
  if (!point) throw new CliError("--checkpoint: expected SEQ:HASH as printed by `audit checkpoint` (64 hex digits)");
  return point;
}

export type AuditVerifyOptions = { checkpoint?: string; checkpointFile?: string; archive?: string };

export type AuditVerifyReport = { what: string; check: ChainCheck; extra: Record<string, unknown> };

/** The checkpoints to prove: --checkpoint and every line of --checkpoint-file. */
function checkpointsFrom(opts: AuditVerifyOptions): ChainPoint[] {
  const points: ChainPoint[] = [];
  const one = checkpointOption(opts.checkpoint);
  if (one) points.push(one);
  if (opts.checkpointFile) {
    try {
      points.push(...readCheckpointFile(path.resolve(opts.checkpointFile)));
    } catch (err) {
      if (err instanceof CheckpointFileError) throw new CliError(err.message);
      throw err;
    }
  }
  return points;
}

/** Folds index mismatches into the verdict as breaks of kind "index". */
function withIndexBreaks(check: ChainCheck, index: IndexCheck): ChainCheck {
  if (index.mismatchCount === 0) return check;
  const breaks: ChainBreak[] = index.mismatched.map((seq) => ({ seq, kind: "index", problem: "the search index entry is missing or differs from the event: the audit page's filters would hide it" }));
  const prior = check.ok ? [] : check.breaks;
  const all = [...prior, ...breaks].slice(0, MAX_LISTED_BREAKS);
  const breakCount = (check.ok ? 0 : check.breakCount) + index.mismatchCount;
  return { ok: false, count: check.count, badSeq: all[0]!.seq, problem: all[0]!.problem, breaks: all, breakCount };
}

/**
 * What `gatehouse audit verify` does, callable as a function (the tamper tests use it):
 * the chain with the audit keys, every checkpoint given, the anchor's archiving event, and
 * the search index against the log. An index found wrong is emptied so it is rebuilt, and
 * the audit page answers from the log itself meanwhile.
 */
export async function auditVerify(opts: AuditVerifyOptions): Promise<AuditVerifyReport> {
  const checkpoints = checkpointsFrom(opts);
  const keys = auditVerifyKeys(db().$client.name);
  if (opts.archive) {
    const check = await verifyArchiveFile(path.resolve(opts.archive), keys, checkpoints);
    // An archive's head should be where the live chain now resumes (unless archived again since).
    const anchor = chainStart();
    const continuesLiveLog = check.footer !== null && check.footer.head.seq === anchor.seq && check.footer.head.hash === anchor.hash;
    return { what: `archive ${opts.archive}`, check, extra: { start: check.header?.start ?? null, continuesLiveLog } };
  }
  const stored = await verifyStoredChain(checkpoints);
  const index = checkAuditIndex(auditReader(db().$client));
  if (index.mismatchCount > 0) rebuildAuditIndex(db().$client.name);
  const check = withIndexBreaks(stored, index);
  return {
    what: "audit chain",
    check,
    extra: {
      start: stored.start,
      checkpoints: checkpoints.length,
      archivedCheckpoints: stored.archivedCheckpoints,
      unkeyedThrough: stored.unkeyedThrough,
      indexChecked: index.checked,
      indexRebuilt: index.mismatchCount > 0,
    },
  };
}

function rebuildAuditIndex(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("busy_timeout = 5000");
    attachAuditIndex(sqlite);
    resetAuditIndex(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Prints the verdict; a broken chain lists every break (sequence number and kind) and exits 1. */
function report(json: boolean | undefined, { what, check, extra }: AuditVerifyReport): void {
  if (check.ok) {
    const head = check.head ? `${check.head.seq}:${check.head.hash}` : "no events";
    const notes: string[] = [];
    if (typeof extra.unkeyedThrough === "number" && extra.unkeyedThrough > 0) notes.push(`  note: events up to ${extra.unkeyedThrough} are unkeyed (written before the audit key); a checkpoint proves them`);
    if (typeof extra.archivedCheckpoints === "number" && extra.archivedCheckpoints > 0) notes.push(`  note: ${extra.archivedCheckpoints} checkpoint(s) predate the anchor; check them with --archive`);
    output(json, { ok: true, count: check.count, head: check.head, ...extra }, () => [`${what}: OK, ${check.count} events verified; head ${head}`, ...notes]);
    return;
  }
  if (json) {
    output(true, { ok: false, badSeq: check.badSeq, problem: check.problem, breakCount: check.breakCount, breaks: check.breaks, count: check.count, ...extra }, () => "");
    process.exitCode = 1;
    return;
  }
  for (const b of check.breaks) process.stderr.write(`  event ${b.seq} [${b.kind}]: ${b.problem}\n`);
  const more = check.breakCount > check.breaks.length ? ` (${check.breakCount - check.breaks.length} more not listed)` : "";
  throw new CliError(`${what}: BROKEN at event ${check.badSeq}: ${check.problem}; ${check.breakCount} break(s) found${more}`);
}

export function registerAuditCommands(program: Command) {
  const audit = program.command("audit").description("Read, check, checkpoint and archive the hash-chained audit log");
  registerAuditListCommand(audit);

  audit
    .command("verify")
    .description("Walk the audit chain (or an archive file) and name every event that does not follow")
    .option("--checkpoint <seq:hash>", "also prove nothing up to this checkpoint changed")
    .option("--checkpoint-file <file>", "also prove every checkpoint in this file (AUDIT_CHECKPOINT_FILE)")
    .option("--archive <file>", "verify this archive file instead of the database")
    .option("--json", "machine-readable output")
    .action(async (opts: AuditVerifyOptions & { json?: boolean }) => {
      report(opts.json, await auditVerify(opts));
    });

  audit
    .command("checkpoint")
    .description("Print the chain's head (sequence and hash) to keep somewhere else")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const { head } = chainHead();
      output(opts.json, { seq: head.seq, hash: head.hash, checkpoint: `${head.seq}:${head.hash}` }, () => `${head.seq}:${head.hash}`);
    });

  audit
    .command("archive")
    .description("Move events before DATE to a gzip NDJSON FILE, then remove them from the database")
    .requiredOption("--before <date>", "archive events before this UTC date/time (e.g. 2026-01-01)")
    .argument("<file>", "archive file to create (must not exist)")
    .option("--json", "machine-readable output")
    .action(async (file: string, opts: { before: string; json?: boolean }) => {
      const before = auditTimeSchema.safeParse(opts.before);
      if (!before.success) throw new CliError("--before: expected a date such as 2026-01-01 or 2026-01-01T12:00Z");
      try {
        const result = await archiveAuditEvents(before.data, path.resolve(file), SYSTEM_ACTOR);
        output(opts.json, result, () => [
          `Archived ${result.count} events (${result.start.seq + 1}–${result.head.seq}) to ${result.file}.`,
          `The live chain now resumes from ${result.head.seq}:${result.head.hash}.`,
          `Removal held the write lock for ${(result.lockedMs / 1000).toFixed(1)} s.`,
        ]);
      } catch (err) {
        if (err instanceof ArchiveError) throw new CliError(err.message);
        throw err;
      }
    });
}
