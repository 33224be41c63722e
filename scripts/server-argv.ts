import fs from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The node arguments `npm start` runs the server with (package.json's start script, flags and
 * all), so that the bench and the tests that start a real server run exactly what production does.
 */
export function serverArgv(): string[] {
  const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: { start: string } };
  const argv = pkg.scripts.start.split(/\s+/);
  const node = argv.indexOf("node");
  const server = argv.indexOf("server.ts");
  if (node < 0 || server < node) throw new Error(`package.json's start script no longer reads "… node <flags> server.ts": ${pkg.scripts.start}`);
  // Paths in the script are the project's (./server-hooks.mjs): absolute, for a child started elsewhere.
  return argv.slice(node + 1, server + 1).map((arg) => (arg.startsWith("./") || arg === "server.ts" ? fileURLToPath(new URL(`../${arg}`, import.meta.url)) : arg));
}
