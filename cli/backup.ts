import type { Command } from "commander";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/db/client";
import { CliError, output } from "./output";

export function registerBackupCommand(program: Command) {
  program
    .command("backup <file>")
    .description("Copy the live database to FILE with SQLite's online backup (safe while Gatehouse runs)")
    .option("--json", "machine-readable output")
    .action(async (file: string, opts: { json?: boolean }) => {
      const target = path.resolve(file);
      if (fs.existsSync(target)) throw new CliError(`${target} already exists; choose a new file name`);
      const started = Date.now();
      // Pages are copied in steps; writers carry on meanwhile and the copy is a consistent snapshot.
      const result = await db().$client.backup(target);
      fs.chmodSync(target, 0o600);
      const data = { file: target, pages: result.totalPages, bytes: fs.statSync(target).size, ms: Date.now() - started };
      output(opts.json, data, () => `Backed up ${data.pages} pages (${data.bytes} bytes) to ${target} in ${data.ms} ms.`);
    });
}
