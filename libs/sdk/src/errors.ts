/** Error helpers for SDK users: the gRPC code name of a failure, for messages and exit codes. */
import { status } from "@grpc/grpc-js";
import { grpcStatusOf, isServiceError, KeyfragError } from "@keyfrag/rpc";

/**
 * The gRPC status name of a failed call (`UNAVAILABLE`, `PERMISSION_DENIED`…): the code the
 * gateway sent when there is one, else the one matching the error class; undefined for errors
 * that are not keyfrag errors.
 */
export function grpcCodeName(err: unknown): string | undefined {
  if (!(err instanceof KeyfragError)) return undefined;
  if (isServiceError(err.cause)) return status[err.cause.code];
  return status[grpcStatusOf(err.code)];
}
