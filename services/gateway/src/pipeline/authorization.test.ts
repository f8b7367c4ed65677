import { InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { planFor } from "./authorization.js";

const checks = (method: Parameters<typeof planFor>[0], req: Parameters<typeof planFor>[1]) =>
  planFor(method, req).checks.map((c) => `${c.ruleType} ${c.path} ${c.capability}`);

describe("authorization mapping", () => {
  it("maps item methods to item rules", () => {
    expect(checks("CreateSecret", { name: "/app/db" })).toEqual(["item /app/db create"]);
    // Choosing a key uses it: read on the key too.
    expect(checks("CreateSecret", { name: "/app/db", key_name: "/keys/k" })).toEqual([
      "item /app/db create",
      "item /keys/k read",
    ]);
    expect(checks("CreateDfcKey", { name: "/keys/k" })).toEqual(["item /keys/k create"]);
    expect(checks("GetSecretValue", { names: ["/a/1", "/b/2"] })).toEqual([
      "item /a/1 read",
      "item /b/2 read",
    ]);
    for (const m of ["UpdateSecretVal", "RestoreItem", "RotateKey", "RefreshKey"] as const) {
      expect(checks(m, { name: "/a/x" })).toEqual(["item /a/x update"]);
    }
    expect(checks("DeleteItem", { name: "/a/x" })).toEqual(["item /a/x delete"]);
    expect(checks("DescribeItem", { name: "/a/x" })).toEqual(["item /a/x list"]);
    expect(checks("ListItems", { path: "/a" })).toEqual([]);
    for (const m of ["Encrypt", "Decrypt", "Verify", "GetPublicKey"] as const) {
      expect(checks(m, { key_name: "/keys/k" })).toEqual(["item /keys/k read"]);
    }
    // Signing is its own capability: read on a key (verify, its public half) never signs.
    expect(checks("Sign", { key_name: "/keys/k" })).toEqual(["item /keys/k sign"]);
  });

  it("maps roles, auth methods and audit", () => {
    expect(checks("CreateRole", { name: "ops" })).toEqual(["role /ops create"]);
    expect(checks("GetRole", { name: "ops" })).toEqual(["role /ops read"]);
    expect(checks("DeleteRole", { name: "ops" })).toEqual(["role /ops delete"]);
    expect(checks("SetRoleRule", { role_name: "ops" })).toEqual(["role /ops update"]);
    expect(checks("DeleteRoleRule", { role_name: "ops", path: "/a/*" })).toEqual([
      "role /ops update",
    ]);
    expect(checks("AssocRoleAuthMethod", { role_name: "ops", access_id: "p-1" })).toEqual([
      "role /ops update",
    ]);
    expect(checks("CreateAuthMethod", { name: "ci" })).toEqual(["auth-method /ci create"]);
    expect(checks("CreateAuthMethod", { name: "/ci/gh" })).toEqual(["auth-method /ci/gh create"]);
    expect(checks("DeleteAuthMethod", { name: "ci" })).toEqual(["auth-method /ci delete"]);
    expect(checks("GetAuditEvents", {})).toEqual(["audit /events read"]);
    // Verifying the chain reads every record: the same right as reading the events.
    expect(checks("VerifyAuditChain", {})).toEqual(["audit /events read"]);
    // Purging is deleting for good: the same right as deleting.
    expect(checks("PurgeItem", { name: "/a/b" })).toEqual(["item /a/b delete"]);
    expect(checks("DescribePermissions", {})).toEqual([]);
    expect(checks("ClusterStatus", {})).toEqual([]);
  });

  it("refuses bad names before anyone is asked", () => {
    expect(() => planFor("CreateSecret", { name: "" })).toThrow(InvalidArgumentError);
    expect(() => planFor("CreateSecret", { name: "/a/../b" })).toThrow(/name may not contain/);
    expect(() => planFor("GetSecretValue", { names: [] })).toThrow(/names must list/);
    expect(() => planFor("GetSecretValue", { names: ["/a", "/a"] })).toThrow(/more than once/);
    expect(() => planFor("GetSecretValue", { names: ["/a", "b"] })).toThrow(/names\[1\]/);
    expect(() => planFor("Encrypt", { key_name: "" })).toThrow(/key_name is required/);
    expect(() => planFor("CreateSecret", { name: "/a", key_name: "/k é" })).toThrow(/key_name/);
  });
});
