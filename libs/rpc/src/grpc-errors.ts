/**
 * The one gRPC adapter for keyfrag errors: server side `toGrpcStatus`, client side
 * `fromGrpcError` and `isRetryable`. Nothing else maps status codes.
 */
import { type ServiceError, status } from "@grpc/grpc-js";
import { CryptoError, NonceReuseError } from "@keyfrag/crypto";
import {
  ConflictError,
  DeadlineExceededError,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  KeyfragError,
  type KeyfragErrorCode,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  UnauthenticatedError,
  UnavailableError,
} from "./errors.js";

/** The smallest logger the adapters need; pino's `logger.error(obj, msg)` fits. */
export interface Logger {
  error(obj: object, msg: string): void;
}

/** Logs to stderr; services pass their pino logger instead. */
export const consoleLogger: Logger = {
  error(obj, msg) {
    console.error(msg, obj);
  },
};

/** A gRPC status as a server handler returns it. */
export interface GrpcStatus {
  code: status;
  details: string;
}

export interface ToGrpcStatusOptions {
  /** Named in the generic message of an internal error and in the log line. */
  requestId: string;
  logger?: Logger;
  /** Extra fields for the log line (method, peer…). Never request payloads. */
  context?: Record<string, unknown>;
}

const codeOfKind: Record<KeyfragErrorCode, status> = {
  "not-found": status.NOT_FOUND,
  "invalid-argument": status.INVALID_ARGUMENT,
  "permission-denied": status.PERMISSION_DENIED,
  unauthenticated: status.UNAUTHENTICATED,
  // A create that found the name taken; concurrent-change conflicts come back the same way.
  conflict: status.ALREADY_EXISTS,
  "failed-precondition": status.FAILED_PRECONDITION,
  unavailable: status.UNAVAILABLE,
  "resource-exhausted": status.RESOURCE_EXHAUSTED,
  "deadline-exceeded": status.DEADLINE_EXCEEDED,
  internal: status.INTERNAL,
};

/**
 * The longest status message sent, in characters. The message travels percent-encoded in the
 * `grpc-message` trailer; a header field whose HPACK encoding exceeds 64 KiB (about 30,000
 * characters of `[`) is a COMPRESSION_ERROR for Node's HTTP/2 decoder, which then drops the
 * whole connection — and with it every other call multiplexed on that channel (the gateway's
 * calls for all its clients), answered "Connection dropped" / "Stream refused by server" until
 * the channel reconnects. Even all 4-byte characters (12 encoded bytes each) stay far below.
 */
export const MAX_STATUS_MESSAGE_CHARS = 1024;

/** `message` cut to MAX_STATUS_MESSAGE_CHARS, noting that it was cut. */
function boundedMessage(message: string): string {
  if (message.length <= MAX_STATUS_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_STATUS_MESSAGE_CHARS)}… (message cut, ${message.length} characters)`;
}

/**
 * Maps an error thrown by a handler to the status sent to the caller. Deliberate errors keep
 * their message (bounded, see MAX_STATUS_MESSAGE_CHARS); anything else (and InternalError) is
 * logged with the request id and answered with a generic message, so internals never leak.
 */
export function toGrpcStatus(err: unknown, options: ToGrpcStatusOptions): GrpcStatus {
  if (err instanceof KeyfragError && err.code !== "internal") {
    return { code: codeOfKind[err.code], details: boundedMessage(err.message) };
  }
  // On a server, a crypto error raised while handling a request means the request carried
  // something that does not verify or parse: the caller's input, not our bug. Crypto error
  // messages name slots and sizes only, never secrets, so they can go back.
  if (err instanceof NonceReuseError) {
    return { code: status.FAILED_PRECONDITION, details: boundedMessage(err.message) };
  }
  // (InvalidInputError, MalformedCiphertextError, DecryptionError, SlotContributionError.)
  if (err instanceof CryptoError) {
    return { code: status.INVALID_ARGUMENT, details: boundedMessage(err.message) };
  }
  (options.logger ?? consoleLogger).error(
    { err, requestId: options.requestId, ...options.context },
    "request failed with an internal error",
  );
  return { code: status.INTERNAL, details: `internal error (request ${options.requestId})` };
}

/** True for the errors grpc-js hands to client callbacks. */
export function isServiceError(err: unknown): err is ServiceError {
  return (
    err instanceof Error &&
    typeof (err as Partial<ServiceError>).code === "number" &&
    typeof (err as Partial<ServiceError>).details === "string" &&
    (err as Partial<ServiceError>).metadata !== undefined
  );
}

/**
 * Turns a failed call into the matching KeyfragError (the gRPC error stays as `cause`), so
 * client code handles one family of errors whatever the transport.
 */
export function fromGrpcError(err: ServiceError): KeyfragError {
  const message = err.details || err.message;
  const options = { cause: err };
  switch (err.code) {
    case status.NOT_FOUND:
      return new NotFoundError(message, options);
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
      return new InvalidArgumentError(message, options);
    case status.PERMISSION_DENIED:
      return new PermissionDeniedError(message, options);
    case status.UNAUTHENTICATED:
      return new UnauthenticatedError(message, options);
    case status.ALREADY_EXISTS:
    case status.ABORTED:
      return new ConflictError(message, options);
    case status.FAILED_PRECONDITION:
      return new FailedPreconditionError(message, options);
    // CANCELLED reaches a caller when the server went away mid-call (forced shutdown): it is
    // unreachable now, and another replica may serve the call.
    case status.UNAVAILABLE:
    case status.CANCELLED:
      return new UnavailableError(message, options);
    case status.RESOURCE_EXHAUSTED:
      return new ResourceExhaustedError(message, options);
    case status.DEADLINE_EXCEEDED:
      return new DeadlineExceededError(message, options);
    default:
      return new InternalError(message, options);
  }
}

// CANCELLED is here because `call` never cancels on its own: a call comes back CANCELLED when
// the server cut it off (forced shutdown), and another replica may serve it.
const retryableCodes: ReadonlySet<number> = new Set([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.CANCELLED,
]);

/**
 * Whether trying again (after a backoff, or on another replica) may succeed: the peer was
 * unreachable, too slow or went away mid-call. RESOURCE_EXHAUSTED is not: a quota (failed
 * logins, message size) does not lift by asking again at once. The one place clients decide
 * retries. Like a deadline, a retry may repeat an operation that did take effect.
 */
export function isRetryable(err: unknown): boolean {
  if (isServiceError(err)) return retryableCodes.has(err.code);
  return err instanceof UnavailableError || err instanceof DeadlineExceededError;
}
