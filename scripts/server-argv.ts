import fs from "node:fs";

/**
 * The node arguments `npm start` runs the server with (package.json's start script, flags and
 * all), so that the bench and the tests that start a real server run exactly what production does.
 */
export function serverArgv(): string[] {
  const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: { start: string } };
  const argv = pkg.scripts.start.split(/\s+/);
  return argv.slice(argv.indexOf("node") + 1, argv.indexOf("server.ts") + 1);
}
