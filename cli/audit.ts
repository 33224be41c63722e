import type { Command } from "commander";
import path from "node:path";
import { ArchiveError, archiveAuditEvents } from "@/lib/audit/archive";
import { verifyArchiveFile } from "@/lib/audit/archive-file";
import { parseChainPoint, type ChainCheck, type ChainPoint } from "@/lib/audit/chain";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { chainHead, chainStart } from "@/lib/audit/queries";
import { verifyStoredChain } from "@/lib/audit/verify";
import { auditTimeSchema } from "@/lib/validation/audit";
import { CliError, output } from "./output";

function checkpointOption(text: string | undefined): ChainPoint | undefined {
  if (text === undefined) return undefined;
  const point = parseChainPoint(text);
  if (!point) throw new CliError("--checkpoint: expected SEQ:HASH as printed by `audit checkpoint` (64 hex digits)");
  return point;
}

/** Prints the verdict; a broken chain exits 1 naming the first bad sequence number. */
function report(json: boolean | undefined, check: ChainCheck, what: string, extra: Record<string, unknown> = {}): void {
  if (check.ok) {
    const head = check.head ? `${check.head.seq}:${check.head.hash}` : "no events";
    output(json, { ok: true, count: check.count, head: check.head, ...extra }, () => `${what}: OK, ${check.count} events verified; head ${head}`);
    return;
  }
  if (json) {
    output(true, { ok: false, badSeq: check.badSeq, problem: check.problem, count: check.count, ...extra }, () => "");
    process.exitCode = 1;
    return;
  }
  throw new CliError(`${what}: BROKEN at event ${check.badSeq}: ${check.problem}`);
}

export function registerAuditCommands(program: Command) {
  const audit = program.command("audit").description("Check, checkpoint and archive the hash-chained audit log");

  audit
    .command("verify")
    .description("Walk the audit chain (or an archive file) and name the first event that does not follow")
    .option("--checkpoint <seq:hash>", "also prove nothing up to this checkpoint changed")
    .option("--archive <file>", "verify this archive file instead of the database")
    .option("--json", "machine-readable output")
    .action(async (opts: { checkpoint?: string; archive?: string; json?: boolean }) => {
      const checkpoint = checkpointOption(opts.checkpoint);
      if (opts.archive) {
        const check = await verifyArchiveFile(path.resolve(opts.archive), checkpoint);
        // An archive's head should be where the live chain now resumes (unless archived again since).
        const anchor = chainStart();
        const continuesLiveLog = check.footer !== null && check.footer.head.seq === anchor.seq && check.footer.head.hash === anchor.hash;
        report(opts.json, check, `archive ${opts.archive}`, { start: check.header?.start ?? null, continuesLiveLog });
        return;
      }
      const check = await verifyStoredChain(checkpoint);
      report(opts.json, check, "audit chain", { start: check.start });
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
