/**
 * Transport-neutral errors. Domain code throws these; exactly one adapter per transport maps
 * them (gRPC: grpc-errors.ts, HTTP: http-errors.ts). Messages go back to callers, so they must
 * never hold secrets.
 */

/** The kind of failure, independent of any transport. */
export type KeyfragErrorCode =
  | "not-found"
  | "invalid-argument"
  | "permission-denied"
  | "unauthenticated"
  | "conflict"
  | "failed-precondition"
  | "unavailable"
  | "resource-exhausted"
  | "deadline-exceeded"
  | "internal";

/** Base class of every error keyfrag raises on purpose; `cause` keeps the underlying error. */
export class KeyfragError extends Error {
  readonly code: KeyfragErrorCode;
  constructor(code: KeyfragErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The named thing (key, item, node, session…) does not exist. */
export class NotFoundError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("not-found", message, options);
  }
}

/** The request can never succeed as sent: malformed, out of range or cryptographically invalid. */
export class InvalidArgumentError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("invalid-argument", message, options);
  }
}

/** The caller is known but may not do this. */
export class PermissionDeniedError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("permission-denied", message, options);
  }
}

/** The caller could not be identified (no, bad or expired credentials). */
export class UnauthenticatedError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("unauthenticated", message, options);
  }
}

/** The thing already exists, or a concurrent change won (version or fencing-token mismatch). */
export class ConflictError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("conflict", message, options);
  }
}

/** The system is not in a state that allows this (wrong epoch, nonce already used, no leader…). */
export class FailedPreconditionError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("failed-precondition", message, options);
  }
}

/** A dependency or peer cannot be reached right now; trying again (elsewhere) may work. */
export class UnavailableError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("unavailable", message, options);
  }
}

/** The caller has used up a quota or limit (e.g. too many failed logins); wait and retry. */
export class ResourceExhaustedError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("resource-exhausted", message, options);
  }
}

/** The operation did not finish in time; it may or may not have taken effect. */
export class DeadlineExceededError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("deadline-exceeded", message, options);
  }
}

/** A bug or broken invariant. Adapters log it and return a generic message. */
export class InternalError extends KeyfragError {
  constructor(message: string, options?: ErrorOptions) {
    super("internal", message, options);
  }
}

/** The most characters of a caller's value that an error message quotes. */
export const MAX_QUOTED_CHARS = 64;

/**
 * A caller-supplied value as an error message may show it: JSON-quoted (quotes and control
 * characters stay visible), cut to `max` characters with the full length noted. Every message
 * that echoes input uses it: a message travels back in a gRPC trailer, and one echoing a
 * 32 KiB field is both useless and (unbounded) able to break the caller's connection.
 */
export function quote(value: unknown, max = MAX_QUOTED_CHARS): string {
  const text = typeof value === "string" ? value : String(value);
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}… (${text.length} characters)`;
}
