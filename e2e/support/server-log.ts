import fs from "node:fs";
import { E2E } from "./env";

/** The output the Gatehouse server under test has printed so far. */
export function serverOutput(): string {
  return fs.readFileSync(E2E.serverLog, "utf8");
}

/** The one-time setup link the server printed at first start. */
export function setupLinkFromLog(): string {
  const match = serverOutput().match(/https?:\/\/\S+\/setup\?code=[0-9A-Za-z]+/);
  if (!match) throw new Error("the server printed no setup link");
  return match[0];
}
