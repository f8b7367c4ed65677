/** A login refused for a reason the audit log records in full. */
export class LoginDenied extends Error {
  /**
   * @param summary a short reason (e.g. "token expired"); the caller sees it only when it is one
   *   they must act on (CALLER_REASONS), otherwise just "authentication failed"
   * @param detail recorded in the audit event only; never holds a secret
   */
  constructor(
    readonly summary: string,
    readonly detail: string = summary,
  ) {
    super(detail || summary);
    this.name = "LoginDenied";
  }
}

/**
 * Reasons told to the caller, because only the caller can fix them (get a fresh credential).
 * Everything else would help someone probing methods, keys or claims, and stays in the audit log.
 */
const CALLER_REASONS = new Set(["token expired", "client certificate expired or not yet valid"]);

/** The message the caller of a refused login gets. */
export function callerMessage(err: LoginDenied): string {
  return CALLER_REASONS.has(err.summary)
    ? `authentication failed: ${err.summary}`
    : "authentication failed";
}
