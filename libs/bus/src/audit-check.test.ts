import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AUDIT_LIMITS, type AuditEvent, AuditEventSchema, checkedAuditEvent } from "./index.js";

const valid: AuditEvent = {
  id: "6f1c2b1e-8d4a-4c3b-9a7e-2f5d6c7b8a90",
  time: 1_700_000_000_000,
  service: "gateway",
  actor: {
    authMethod: "ci",
    accessId: "p-abc",
    subClaims: { groups: ["a", "b"] },
    sourceAddress: "127.0.0.1",
  },
  action: "gateway.get-secret-value",
  path: "/a/b",
  result: "allowed",
  requestId: "r-1",
  leaseId: "",
  reason: "",
  fields: { names: "/a/b", version: "0" },
};

const accepts = (event: unknown) => {
  try {
    checkedAuditEvent(event as AuditEvent);
    return true;
  } catch (err) {
    expect(err).toBeInstanceOf(TypeError);
    return false;
  }
};

/** Values around every bound the schema has, and of every wrong type. */
const anyValue = fc.oneof(
  fc.constantFrom("", "x", "allowed", "denied", "error", "nope", valid.id, "not-a-uuid"),
  fc.constantFrom(
    ...[AUDIT_LIMITS.name, AUDIT_LIMITS.path, AUDIT_LIMITS.reason, AUDIT_LIMITS.fieldValue].flatMap(
      (n) => ["a".repeat(n), "a".repeat(n + 1)],
    ),
  ),
  fc.constantFrom(
    ...[AUDIT_LIMITS.fields, AUDIT_LIMITS.subClaims].flatMap((n) => [
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"])),
      Object.fromEntries(Array.from({ length: n + 1 }, (_, i) => [`k${i}`, "v"])),
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, ["v"]])),
      Object.fromEntries(Array.from({ length: n + 1 }, (_, i) => [`k${i}`, ["v"]])),
    ]),
  ),
  fc.constantFrom(
    Array(AUDIT_LIMITS.claimValues).fill("v"),
    Array(AUDIT_LIMITS.claimValues + 1).fill("v"),
    ["a".repeat(AUDIT_LIMITS.claimValue + 1)],
    { g: [1] },
    { f: 1 },
    { ["k".repeat(AUDIT_LIMITS.name + 1)]: "v" },
  ),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
);

const PATHS = [
  ["id"],
  ["time"],
  ["service"],
  ["action"],
  ["path"],
  ["result"],
  ["requestId"],
  ["leaseId"],
  ["reason"],
  ["fields"],
  ["actor"],
  ["actor", "authMethod"],
  ["actor", "accessId"],
  ["actor", "sourceAddress"],
  ["actor", "subClaims"],
  ["actor", "subClaims", "groups"],
  ["fields", "names"],
] as const;

describe("checkedAuditEvent", () => {
  it("accepts exactly the events AuditEventSchema accepts", () => {
    expect(accepts(valid)).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }),
        (changes) => {
          const event = structuredClone(valid) as unknown as Record<string, unknown>;
          for (const [path, value] of changes) {
            let at = event;
            for (const key of path.slice(0, -1)) {
              const next = at[key];
              if (typeof next !== "object" || next === null) return;
              at = next as Record<string, unknown>;
            }
            at[path[path.length - 1] as string] = value;
          }
          expect(accepts(event)).toBe(AuditEventSchema.safeParse(event).success);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
