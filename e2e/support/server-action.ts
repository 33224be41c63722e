import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { E2E } from "./env";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

function readManifest(): Manifest {
  const file = path.resolve(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
}

/** Every server action the production build exposes, as "file#export". */
export function allServerActions(): string[] {
  return Object.values(readManifest().node).map((a) => `${a.filename}#${a.exportedName}`);
}

/** The id under which the production build exposes a server action (what a browser sends as Next-Action). */
export function serverActionId(filename: string, exportedName: string): string {
  const found = Object.entries(readManifest().node).find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found[0];
}

export type ServerActionRef = { filename: string; exportedName: string };

/** Extra request headers; a `null` value leaves that header out (e.g. `{ Origin: null }`). */
export type HeaderOverrides = Record<string, string | null>;

function actionHeaders(action: ServerActionRef, overrides: HeaderOverrides = {}): Record<string, string> {
  const headers: Record<string, string | null> = {
    "Next-Action": serverActionId(action.filename, action.exportedName),
    Accept: "text/x-component",
    Origin: E2E.baseURL,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== null));
}

/** Calls a server action with plain arguments, as a hand-made request would: no page, no button. */
export function callServerAction(
  request: APIRequestContext,
  pagePath: string,
  action: ServerActionRef,
  args: unknown[],
  headers?: HeaderOverrides,
): Promise<APIResponse> {
  return request.post(pagePath, {
    headers: { ...actionHeaders(action, headers), "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

/**
 * Calls a form action `(prevState, formData)` directly, encoded as React does it:
 * part "0" holds the arguments; "$K1" in them refers to the form, whose fields are the parts "_1_<name>".
 * `args` changes the argument list (e.g. `["$K1"]` for an action that takes only the form).
 */
export function callFormAction(
  request: APIRequestContext,
  pagePath: string,
  action: ServerActionRef,
  fields: Record<string, string>,
  opts: { args?: unknown[]; headers?: HeaderOverrides } = {},
): Promise<APIResponse> {
  // Order matters: the server resolves "$K1" when it reaches part "0", so the fields go first.
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append("0", JSON.stringify(opts.args ?? [{}, "$K1"]));
  return request.post(pagePath, { headers: actionHeaders(action, opts.headers), multipart, maxRedirects: 0 });
}
