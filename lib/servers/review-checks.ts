import type { McpServer } from "@/db/schema";
import { counted } from "@/lib/text/counted";
import { formatDateTime } from "@/lib/time/format";

/** "none": nothing to judge yet (no calls, no tokens). Neither a pass nor a failure, and said so. */
export type CheckStatus = "pass" | "warn" | "fail" | "none";
export type ReviewCheck = { id: string; title: string; status: CheckStatus; detail: string };

/** What the review judges, read from the server's data and its audit log (lib/servers/auth-review.ts). */
export type ReviewEvidence = {
  server: Pick<McpServer, "url" | "deployment" | "status" | "archivedAt" | "createdAt">;
  now: number;
  activeCredentials: number;
  lastCall: number | null;
  liveTokens: number;
  neverExpire: number;
  inGrace: number;
  allowedAfterEnd: number;
  refusedRevoked: number;
  /** The distinct people (users and OS users) its recent calls were made for, up to a few more than one. */
  callers: string[];
};

export const DAY_MS = 86_400_000;
const QUIET_MS = 7 * DAY_MS;

function ago(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 1) return "just now";
  if (m < 120) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

function strategyCheck({ server, activeCredentials, lastCall, now }: ReviewEvidence): ReviewCheck {
  const check = (status: CheckStatus, detail: string): ReviewCheck => ({ id: "strategy", title: "Authentication fits the deployment", status, detail });
  if (server.archivedAt) return check("warn", "The server is archived: Gatehouse refuses every call it makes. Restore it to use it again.");
  if (server.status === "disabled") return check("warn", "The server is disabled: Gatehouse refuses every call it makes.");
  if (activeCredentials === 0) {
    return check("fail", "No working server credential: the server cannot verify tokens, so it either refuses everyone or runs open. Rotate to issue one.");
  }
  const shared = server.deployment !== "local-single";
  if (lastCall !== null && now - lastCall < QUIET_MS) {
    const mode = shared
      ? "The server verifies every request's token with Gatehouse"
      : "The server runs for one person without tokens, and Gatehouse records every call with the OS user";
    return check("pass", `${mode} (last call ${ago(now - lastCall)}).`);
  }
  // A server registered this week that has not called yet is simply not deployed yet.
  if (lastCall === null && now - server.createdAt.getTime() < QUIET_MS) {
    return check("none", "No calls yet, so nothing to judge: this passes or fails once the server verifies its first request.");
  }
  return shared
    ? check("fail", "A server used by several people must never be open, and this one has not verified a token in the last 7 days. Check that it is configured with its credential.")
    : check(
        "warn",
        "No call recorded in the last 7 days. A local, one-user server runs without tokens, but its calls still go through Gatehouse's audit log (@gatehouse/mcp's gatehouseStdio does this): check that it is configured with its credential.",
      );
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Tokens travel in the Authorization header: over plain http, anyone on the path reads them. */
export function transportCheck({ server }: Pick<ReviewEvidence, "server">): ReviewCheck {
  const check = (status: CheckStatus, detail: string): ReviewCheck => ({ id: "transport", title: "Tokens travel encrypted", status, detail });
  if (server.url === null) return check("pass", "A stdio server: tokens never cross the network.");
  const url = new URL(server.url);
  if (url.protocol === "https:") return check("pass", "The server's URL is https://, so tokens travel over TLS.");
  if (LOOPBACK_HOSTS.test(url.hostname)) return check("pass", "Plain http://, but only on this machine (loopback): tokens do not cross the network.");
  return server.deployment === "local-single"
    ? check("warn", `Plain http:// to ${url.hostname}: tokens would cross the network unencrypted. Use https://, or bind the server to localhost.`)
    : check("fail", `Plain http:// to ${url.hostname}: every token sent to this server crosses the network unencrypted and can be read on the way. Serve it over https://.`);
}

/** A "local, one user" server runs without tokens: that is only safe while one person calls it. */
export function singleUserCheck({ server, callers }: Pick<ReviewEvidence, "server" | "callers">): ReviewCheck | null {
  if (server.deployment !== "local-single") return null;
  const check = (status: CheckStatus, detail: string): ReviewCheck => ({ id: "single-user", title: "Only one person calls it", status, detail });
  if (callers.length === 0) return check("none", "No calls yet, so nobody to count.");
  if (callers.length === 1) return check("pass", `Its recent calls were all made for ${callers[0]}.`);
  const shown = callers.slice(0, 4).join(", ") + (callers.length > 4 ? ", …" : "");
  return check(
    "fail",
    `Registered as local and single-user, yet its recent calls were made for ${counted(callers.length, "person", "different people")}${callers.length > 4 ? " or more" : ""} (${shown}). A shared server must verify every request's token: change its deployment.`,
  );
}

function expiryCheck({ liveTokens, neverExpire, inGrace }: ReviewEvidence): ReviewCheck {
  const title = "Tokens for it expire and can be rotated";
  if (liveTokens === 0) return { id: "expiry", title, status: "none", detail: "No live tokens are valid here yet, so there is nothing to judge." };
  if (neverExpire > 0) {
    return {
      id: "expiry",
      title,
      status: "fail",
      detail: `${neverExpire} of ${counted(liveTokens, "token", "tokens")} valid here ${neverExpire === 1 ? "never expires" : "never expire"}. Give them an expiry (or rotate them into ones that do).`,
    };
  }
  const all = liveTokens === 1 ? "The one live token valid here expires." : `All ${liveTokens} live tokens valid here expire.`;
  return { id: "expiry", title, status: "pass", detail: `${all}${inGrace > 0 ? ` ${counted(inGrace, "is", "are")} mid-rotation (old secret in its grace period).` : ""}` };
}

function revocationCheck({ lastCall, allowedAfterEnd, refusedRevoked }: ReviewEvidence): ReviewCheck {
  const title = "Revocation works for its tokens";
  if (allowedAfterEnd > 0) {
    return { id: "revocation", title, status: "fail", detail: `${counted(allowedAfterEnd, "call was", "calls were")} allowed after their token was revoked or expired. Investigate at once.` };
  }
  if (lastCall === null) return { id: "revocation", title, status: "none", detail: "No calls yet, so no decision to check. Every call is decided afresh, so a revocation applies on the next one." };
  return {
    id: "revocation",
    title,
    status: "pass",
    detail: `No call was allowed after its token was revoked or expired${refusedRevoked > 0 ? `; ${counted(refusedRevoked, "such call was", "such calls were")} refused` : ""}. Every call is decided afresh, so a revocation applies on the next one.`,
  };
}

function auditCheck({ lastCall, now }: ReviewEvidence): ReviewCheck {
  const title = "The audit log receives its calls";
  if (lastCall === null) return { id: "audit", title, status: "none", detail: "No calls from this server have been recorded yet." };
  return { id: "audit", title, status: now - lastCall < DAY_MS ? "pass" : "warn", detail: `Last call recorded ${ago(now - lastCall)} (${formatDateTime(lastCall)}).` };
}

/** The auth review checklist, judged from the evidence: each check passes, warns, fails, or says it has nothing to go on. */
export function judgeReview(evidence: ReviewEvidence): ReviewCheck[] {
  return [
    strategyCheck(evidence),
    transportCheck(evidence),
    singleUserCheck(evidence),
    expiryCheck(evidence),
    revocationCheck(evidence),
    auditCheck(evidence),
  ].filter((c): c is ReviewCheck => c !== null);
}
