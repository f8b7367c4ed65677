import type { Item__Output } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { DAY_MS, nextRotationAt, rotationDue } from "./auto-rotation.js";

const key = (days: number, lastRotatedAtMs: number, over: Partial<Item__Output> = {}) =>
  ({
    name: "/k",
    type: "dfc-key",
    deleted: false,
    dfc_key: {
      rotation_interval_days: days,
      last_rotated_at_ms: String(lastRotatedAtMs),
    },
    ...over,
  }) as Item__Output;

describe("automatic rotation schedule", () => {
  const t0 = 1_700_000_000_000;

  it("is due once the interval has passed since the last rotation", () => {
    expect(nextRotationAt(key(7, t0).dfc_key)).toBe(t0 + 7 * DAY_MS);
    expect(rotationDue(key(7, t0), t0 + 7 * DAY_MS - 1)).toBe(false);
    expect(rotationDue(key(7, t0), t0 + 7 * DAY_MS)).toBe(true);
  });

  it("never rotates keys without an interval, deleted keys or other items", () => {
    expect(rotationDue(key(0, 0), t0)).toBe(false);
    expect(rotationDue(key(1, 0, { deleted: true }), t0)).toBe(false);
    expect(rotationDue(key(1, 0, { type: "static-secret" }), t0)).toBe(false);
    expect(rotationDue(key(1, 0, { dfc_key: null }), t0)).toBe(false);
  });
});
