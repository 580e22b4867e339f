import type { FailureCode } from "./result";

/** The HTTP status the JSON route answers a refusal with. */
export const HTTP_STATUS: Record<FailureCode, 400 | 401 | 403 | 404 | 409 | 429> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "rate-limited": 429,
};
