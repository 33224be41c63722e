/**
 * Gatehouse operations CLI: `npm run gatehouse -- <command>`. Works on the same data-access
 * layer as the server; every change it makes is audited with the "system" actor.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "@/lib/config";
import { CliError } from "./output";
import { registerBackupCommand } from "./backup";
import { registerServerCommands } from "./servers";
import { registerTokenCommands } from "./tokens";
import { registerAuditCommands } from "./audit";
import { registerUserCommands } from "./users";
import { registerOAuthCommands } from "./oauth";

const program = new Command("gatehouse")
  .description("Operate a Gatehouse installation from the shell.")
  .exitOverride()
  .configureOutput({ outputError: () => {} });

registerUserCommands(program);
registerBackupCommand(program);
registerServerCommands(program);
registerTokenCommands(program);
registerAuditCommands(program);
registerOAuthCommands(program);

function fail(message: string): never {
  process.stderr.write(`gatehouse: ${message.split("\n").join("\n  ")}\n`);
  process.exit(1);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0) process.exit(0);
    fail(err.message.replace(/^error: /, ""));
  }
  if (err instanceof CliError || err instanceof ConfigError) fail(err.message);
  // Anything else is a bug: say so in one line, without a stack that could carry data.
  fail(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
}
