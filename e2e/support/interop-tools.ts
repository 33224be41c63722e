import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The folder scripts/interop/install-node22.sh fills with Node 22 and the tools that need it
 * (the MCP conformance suite, MCP Inspector v2): INTEROP_TOOLS when set (CI installs it once for
 * this suite and the interop suite), otherwise a cache in node_modules, installed on first use.
 */
export function interopTools(): { node22: string; bin: (name: string) => string } {
  const dir = process.env.INTEROP_TOOLS || path.resolve("node_modules/.cache/gatehouse-interop-tools");
  const bin = (name: string) => path.join(dir, "node_modules/.bin", name);
  if (!fs.existsSync(bin("conformance"))) execFileSync("scripts/interop/install-node22.sh", [dir], { stdio: "inherit" });
  return { node22: bin("node"), bin };
}
