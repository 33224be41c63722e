import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/*
 * WAL checkpoints copy committed pages back into the database file and fsync it: milliseconds
 * of blocking I/O that, run by SQLite's auto-checkpoint, land on whichever commit crosses the
 * threshold, i.e. on a verification call. The server moves them to a worker thread with its own
 * connection; a PASSIVE checkpoint never blocks writers, and commits stay durable in the WAL.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma("wal_checkpoint(PASSIVE)");
    // Under constant load a passive checkpoint never catches up with the last frame, and the
    // WAL only starts over once one has: it would grow without bound. Past a size, one RESTART
    // waits for the frames written meanwhile (the passive run just copied the rest) so it can.
    if (log > workerData.restartFrames) db.pragma("wal_checkpoint(RESTART)");
  } catch (err) { parentPort.postMessage(String(err && err.message)); }
}, workerData.intervalMs);
parentPort.on("message", (m) => { if (m === "stop") { clearInterval(timer); db.close(); process.exit(0); } });
`;

/** Starts the checkpoint thread; the default 16,384 frames of 4 KiB keep the WAL under about 64 MiB. */
export function startBackgroundCheckpoints(sqlite: Database.Database, { intervalMs = 250, restartFrames = 16_384 } = {}): () => void {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: sqlite.name, intervalMs, restartFrames, driver: createRequire(import.meta.url).resolve("better-sqlite3") },
  });
  worker.unref();
  sqlite.pragma("wal_autocheckpoint = 0");
  // Should the worker ever stop, SQLite's own checkpoints take over again so the WAL cannot grow unbounded.
  const fallBack = () => sqlite.open && sqlite.pragma("wal_autocheckpoint = 1000");
  worker.on("error", fallBack);
  worker.on("exit", fallBack);
  return () => worker.postMessage("stop");
}
