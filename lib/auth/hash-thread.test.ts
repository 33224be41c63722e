import { scryptSync } from "node:crypto";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { HashThread } from "./hash-thread";

/** A thread's nice value, field 19 of /proc/<pid>/task/<tid>/stat (after the parenthesised name). */
function niceOf(tid: number): number {
  const stat = fs.readFileSync(`/proc/${process.pid}/task/${tid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

describe("HashThread", () => {
  const thread = new HashThread();
  afterAll(() => thread.stop());
  const options = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

  it("derives the same key as scrypt on the calling thread", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const key = await thread.scrypt({ password: "correct horse", salt, keyLength: 32, options });
    expect(key.equals(scryptSync("correct horse", salt, 32, options))).toBe(true);
  });

  it("answers jobs sent together each with its own key, in order", async () => {
    const salts = ["a", "b", "c"].map((c) => Buffer.alloc(16, c));
    const keys = await Promise.all(salts.map((salt) => thread.scrypt({ password: "pw", salt, keyLength: 32, options })));
    keys.forEach((key, i) => expect(key.equals(scryptSync("pw", salts[i]!, 32, options))).toBe(true));
  });

  it("rejects a job scrypt refuses, and goes on with the next", async () => {
    const tooBig = { ...options, maxmem: 1024 };
    await expect(thread.scrypt({ password: "pw", salt: Buffer.alloc(16), keyLength: 32, options: tooBig })).rejects.toThrow(/password hashing failed/);
    await expect(thread.scrypt({ password: "pw", salt: Buffer.alloc(16), keyLength: 32, options })).resolves.toHaveLength(32);
  });

  it.runIf(process.platform === "linux")("runs at nice 19 on Linux, leaving the calling thread's priority alone", async () => {
    const tid = await thread.threadId();
    expect(tid).not.toBeNull();
    expect(tid).not.toBe(process.pid);
    expect(niceOf(tid!)).toBe(19);
    expect(niceOf(process.pid)).toBe(0);
  });
});
