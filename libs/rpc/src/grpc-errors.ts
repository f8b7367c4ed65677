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

/**
 * The one table from error kinds to gRPC status codes. `toGrpcStatus` sends it, `fromGrpcError`
 * reads it backwards, and the SDK names codes with it (`grpcStatusOf`): nothing else maps.
 */
const statusOfKind: Readonly<Record<KeyfragErrorCode, status>> = {
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
 * Codes keyfrag never sends but may receive (from grpc-js itself or another server), read as
 * the nearest kind. CANCELLED reaches a caller when the server went away mid-call (forced
 * shutdown): it is unreachable now, and another replica may serve the call.
 */
const receivedAs: Readonly<Partial<Record<status, KeyfragErrorCode>>> = {
  [status.OUT_OF_RANGE]: "invalid-argument",
  [status.ABORTED]: "conflict",
  [status.CANCELLED]: "unavailable",
};

const kindOfStatus: ReadonlyMap<status, KeyfragErrorCode> = new Map([
  ...(Object.entries(statusOfKind) as [KeyfragErrorCode, status][]).map(
    ([kind, code]) => [code, kind] as const,
  ),
  ...(Object.entries(receivedAs) as [string, KeyfragErrorCode][]).map(
    ([code, kind]) => [Number(code) as status, kind] as const,
  ),
]);

const classOfKind: Readonly<
  Record<KeyfragErrorCode, new (message: string, options?: ErrorOptions) => KeyfragError>
> = {
  "not-found": NotFoundError,
  "invalid-argument": InvalidArgumentError,
  "permission-denied": PermissionDeniedError,
  unauthenticated: UnauthenticatedError,
  conflict: ConflictError,
  "failed-precondition": FailedPreconditionError,
  unavailable: UnavailableError,
  "resource-exhausted": ResourceExhaustedError,
  "deadline-exceeded": DeadlineExceededError,
  internal: InternalError,
};

/** The gRPC status code an error of kind `kind` is sent with. */
export function grpcStatusOf(kind: KeyfragErrorCode): status {
  return statusOfKind[kind];
}

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
    return { code: statusOfKind[err.code], details: boundedMessage(err.message) };
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
  return fromGrpcStatus(err.code, err.details || err.message, { cause: err });
}

/** The KeyfragError a status code and message stand for (a status carried some other way). */
export function fromGrpcStatus(
  code: number,
  details: string,
  options?: ErrorOptions,
): KeyfragError {
  const kind = kindOfStatus.get(code as status) ?? "internal";
  return new classOfKind[kind](details, options);
}

// Through `receivedAs`, CANCELLED counts as unavailable: `call` never cancels on its own, so a
// call comes back CANCELLED when the server cut it off (forced shutdown).
const retryableKinds: ReadonlySet<KeyfragErrorCode> = new Set(["unavailable", "deadline-exceeded"]);

/**
 * Whether trying again (after a backoff, or on another replica) may succeed: the peer was
 * unreachable, too slow or went away mid-call. RESOURCE_EXHAUSTED is not: a quota (failed
 * logins, message size) does not lift by asking again at once. The one place clients decide
 * retries. Like a deadline, a retry may repeat an operation that did take effect.
 */
export function isRetryable(err: unknown): boolean {
  if (isServiceError(err)) return retryableKinds.has(kindOfStatus.get(err.code) ?? "internal");
  return err instanceof KeyfragError && retryableKinds.has(err.code);
}
