import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { E2E } from "./env";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

/** The id under which the production build exposes a server action (what a browser sends as Next-Action). */
export function serverActionId(filename: string, exportedName: string): string {
  const file = path.resolve(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found[0];
}

export type ServerActionRef = { filename: string; exportedName: string };

function actionHeaders(action: ServerActionRef): Record<string, string> {
  return { "Next-Action": serverActionId(action.filename, action.exportedName), Accept: "text/x-component", Origin: E2E.baseURL };
}

/** Calls a server action with plain arguments, as a hand-made request would: no page, no button. */
export function callServerAction(request: APIRequestContext, pagePath: string, action: ServerActionRef, args: unknown[]): Promise<APIResponse> {
  return request.post(pagePath, {
    headers: { ...actionHeaders(action), "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

/**
 * Calls a form action `(prevState, formData)` directly, encoded as React does it:
 * part "0" holds the arguments; "$K1" in them refers to the form, whose fields are the parts "_1_<name>".
 */
export function callFormAction(
  request: APIRequestContext,
  pagePath: string,
  action: ServerActionRef,
  fields: Record<string, string>,
): Promise<APIResponse> {
  // Order matters: the server resolves "$K1" when it reaches part "0", so the fields go first.
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append("0", JSON.stringify([{}, "$K1"]));
  return request.post(pagePath, { headers: actionHeaders(action), multipart, maxRedirects: 0 });
}
