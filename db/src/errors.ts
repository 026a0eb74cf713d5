/**
 * Domain errors: a stable code callers can branch on and a message that says what was wrong and
 * what to do. The server maps each code to an HTTP/tRPC status in one place.
 */
export const appErrorCodes = {
  BAD_INPUT: "BAD_REQUEST",
  PACKAGE_TOO_LARGE: "BAD_REQUEST",
  UNKNOWN_PACKAGE: "BAD_REQUEST",
  UNKNOWN_DIRECTORY: "BAD_REQUEST",
  FOLLOW_UP_OUTCOME: "BAD_REQUEST",
  JOB_NOT_FOUND: "NOT_FOUND",
  RESULT_NOT_FOUND: "NOT_FOUND",
  CUSTOMER_NOT_FOUND: "NOT_FOUND",
  DIRECTORY_NOT_FOUND: "NOT_FOUND",
  STAFF_NOT_FOUND: "NOT_FOUND",
  REPORT_LINK_NOT_FOUND: "NOT_FOUND",
  ACCOUNT_NOT_FOUND: "NOT_FOUND",
  LEASE_LOST: "CONFLICT",
  RESULTS_PENDING: "CONFLICT",
  JOB_FINISHED: "CONFLICT",
  NOTHING_TO_RETRY: "CONFLICT",
  RESULT_IN_FLIGHT: "CONFLICT",
  RESULT_FINISHED: "CONFLICT",
  CONFIRM_INTERRUPTED: "CONFLICT",
  NO_REPLACEMENT: "CONFLICT",
  DIRECTORY_EXISTS: "CONFLICT",
  DIRECTORY_IN_USE: "CONFLICT",
  NOTHING_LEARNED: "CONFLICT",
  LEARNED_CHANGED: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  LAST_ADMIN: "CONFLICT",
  REPORT_LINK_REVOKED: "CONFLICT",
  NO_LISTING_TO_CHECK: "CONFLICT",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  TOO_MANY_ATTEMPTS: "TOO_MANY_REQUESTS",
} as const;
export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}
