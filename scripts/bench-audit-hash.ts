/**
 * Micro-benchmark of one audit row's hash: the unkeyed SHA-256 of older rows, the HMAC the writer
 * uses (two one-shot hashes over precomputed pads), and crypto.createHmac for comparison.
 * Run on an idle machine: `npx tsx scripts/bench-audit-hash.ts [rows]`. Figures go in docs/PERFORMANCE.md.
 */
import { createHmac } from "node:crypto";
import { canonicalize, chainHash, keyedChainHash, type ChainedRow } from "@/lib/audit/chain";
import { keyringOf } from "@/lib/audit/key";

const SECRET = "k".repeat(43);
const key = keyringOf([SECRET]).current;
const row: ChainedRow = {
  seq: 1, id: "evt_01JABCDEFGHJKMNPQRSTVWXYZ0", ts: 1_700_000_000_000, type: "call.allowed", actorType: "server",
  actorId: "srv_1", actorName: "Files", subjectUserId: "usr_1", tokenId: "tok_1", serverId: "srv_1", method: "tools/call",
  tool: "read_file", toolClass: "read", decision: "allow", reason: null, requestId: "req_1", clientIp: "10.0.0.1",
  userAgent: "mcp-client/1.0", details: null,
};
let prev = "0".repeat(64);
const variants: Record<string, () => void> = {
  "sha256, unkeyed (rows before the key)": () => void (prev = chainHash(prev, row)),
  "hmac, one-shot hashes (the writer)": () => void (prev = keyedChainHash(key, prev, row)),
  "crypto.createHmac": () => void (prev = createHmac("sha256", SECRET).update(prev + canonicalize(row)).digest("hex")),
};
const rows = Number(process.argv[2] ?? 200_000);
for (let round = 1; round <= 3; round++) {
  for (const [name, hashOne] of Object.entries(variants)) {
    for (let i = 0; i < 20_000; i++) hashOne();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < rows; i++) {
      row.seq = i;
      hashOne();
    }
    console.log(`round ${round}  ${name.padEnd(40)} ${(Number(process.hrtime.bigint() - t0) / 1000 / rows).toFixed(2)} µs/row`);
  }
}
