/**
 * Which policy checks each public method needs, worked out from its request (validated here,
 * so policy and the services behind never see a malformed name). Pure: no I/O.
 */
import { InvalidArgumentError } from "@keyfrag/rpc";
import { checkItemPath, checkKeyName, namePath } from "../items/item-names.js";
import type { Check, RequestPlan } from "./pipeline.js";

const item = (path: string, capability: Check["capability"]): Check => ({
  ruleType: "item",
  path,
  capability,
});
const role = (path: string, capability: Check["capability"]): Check => ({
  ruleType: "role",
  path,
  capability,
});
const authMethod = (path: string, capability: Check["capability"]): Check => ({
  ruleType: "auth-method",
  path,
  capability,
});

/** Most names one GetSecretValue may ask for. */
export const MAX_NAMES_PER_READ = 100;

/** The request fields the plans read (every gateway request message has some of them). */
export interface PlannedRequest {
  name?: string;
  names?: string[];
  key_name?: string;
  role_name?: string;
  path?: string;
  version?: number;
  access_id?: string;
  rule?: { rule_type?: string; path?: string } | null;
  rule_type?: string;
}

/** Methods whose checks follow from the request alone. */
export const PLANNED_METHODS = [
  "CreateSecret",
  "GetSecretValue",
  "UpdateSecretVal",
  "DeleteItem",
  "RestoreItem",
  "PurgeItem",
  "DestroySecretVersion",
  "DescribeItem",
  "ListItems",
  "CreateDfcKey",
  "Encrypt",
  "Decrypt",
  "Sign",
  "Verify",
  "GetPublicKey",
  "RotateKey",
  "RefreshKey",
  "CreateRole",
  "GetRole",
  "ListRoles",
  "DeleteRole",
  "SetRoleRule",
  "DeleteRoleRule",
  "AssocRoleAuthMethod",
  "CreateAuthMethod",
  "ListAuthMethods",
  "DeleteAuthMethod",
  "DescribePermissions",
  "GetAuditEvents",
  "ExportAuditEvents",
  "VerifyAuditChain",
  "ClusterStatus",
] as const;
export type PlannedMethod = (typeof PLANNED_METHODS)[number];

/**
 * The plan of a request: the audited path and the checks policy must allow. List methods have
 * no up-front check: their answers are filtered item by item (`list` on each).
 */
export function planFor(method: PlannedMethod, req: PlannedRequest): RequestPlan {
  switch (method) {
    case "CreateSecret": {
      const name = checkItemPath(req.name, "name");
      const fields: Record<string, string> = {};
      const checks = [item(name, "create")];
      if (req.key_name) {
        // Choosing a key uses it (its rotation, its customer fragment): as Encrypt would.
        fields.keyName = checkKeyName(req.key_name, "key_name");
        checks.push(item(fields.keyName, "read"));
      }
      return { path: name, checks, fields };
    }
    case "CreateDfcKey": {
      const name = checkKeyName(req.name, "name");
      return { path: name, checks: [item(name, "create")] };
    }
    case "GetSecretValue": {
      const names = req.names ?? [];
      if (names.length === 0) throw new InvalidArgumentError("names must list at least one name");
      if (names.length > MAX_NAMES_PER_READ) {
        throw new InvalidArgumentError(`names may list at most ${MAX_NAMES_PER_READ} names`);
      }
      const checked = names.map((n, i) => checkItemPath(n, `names[${i}]`));
      if (new Set(checked).size !== checked.length) {
        throw new InvalidArgumentError("names lists a name more than once");
      }
      return {
        path: checked[0] ?? "",
        checks: checked.map((n) => item(n, "read")),
        fields: { names: checked.join(","), version: String(req.version ?? 0) },
      };
    }
    case "UpdateSecretVal":
    case "RestoreItem": {
      const name = checkItemPath(req.name, "name");
      return { path: name, checks: [item(name, "update")] };
    }
    case "RotateKey":
    case "RefreshKey": {
      const name = checkKeyName(req.name, "name");
      return { path: name, checks: [item(name, "update")] };
    }
    case "PurgeItem":
    case "DeleteItem": {
      const name = checkItemPath(req.name, "name");
      return { path: name, checks: [item(name, "delete")] };
    }
    case "DestroySecretVersion": {
      const name = checkItemPath(req.name, "name");
      if (!Number.isSafeInteger(req.version) || (req.version ?? 0) < 1) {
        throw new InvalidArgumentError("version must name a version (1 or more)");
      }
      return {
        path: name,
        checks: [item(name, "delete")],
        fields: { version: String(req.version) },
      };
    }
    case "DescribeItem": {
      const name = checkItemPath(req.name, "name");
      return { path: name, checks: [item(name, "list")] };
    }
    case "ListItems": {
      const path = checkItemPath(req.path || "/", "path", true);
      return { path, checks: [] };
    }
    case "Sign": {
      // Apart from read: verifying with a key or reading its public half never signs.
      const name = checkKeyName(req.key_name, "key_name");
      return { path: name, checks: [item(name, "sign")] };
    }
    case "Encrypt":
    case "Decrypt":
    case "Verify":
    case "GetPublicKey": {
      const name = checkKeyName(req.key_name, "key_name");
      return { path: name, checks: [item(name, "read")] };
    }
    case "CreateRole": {
      const path = namePath(req.name, "name");
      return { path, checks: [role(path, "create")] };
    }
    case "GetRole": {
      const path = namePath(req.name, "name");
      return { path, checks: [role(path, "read")] };
    }
    case "DeleteRole": {
      const path = namePath(req.name, "name");
      return { path, checks: [role(path, "delete")] };
    }
    case "SetRoleRule": {
      const path = namePath(req.role_name, "role_name");
      const fields: Record<string, string> = {};
      if (req.rule) {
        fields.ruleType = String(req.rule.rule_type ?? "");
        fields.rulePath = String(req.rule.path ?? "");
      }
      return { path, checks: [role(path, "update")], fields };
    }
    case "DeleteRoleRule": {
      const path = namePath(req.role_name, "role_name");
      return {
        path,
        checks: [role(path, "update")],
        fields: { ruleType: String(req.rule_type ?? ""), rulePath: String(req.path ?? "") },
      };
    }
    case "AssocRoleAuthMethod": {
      const path = namePath(req.role_name, "role_name");
      return {
        path,
        checks: [role(path, "update")],
        fields: { accessId: String(req.access_id ?? "") },
      };
    }
    case "CreateAuthMethod": {
      const path = namePath(req.name, "name");
      return { path, checks: [authMethod(path, "create")] };
    }
    case "DeleteAuthMethod": {
      // Deleting by access id: the handler resolves the name first and passes it here.
      const path = namePath(req.name, "name");
      return { path, checks: [authMethod(path, "delete")] };
    }
    case "ListRoles":
    case "ListAuthMethods":
      return { path: "", checks: [] };
    case "GetAuditEvents":
    case "ExportAuditEvents":
    case "VerifyAuditChain":
      return {
        path: "/events",
        checks: [{ ruleType: "audit", path: "/events", capability: "read" }],
      };
    case "DescribePermissions":
    case "ClusterStatus":
      // Any valid token: one's own permissions, and the cluster's health (no secrets in it).
      return { path: "", checks: [] };
  }
}
