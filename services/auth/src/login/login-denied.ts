/** A login refused for a reason the audit log records in full and the caller sees in summary. */
export class LoginDenied extends Error {
  /**
   * @param summary safe to return to the caller (e.g. "token expired"), or "" to say nothing
   * @param detail recorded in the audit event only; never holds a secret
   */
  constructor(
    readonly summary: string,
    readonly detail: string = summary,
  ) {
    super(detail);
    this.name = "LoginDenied";
  }
}
