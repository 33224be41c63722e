import { execFileSync } from "node:child_process";
import { gatehouseEnv } from "./env";

/** Runs `npm run gatehouse -- …` against the e2e database and returns its JSON output. */
export function gatehouseCli<T = unknown>(...args: string[]): T {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", ...args, "--json"], {
    env: { ...process.env, ...gatehouseEnv() },
    encoding: "utf8",
  });
  return JSON.parse(out) as T;
}
