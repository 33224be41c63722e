// No "server-only": server.ts starts the checkpoint sink under plain Node.
import type Database from "better-sqlite3";
import fs from "node:fs";
import { GENESIS_HASH, parseChainPoint, type ChainPoint } from "./chain";

/*
 * Checkpoints outside the database: the chain's head, appended as a line "ISO-TIME SEQ:HASH"
 * to a file that only ever grows, and printed to the server log. Someone who can rewrite the
 * database cannot rewrite what was already copied out: `audit verify --checkpoint-file` then
 * finds a rewritten stretch (a hash that differs) and a cut tail (a checkpoint past the end).
 */

/** Every few minutes: the most a tail truncation can remove unseen is what was written since. */
export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;

export class CheckpointFileError extends Error {}

/** Every checkpoint in the file, in file order; a line that is not one names its line number. */
export function readCheckpointFile(file: string): ChainPoint[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new CheckpointFileError(`cannot read the checkpoint file ${file}: ${(err as Error).message}`);
  }
  const points: ChainPoint[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const point = parseChainPoint(line.trim().split(/\s+/).at(-1) ?? "");
    if (!point) throw new CheckpointFileError(`${file}, line ${i + 1}: expected "TIME SEQ:HASH"`);
    points.push(point);
  });
  return points;
}

function headOf(sqlite: Database.Database): ChainPoint {
  const row = (sqlite.prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").get() ??
    sqlite.prepare("SELECT seq, hash FROM audit_anchor WHERE id = 1").get()) as ChainPoint | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** Appends one line (O_APPEND, 0600 when created) and says it in the log. */
export function appendCheckpoint(file: string | undefined, point: ChainPoint, now = new Date()): void {
  const line = `${now.toISOString()} ${point.seq}:${point.hash}`;
  console.log(`audit checkpoint ${point.seq}:${point.hash}`);
  if (file) fs.appendFileSync(file, line + "\n", { mode: 0o600, flag: "a" });
}

/**
 * Writes a checkpoint every `intervalMs` when the head has moved, and once more when stopped
 * (at shutdown). A failure to write is said in the log, never fatal: the log itself is intact.
 */
export function startCheckpointSink(sqlite: Database.Database, file: string | undefined, intervalMs = CHECKPOINT_INTERVAL_MS): () => void {
  let last = "";
  const write = () => {
    try {
      const head = headOf(sqlite);
      const text = `${head.seq}:${head.hash}`;
      if (text === last || head.seq === 0) return;
      appendCheckpoint(file, head);
      last = text;
    } catch (err) {
      console.error(`audit checkpoint: ${(err as Error).message}`);
    }
  };
  const timer = setInterval(write, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    write();
  };
}
