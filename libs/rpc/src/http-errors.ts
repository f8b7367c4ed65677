/**
 * The one HTTP adapter for keyfrag errors (the REST API's twin of grpc-errors.ts): an HTTP
 * status and a `{"error": "..."}` body. Nothing else maps errors to HTTP statuses.
 */
import { CryptoError, NonceReuseError } from "@keyfrag/crypto";
import { KeyfragError, type KeyfragErrorCode } from "./errors.js";
import { consoleLogger, type Logger, MAX_STATUS_MESSAGE_CHARS } from "./grpc-errors.js";

/** What an HTTP server answers for a failed request. */
export interface HttpError {
  status: number;
  body: { error: string };
}

export interface ToHttpErrorOptions {
  /** Named in the generic message of an internal error and in the log line. */
  requestId: string;
  logger?: Logger;
  /** Extra fields for the log line (operation, peer…). Never request payloads. */
  context?: Record<string, unknown>;
}

const statusOfKind: Record<KeyfragErrorCode, number> = {
  "invalid-argument": 400,
  // The request cannot be done in the state things are in (e.g. a key of the wrong kind): the
  // caller must change the request or the state, as for bad input.
  "failed-precondition": 400,
  unauthenticated: 401,
  "permission-denied": 403,
  "not-found": 404,
  conflict: 409,
  "resource-exhausted": 429,
  unavailable: 503,
  "deadline-exceeded": 504,
  internal: 500,
};

/** The HTTP status of an error code. */
export function httpStatusOf(code: KeyfragErrorCode): number {
  return statusOfKind[code];
}

function bounded(message: string): string {
  if (message.length <= MAX_STATUS_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_STATUS_MESSAGE_CHARS)}… (message cut, ${message.length} characters)`;
}

/**
 * Maps an error thrown while serving a request to the HTTP answer. Deliberate errors keep
 * their (bounded) message; anything else, InternalError included, is logged with the request
 * id and answered 500 with a generic message, so internals never leak.
 */
export function toHttpError(err: unknown, options: ToHttpErrorOptions): HttpError {
  if (err instanceof KeyfragError && err.code !== "internal") {
    return { status: statusOfKind[err.code], body: { error: bounded(err.message) } };
  }
  // As in toGrpcStatus: a crypto error while serving means the request's input did not verify.
  if (err instanceof NonceReuseError || err instanceof CryptoError) {
    return { status: 400, body: { error: bounded(err.message) } };
  }
  (options.logger ?? consoleLogger).error(
    { err, requestId: options.requestId, ...options.context },
    "request failed with an internal error",
  );
  return { status: 500, body: { error: `internal error (request ${options.requestId})` } };
}
