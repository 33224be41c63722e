/**
 * Admits at most `concurrency` password hashes at once and lets at most `queue` more wait.
 * scrypt at N=2^17 takes 128 MiB and a core for a good fraction of a second: without a gate,
 * a flood of sign-ins holds every core and all that memory, and verification slows for everyone.
 * The admitted hashes run on low-priority threads of their own (`hash-thread.ts`).
 */
export class HashBusyError extends Error {
  override name = "HashBusyError";
  constructor() {
    super("The server is busy signing other people in. Try again in a few seconds.");
  }
}

export class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limits: { concurrency: number; queue: number }) {}

  /** Runs `work` when a slot is free; rejects with HashBusyError at once when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.queue) throw new HashBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
