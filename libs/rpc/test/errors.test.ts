import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { DecryptionError, NonceReuseError, SlotContributionError } from "@keyfrag/crypto";
import { describe, expect, it } from "vitest";
import {
  ConflictError,
  DeadlineExceededError,
  FailedPreconditionError,
  fromGrpcError,
  InternalError,
  InvalidArgumentError,
  isRetryable,
  type KeyfragError,
  type Logger,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  toGrpcStatus,
  UnauthenticatedError,
  UnavailableError,
} from "../src/index.js";

function serviceError(code: status, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), {
    code,
    details,
    metadata: new Metadata(),
  });
}

describe("fromGrpcError", () => {
  const cases: Array<[status, new (...args: never[]) => KeyfragError, boolean]> = [
    [status.NOT_FOUND, NotFoundError, false],
    [status.INVALID_ARGUMENT, InvalidArgumentError, false],
    [status.OUT_OF_RANGE, InvalidArgumentError, false],
    [status.PERMISSION_DENIED, PermissionDeniedError, false],
    [status.UNAUTHENTICATED, UnauthenticatedError, false],
    [status.ALREADY_EXISTS, ConflictError, false],
    [status.ABORTED, ConflictError, false],
    [status.FAILED_PRECONDITION, FailedPreconditionError, false],
    [status.UNAVAILABLE, UnavailableError, true],
    [status.RESOURCE_EXHAUSTED, ResourceExhaustedError, false],
    [status.CANCELLED, UnavailableError, true],
    [status.DEADLINE_EXCEEDED, DeadlineExceededError, true],
    [status.UNIMPLEMENTED, InternalError, false],
    [status.INTERNAL, InternalError, false],
    [status.UNKNOWN, InternalError, false],
    [status.DATA_LOSS, InternalError, false],
  ];
  it.each(cases.map(([code, cls, retryable]) => ({ code, name: status[code], cls, retryable })))(
    "$name becomes $cls.name (retryable: $retryable)",
    ({ code, cls, retryable }) => {
      const grpcError = serviceError(code, "what the server said");
      const err = fromGrpcError(grpcError);
      expect(err).toBeInstanceOf(cls);
      expect(err.message).toBe("what the server said");
      expect(err.cause).toBe(grpcError);
      expect(isRetryable(err)).toBe(retryable);
      expect(isRetryable(grpcError)).toBe(retryable);
    },
  );

  it("does not call plain errors retryable", () => {
    expect(isRetryable(new Error("ECONNRESET"))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});

describe("toGrpcStatus", () => {
  const silent: Logger = { error: () => {} };

  it("keeps the message of deliberate errors", () => {
    expect(
      toGrpcStatus(new NotFoundError("no key 'x'"), { requestId: "r", logger: silent }),
    ).toEqual({
      code: status.NOT_FOUND,
      details: "no key 'x'",
    });
    expect(toGrpcStatus(new DecryptionError(), { requestId: "r", logger: silent }).code).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(
      toGrpcStatus(new SlotContributionError(2, "dkg", "bad proof"), { requestId: "r" }).code,
    ).toBe(status.INVALID_ARGUMENT);
    expect(toGrpcStatus(new NonceReuseError(1), { requestId: "r" }).code).toBe(
      status.FAILED_PRECONDITION,
    );
  });

  it("hides anything else behind the request id and logs it", () => {
    const lines: Array<[object, string]> = [];
    const secret = new Error("share=0x1234 leaked in a stack");
    const result = toGrpcStatus(secret, {
      requestId: "req-7",
      logger: { error: (obj, msg) => lines.push([obj, msg]) },
      context: { method: "/keyfrag.v1.FragmentManager/Evaluate" },
    });
    expect(result).toEqual({ code: status.INTERNAL, details: "internal error (request req-7)" });
    expect(lines).toEqual([
      [
        { err: secret, requestId: "req-7", method: "/keyfrag.v1.FragmentManager/Evaluate" },
        "request failed with an internal error",
      ],
    ]);
  });
});
