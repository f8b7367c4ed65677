/** Error helpers for SDK users: the gRPC code name of a failure, for messages and exit codes. */
import { status } from "@grpc/grpc-js";
import { isServiceError, KeyfragError, type KeyfragErrorCode } from "@keyfrag/rpc";

const nameOfKind: Record<KeyfragErrorCode, string> = {
  "not-found": "NOT_FOUND",
  "invalid-argument": "INVALID_ARGUMENT",
  "permission-denied": "PERMISSION_DENIED",
  unauthenticated: "UNAUTHENTICATED",
  conflict: "ALREADY_EXISTS",
  "failed-precondition": "FAILED_PRECONDITION",
  unavailable: "UNAVAILABLE",
  "resource-exhausted": "RESOURCE_EXHAUSTED",
  "deadline-exceeded": "DEADLINE_EXCEEDED",
  internal: "INTERNAL",
};

/**
 * The gRPC status name of a failed call (`UNAVAILABLE`, `PERMISSION_DENIED`…): the code the
 * gateway sent when there is one, else the one matching the error class; undefined for errors
 * that are not keyfrag errors.
 */
export function grpcCodeName(err: unknown): string | undefined {
  if (!(err instanceof KeyfragError)) return undefined;
  if (isServiceError(err.cause)) return status[err.cause.code];
  return nameOfKind[err.code];
}
