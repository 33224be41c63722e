// Starts the production build of Gatehouse on a fresh database for the e2e run,
// copying its output to .e2e-data/server.log (the first-run setup link is read from there).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { serverArgv } from "@/scripts/server-argv";
import { E2E, gatehouseEnv } from "./env";

fs.rmSync(E2E.dataDir, { recursive: true, force: true });
fs.mkdirSync(E2E.dataDir, { recursive: true });
const log = fs.createWriteStream(E2E.serverLog);

const env: NodeJS.ProcessEnv = { ...process.env, ...gatehouseEnv(), NODE_ENV: "production", HOST: "localhost" };
const child = spawn(process.execPath, serverArgv(), { env, stdio: ["ignore", "pipe", "pipe"] });
child.stdout.pipe(log);
child.stderr.pipe(log);
child.stderr.pipe(process.stderr);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
