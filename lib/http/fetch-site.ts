import { ApiError } from "./api-errors";

/**
 * Refuses a request a browser marks as made for another site (Sec-Fetch-Site: cross-site or
 * same-site, e.g. a link or <img> on another page, or another port of this host): a GET that
 * reads the whole log or token list, and audits that it did, must be one the user asked for
 * here. "same-origin" (our own page) and "none" (typed into the address bar, a bookmark) pass.
 * No header at all is a client that is not a browser (curl, a script) with a session cookie it
 * was given: nothing cross-site to fear, so it passes too.
 */
export function refuseCrossSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site === null || site === "same-origin" || site === "none") return;
  throw new ApiError("forbidden", "Exports are only served to Gatehouse's own pages. Open the export from Gatehouse itself.");
}
