import { AsyncLocalStorage } from "node:async_hooks";
import { InsufficientScopeError, InvalidTokenError, ServerError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { GatehouseUnavailableError, verifyCall, type CallDescription, type GatehouseOptions, type VerifyAnswer } from "./api";

const INACTIVE_MESSAGES: Record<string, string> = {
  unknown: "This token is not known to Gatehouse.",
  malformed: "This is not a Gatehouse token (mcpt_...); check for a copy-paste mistake.",
  expired: "This token has expired; ask for a new one or rotate it.",
  revoked: "This token was revoked.",
  user_disabled: "The owner of this token is disabled.",
  wrong_audience: "This token was not issued for this MCP server.",
};

export type GatehouseVerifier = OAuthTokenVerifier & {
  /** Asks Gatehouse about one call; for frameworks other than the SDK's bearer middleware. */
  check(token: string, call: CallDescription): Promise<VerifyAnswer>;
  /** Runs `fn` with the MCP calls of the current HTTP request, which verifyAccessToken then checks. */
  withCalls<T>(calls: CallDescription[], fn: () => T): T;
};

/** The SDK puts the message into a WWW-Authenticate quoted-string: printable ASCII, no double quotes. */
function headerSafe(message: string): string {
  return message.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, "?");
}

function toAuthInfo(token: string, answer: Extract<VerifyAnswer, { active: true }>): AuthInfo {
  return {
    token,
    clientId: answer.tokenId,
    scopes: answer.scopes,
    expiresAt: answer.expiresAt,
    extra: { userId: answer.user.id, email: answer.user.email, name: answer.user.name, tokenId: answer.tokenId },
  };
}

/**
 * An OAuthTokenVerifier for the SDK's `requireBearerAuth({ verifier })`. Every HTTP request is
 * verified by Gatehouse (no cache: revocation applies on the next request). With
 * `toolCallGuard` in front, each `tools/call` is verified with its tool name, and a read-only
 * token calling a write tool gets HTTP 403 insufficient_scope from the SDK's middleware.
 */
export function gatehouseVerifier(opts: GatehouseOptions): GatehouseVerifier {
  if (!opts.url || !opts.serverCredential) throw new Error("gatehouseVerifier needs url and serverCredential");
  const current = new AsyncLocalStorage<CallDescription[]>();

  async function decide(token: string, call: CallDescription): Promise<Extract<VerifyAnswer, { active: true }>> {
    let answer: VerifyAnswer;
    try {
      answer = await verifyCall(opts, token, call);
    } catch (err) {
      // Fail closed: no answer from Gatehouse is never an allow.
      throw new ServerError(err instanceof GatehouseUnavailableError ? err.message : "Token verification failed");
    }
    if (!answer.active) throw new InvalidTokenError(headerSafe(INACTIVE_MESSAGES[answer.reason] ?? `The token is not active (${answer.reason}).`));
    if (!answer.allowed) {
      throw new InsufficientScopeError(
        headerSafe(`The tool '${call.tool}' can change data and this token is read-only: it needs the ${answer.requiredScope ?? "tools:write"} scope.`),
      );
    }
    return answer;
  }

  return {
    check: (token, call) => verifyCall(opts, token, call),
    withCalls: (calls, fn) => current.run(calls, fn),
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const calls = current.getStore();
      if (!calls || calls.length === 0) return toAuthInfo(token, await decide(token, {}));
      // One verification (and one audit event) per MCP call in the request; all must pass.
      const answers: Extract<VerifyAnswer, { active: true }>[] = [];
      for (const call of calls) answers.push(await decide(token, call));
      return toAuthInfo(token, answers[0]!);
    },
  };
}
