import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDb } from "@/test/temp-db";
import { callEvent, recordEvents } from "@/test/audit-events";
import { verifyFileChain } from "@/test/fixtures/audit-chain";
import { auditKeyPath, auditKeyring, auditVerifyKeys, hmacHex, keyringOf } from "./key";

describe("the audit key", () => {
  const t = useTempDb();

  it.each([["short"], ["x".repeat(64)], ["a much longer key than one SHA-256 block, so it is hashed first: " + "y".repeat(80)]])("HMACs exactly as crypto.createHmac does (key %#)", (secret) => {
    for (const message of ["", "abc", "é😀\u0000", "m".repeat(1000)]) {
      expect(hmacHex(keyringOf([secret]).current, message)).toBe(createHmac("sha256", secret).update(message).digest("hex"));
    }
  });

  it("is generated once into the data folder, readable by the owner only", () => {
    const keyring = auditKeyring(t.db.$client);
    const file = auditKeyPath(t.file);
    expect(path.dirname(file)).toBe(path.dirname(t.file));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The same key after a restart (read back, not regenerated).
    expect(keyringOf(fs.readFileSync(file, "utf8").split("\n").filter(Boolean)).current.id).toBe(keyring.current.id);
  });

  it("is never created by verification: a copy checked without its key says whose key signed the rows", () => {
    recordEvents([callEvent(), callEvent()]);
    const elsewhere = fs.mkdtempSync(path.join(path.dirname(t.file), "copy-"));
    const copy = path.join(elsewhere, "copy.db");
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    fs.copyFileSync(t.file, copy);
    expect(auditVerifyKeys(copy).byId.size).toBe(0);
    expect(verifyFileChain(copy)).toMatchObject({ ok: false, breaks: [{ seq: 1, kind: "unknown-key" }, { seq: 2, kind: "unknown-key" }] });
    expect(fs.existsSync(auditKeyPath(copy))).toBe(false);
    // With the key next to it, the copy verifies.
    fs.copyFileSync(auditKeyPath(t.file), auditKeyPath(copy));
    expect(verifyFileChain(copy)).toMatchObject({ ok: true, count: 2 });
  });
});
