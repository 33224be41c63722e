import { Worker } from "node:worker_threads";

/*
 * Password hashes run on threads of their own at the lowest CPU priority. A scrypt hash at
 * N=2^17 holds a core for a good fraction of a second; on libuv's pool it competes with the
 * main thread as an equal, so on a small machine every sign-in slowed verification. At nice 19
 * (Linux lets a thread lower its own priority without privilege) the scheduler gives the main
 * thread nearly all of a contended core, and the hash finishes in the time left over.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
let tid = null;
try {
  tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  os.setPriority(tid, 19);
} catch {
  // Not Linux, or no /proc: the hash runs at normal priority, still off the main thread.
}
parentPort.postMessage({ tid });
parentPort.on("message", ({ password, salt, keyLength, options }) => {
  try {
    const key = scryptSync(password, Buffer.from(salt), keyLength, options);
    parentPort.postMessage({ key });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
});
`;

export type ScryptJob = { password: string; salt: Buffer; keyLength: number; options: { N: number; r: number; p: number; maxmem: number } };

/** One low-priority thread; hashes one job at a time, in order. */
export class HashThread {
  private worker: Worker | undefined;
  private ready: Promise<number | null> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** The thread's Linux thread id (null elsewhere), once it has started. */
  threadId(): Promise<number | null> {
    this.start();
    return this.ready!;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    this.ready = new Promise((resolve) => worker.once("message", (m: { tid: number | null }) => resolve(m.tid)));
    worker.once("exit", () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  scrypt(job: ScryptJob): Promise<Buffer> {
    const run = this.queue.then(() => this.runOne(job));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runOne(job: ScryptJob): Promise<Buffer> {
    const worker = this.start();
    await this.ready;
    return new Promise((resolve, reject) => {
      const onMessage = (m: { key?: Uint8Array; error?: string }) => {
        worker.off("exit", onExit);
        if (m.key) resolve(Buffer.from(m.key));
        else reject(new Error(`password hashing failed: ${m.error}`));
      };
      const onExit = (code: number) => {
        worker.off("message", onMessage);
        reject(new Error(`the password hashing thread stopped (exit code ${code})`));
      };
      worker.once("message", onMessage);
      worker.once("exit", onExit);
      worker.postMessage(job);
    });
  }

  stop(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = undefined;
    return worker?.terminate();
  }
}
