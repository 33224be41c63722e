/*
 * The audit indexer's thread (started by startAuditIndexer): its own connection, the index
 * attached, a batch whenever the log has moved on. A full batch goes again at once, so a
 * rebuild of a large log runs flat out; otherwise it waits a little to batch up more events.
 */
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { attachAuditIndex } from "@/db/audit-index";
import { indexAuditEvents, resetAuditIndexIfShort } from "./search-index";

const { file, batch, idleMs } = workerData as { file: string; batch: number; idleMs: number };
// Not fileMustExist: ATTACH inherits the open flags, and the index file may not exist yet.
const sqlite = new Database(file);
sqlite.pragma("busy_timeout = 5000");
// The index pages a batch touches stay in memory between batches.
sqlite.pragma("cache_size = -32768");
attachAuditIndex(sqlite);

let timer: NodeJS.Timeout | undefined;
let failures = 0;
// How often the entry count is compared with the log (a count over the index, not a join).
const COUNT_CHECK_MS = 60_000;
let lastCountCheck = 0;

function step() {
  let delay = idleMs;
  try {
    if (Date.now() - lastCountCheck >= COUNT_CHECK_MS) {
      lastCountCheck = Date.now();
      if (resetAuditIndexIfShort(sqlite)) parentPort?.postMessage({ kind: "rebuilding", message: "entries are missing (edited underneath)" });
    }
    const run = indexAuditEvents(sqlite, batch);
    if (run.rebuilt) parentPort?.postMessage({ kind: "rebuilding" });
    if (run.indexed === batch) delay = 0;
    failures = 0;
  } catch (err) {
    // A full disk or a long lock: queries still read the log itself past the watermark.
    failures++;
    delay = Math.min(idleMs * 2 ** failures, 30_000);
    parentPort?.postMessage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
  timer = setTimeout(step, delay);
}

parentPort?.on("message", (m) => {
  if (m === "stop") {
    clearTimeout(timer);
    sqlite.close();
    process.exit(0);
  }
});
step();
