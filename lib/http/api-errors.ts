/**
 * The one error shape of Gatehouse's HTTP APIs: `{ error: { code, message } }`.
 * Unexpected failures become a generic 500 that carries nothing from the exception.
 */
export const API_ERRORS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  audit_unavailable: 503,
  unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return API_ERRORS[this.code];
  }
}

export function errorBody(code: ApiErrorCode, message: string) {
  return { error: { code, message } };
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ApiError) {
    return Response.json(errorBody(err.code, err.message), {
      status: err.status,
      headers: { "cache-control": "no-store", ...err.headers },
    });
  }
  // Log the failure for operators (never request bodies: they may hold tokens), answer generically.
  console.error("unexpected API error:", err instanceof Error ? err.name + ": " + err.message : "unknown");
  return Response.json(errorBody("internal_error", "Something went wrong on our side."), {
    status: 500,
    headers: { "cache-control": "no-store" },
  });
}
