/*
 * Starts the audit indexer worker thread for the server (server.ts). The server runs its
 * TypeScript through tsx; a worker thread does not inherit that loader, so a two-line bootstrap
 * registers it before importing the worker module.
 */
import { Worker } from "node:worker_threads";

const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.module); });
`;

/** Starts the worker (restarted a second after it dies); the returned function stops it for good. */
export function startAuditIndexer(file: string, opts: { batch?: number; idleMs?: number } = {}): () => Promise<void> {
  let stopped = false;
  let worker: Worker;
  let lastError = "";
  const spawn = () => {
    worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        tsx: import.meta.resolve("tsx/esm/api"),
        module: new URL("./indexer-worker.ts", import.meta.url).href,
        file,
        // A second's worth of events in one batch: the index pages a batch touches are written
        // once per batch, so big batches are cheap ones. Under bench load, batches every second
        // instead of every 100 ms took the server's CPU per verification from about 180 µs to
        // about 136 µs. Queries scan at most that second of events past the index.
        batch: opts.batch ?? 20_000,
        idleMs: opts.idleMs ?? 1000,
      },
    });
    worker.unref();
    worker.on("message", (m: { kind: string; message?: string }) => {
      if (m.kind === "rebuilding") console.log(`audit search index: ${m.message ?? "built for another log"}; rebuilding it from the log`);
      // Said once per distinct problem, not every retry.
      if (m.kind === "error" && m.message !== lastError) console.error(`audit search index: ${(lastError = m.message ?? "")}`);
    });
    worker.on("error", (err) => console.error("audit search index worker failed:", err.message));
    // Queries stay exact without it (they scan the log past the watermark), just slower: restart it.
    worker.on("exit", () => {
      if (!stopped) setTimeout(spawn, 1000).unref();
    });
  };
  spawn();
  return async () => {
    stopped = true;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage("stop");
    await exited;
  };
}
