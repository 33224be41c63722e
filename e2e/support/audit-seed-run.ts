// Child process of seedAuditEvents(): reads AuditInput[] as JSON on stdin, prints the new seqs.
import fs from "node:fs";
import { transact } from "@/db/transaction";
import type { AuditInput } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";

const events = JSON.parse(fs.readFileSync(0, "utf8")) as AuditInput[];
const seqs = transact((tx) => events.map((e) => recordAudit(tx, e).seq));
process.stdout.write(JSON.stringify(seqs));
