import { DecryptionError } from "@keyfrag/crypto";
import { describe, expect, test } from "vitest";
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
  toHttpError,
  UnauthenticatedError,
  UnavailableError,
} from "../src/index.js";

const silent = { error: () => {} };

describe("toHttpError", () => {
  test.each([
    [new InvalidArgumentError("bad"), 400],
    [new FailedPreconditionError("not now"), 400],
    [new UnauthenticatedError("who"), 401],
    [new PermissionDeniedError("no"), 403],
    [new NotFoundError("gone"), 404],
    [new ConflictError("taken"), 409],
    [new ResourceExhaustedError("slow down"), 429],
    [new UnavailableError("audit unavailable"), 503],
    [new DeadlineExceededError("late"), 504],
  ] as const)("%s → %i with its message", (err, status) => {
    expect(toHttpError(err, { requestId: "r1", logger: silent })).toEqual({
      status,
      body: { error: err.message },
    });
  });

  test("every error code has a status", () => {
    const codes: KeyfragErrorCode[] = [
      "not-found",
      "invalid-argument",
      "permission-denied",
      "unauthenticated",
      "conflict",
      "failed-precondition",
      "unavailable",
      "resource-exhausted",
      "deadline-exceeded",
      "internal",
    ];
    for (const code of codes) {
      const { status } = toHttpError(new KeyfragError(code, "m"), {
        requestId: "r",
        logger: silent,
      });
      expect(status).toBeGreaterThanOrEqual(400);
    }
  });

  test("a crypto error from the caller's input is 400", () => {
    const { status } = toHttpError(new DecryptionError("tag mismatch"), {
      requestId: "r",
      logger: silent,
    });
    expect(status).toBe(400);
  });

  test("internal errors are logged with the request id and answered generically", () => {
    const logged: object[] = [];
    const answer = toHttpError(new Error("redis password is hunter2"), {
      requestId: "req-42",
      logger: { error: (obj) => logged.push(obj) },
    });
    expect(answer).toEqual({ status: 500, body: { error: "internal error (request req-42)" } });
    expect(logged).toHaveLength(1);
    expect(
      toHttpError(new InternalError("boom"), { requestId: "x", logger: silent }).body.error,
    ).not.toContain("boom");
  });

  test("long messages are cut", () => {
    const { body } = toHttpError(new InvalidArgumentError("x".repeat(5000)), {
      requestId: "r",
      logger: silent,
    });
    expect(body.error.length).toBeLessThan(1200);
    expect(body.error).toContain("message cut");
  });
});
