import fs from "node:fs";
import path from "node:path";
import { E2E } from "./env";

/** Every file under `dir`, as text (binary files too: the secrets looked for are ASCII). */
export function filesUnder(dir: string): { where: string; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((d) => {
    // The bundler's own cache is written by `next build` only, never by the running server.
    if (!d.isFile() || d.parentPath.includes(`${path.sep}cache${path.sep}turbopack`)) return [];
    const where = path.join(d.parentPath, d.name);
    return [{ where, text: fs.readFileSync(where).toString("latin1") }];
  });
}

/** Where a secret could rest on the server's side: the build the e2e server runs, and every file in its data folder. */
export function serverFiles(): { where: string; text: string }[] {
  return [...filesUnder(path.resolve(process.env.NEXT_DIST_DIR || ".next")), ...filesUnder(E2E.dataDir)];
}
