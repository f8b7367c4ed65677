import { randomBytes } from "node:crypto";
import { ConflictError, InvalidArgumentError, NotFoundError, quote } from "@keyfrag/rpc";
import { globMatches, validatePath } from "./path-glob.js";
import type { PolicyStore } from "./policy-store.js";
import {
  type Association,
  CAPABILITIES,
  type Capability,
  type Decision,
  type Identity,
  type PolicyChange,
  type RequestedCapability,
  type Role,
  type RolePermissions,
  RULE_TYPES,
  type Rule,
  type RuleType,
  type SubClaims,
} from "./policy-types.js";

/** Roles, rules, associations, and the decisions drawn from them. */
export interface PolicyService {
  createRole(input: { name: string; description?: string }): Promise<Role>;
  getRole(name: string): Promise<Role>;
  listRoles(input: {
    pageSize?: number;
    pageToken?: string;
  }): Promise<{ roles: Role[]; nextPageToken: string }>;
  /** Deletes the role and every association to it. */
  deleteRole(name: string): Promise<void>;
  /** Replaces the capabilities of the role's (ruleType, path) rule, or adds the rule. */
  setRoleRule(
    roleName: string,
    rule: { ruleType: string; path: string; capabilities: readonly string[] },
  ): Promise<Role>;
  deleteRoleRule(roleName: string, ruleType: string, path: string): Promise<Role>;
  assocRoleAuthMethod(input: {
    roleName: string;
    accessId: string;
    subClaims?: SubClaims;
    caseSensitive?: boolean;
  }): Promise<Association>;
  deleteAssociation(id: string): Promise<void>;
  listAssociations(filter: { roleName?: string; accessId?: string }): Promise<Association[]>;
  /** May `identity` use `capability` on the `ruleType` thing at `path`? Deny wins; nothing is open by default. */
  authorize(
    identity: Identity,
    ruleType: string,
    path: string,
    capability: string,
  ): Promise<Decision>;
  /** The roles `identity` holds (with the association that brought each) and their rules. */
  describePermissions(identity: Identity): Promise<RolePermissions[]>;
}

export interface PolicyServiceDeps {
  store: PolicyStore;
  /** Tells every decision cache that policy changed; called after the change is stored. */
  publish: (change: PolicyChange) => void;
  now?: () => number;
}

const ROLE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const ACCESS_ID = /^p-[A-Za-z0-9_-]{1,128}$/;
const ASSOCIATION_ID = /^ac-[A-Za-z0-9]{1,64}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: claim names must be printable.
const CLAIM_NAME = /^[^\u0000-\u001f\u007f]{1,128}$/;
const MAX_DESCRIPTION = 1_000;
const MAX_CLAIMS = 64;
const MAX_CLAIM_VALUES = 1_000;
const MAX_CLAIM_VALUE = 1_024;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1_000;
const REQUESTABLE: readonly string[] = CAPABILITIES.filter((c) => c !== "deny");

/** A PolicyService over a store, publishing every change. */
export function createPolicyService(deps: PolicyServiceDeps): PolicyService {
  const { store, publish } = deps;
  const now = deps.now ?? Date.now;

  async function getRole(name: string): Promise<Role> {
    const role = await store.getRole(roleName(name));
    if (!role) throw new NotFoundError(`role ${JSON.stringify(name)} does not exist`);
    return role;
  }

  /** The associations that grant roles to this identity, and how many its access id has. */
  async function matchingAssociations(
    identity: Identity,
  ): Promise<{ matching: Association[]; ofAccessId: number }> {
    const all = await store.listAssociations({ accessId: identity.accessId });
    return {
      matching: all.filter((a) => subClaimsMatch(a, identity.subClaims)),
      ofAccessId: all.length,
    };
  }

  return {
    async createRole(input) {
      const name = roleName(input.name);
      const description = input.description ?? "";
      if (description.length > MAX_DESCRIPTION) {
        throw new InvalidArgumentError(`description is longer than ${MAX_DESCRIPTION} characters`);
      }
      if (!(await store.createRole(name, description, now()))) {
        throw new ConflictError(`role ${JSON.stringify(name)} already exists`);
      }
      publish({ kind: "role-created", role: name });
      return getRole(name);
    },

    getRole,

    async listRoles(input) {
      const pageSize = input.pageSize || DEFAULT_PAGE_SIZE;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new InvalidArgumentError(`page_size must be between 1 and ${MAX_PAGE_SIZE}`);
      }
      const after = input.pageToken ? roleName(input.pageToken, "page_token") : "";
      // One more than asked tells whether another page exists.
      const roles = await store.listRoles(after, pageSize + 1);
      const page = roles.slice(0, pageSize);
      const last = page.at(-1);
      return { roles: page, nextPageToken: roles.length > pageSize && last ? last.name : "" };
    },

    async deleteRole(name) {
      const deleted = await store.deleteRole(roleName(name));
      if (!deleted) throw new NotFoundError(`role ${JSON.stringify(name)} does not exist`);
      publish({ kind: "role-deleted", role: name, associationIds: deleted });
    },

    async setRoleRule(name, input) {
      const role = roleName(name, "role_name");
      const rule = validateRule(input);
      if (!(await store.setRule(role, rule, now()))) {
        throw new NotFoundError(`role ${JSON.stringify(role)} does not exist`);
      }
      publish({ kind: "rule-set", role, ruleType: rule.ruleType, path: rule.path });
      return getRole(role);
    },

    async deleteRoleRule(name, type, rulePath) {
      const role = roleName(name, "role_name");
      const type_ = ruleType(type);
      const path = validatePath(rulePath, "path");
      const result = await store.deleteRule(role, type_, path, now());
      if (result === "no-role")
        throw new NotFoundError(`role ${JSON.stringify(role)} does not exist`);
      if (result === "no-rule") {
        throw new NotFoundError(`role ${JSON.stringify(role)} has no ${type_} rule on ${path}`);
      }
      publish({ kind: "rule-deleted", role, ruleType: type_, path });
      return getRole(role);
    },

    async assocRoleAuthMethod(input) {
      const association: Association = {
        id: `ac-${randomBytes(12).toString("hex")}`,
        roleName: roleName(input.roleName, "role_name"),
        accessId: accessId(input.accessId, "access_id"),
        subClaims: validateSubClaims(input.subClaims ?? {}, "sub_claims", true),
        caseSensitive: input.caseSensitive ?? false,
        createdAtMs: now(),
      };
      if (!(await store.createAssociation(association))) {
        throw new NotFoundError(`role ${JSON.stringify(association.roleName)} does not exist`);
      }
      publish({
        kind: "association-created",
        role: association.roleName,
        associationId: association.id,
        accessId: association.accessId,
      });
      return association;
    },

    async deleteAssociation(id) {
      if (typeof id !== "string" || !ASSOCIATION_ID.test(id)) {
        throw new InvalidArgumentError("id must be an association id (ac-…)");
      }
      const deleted = await store.deleteAssociation(id);
      if (!deleted) throw new NotFoundError(`association ${id} does not exist`);
      publish({
        kind: "association-deleted",
        role: deleted.roleName,
        associationId: id,
        accessId: deleted.accessId,
      });
    },

    async listAssociations(filter) {
      return store.listAssociations({
        ...(filter.roleName ? { roleName: roleName(filter.roleName, "role_name") } : {}),
        ...(filter.accessId ? { accessId: accessId(filter.accessId, "access_id") } : {}),
      });
    },

    async authorize(rawIdentity, type, rawPath, rawCapability) {
      const identity = validateIdentity(rawIdentity);
      const ruleType_ = ruleType(type);
      const path = validatePath(rawPath, "path");
      // A requested path names one thing; a `*` in it would be matched literally by rules but
      // could be read as a pattern by whoever acts on the decision.
      if (path.includes("*")) {
        throw new InvalidArgumentError(
          `path may not contain "*" (globs belong in rules): ${quote(path)}`,
        );
      }
      const capability = requestedCapability(rawCapability);
      const what = `${capability} on ${ruleType_} ${path}`;

      const { matching: associations, ofAccessId } = await matchingAssociations(identity);
      const roleNames = [...new Set(associations.map((a) => a.roleName))].sort();
      if (roleNames.length === 0) {
        const why =
          ofAccessId === 0
            ? `no role is associated with access id ${identity.accessId}`
            : `the sub-claims match none of the ${ofAccessId} associations of access id ${identity.accessId}`;
        return { allowed: false, reason: `no rule of any role grants ${what}: ${why}` };
      }
      const rulesByRole = await store.rulesOf(roleNames);
      const matching: { roleName: string; rule: Rule }[] = [];
      for (const name of roleNames) {
        for (const rule of rulesByRole.get(name) ?? []) {
          if (rule.ruleType === ruleType_ && globMatches(rule.path, path)) {
            matching.push({ roleName: name, rule });
          }
        }
      }
      // A rule naming the path itself, then the most specific (longest) glob names the
      // decision, so the reason points at the rule a person would look at first (and callers
      // that need an explicit grant can tell it from a glob's).
      matching.sort(
        (a, b) =>
          Number(b.rule.path === path) - Number(a.rule.path === path) ||
          b.rule.path.length - a.rule.path.length,
      );
      const deny = matching.find((m) => m.rule.capabilities.includes("deny"));
      if (deny) {
        return {
          allowed: false,
          roleName: deny.roleName,
          rule: deny.rule,
          reason: `${what} denied by role ${JSON.stringify(deny.roleName)}: rule deny on ${ruleType_} ${deny.rule.path}`,
        };
      }
      const grant = matching.find((m) => m.rule.capabilities.includes(capability));
      if (grant) {
        return {
          allowed: true,
          roleName: grant.roleName,
          rule: grant.rule,
          reason: `${what} allowed by role ${JSON.stringify(grant.roleName)}: rule ${ruleType_} ${grant.rule.path} grants ${grant.rule.capabilities.join(", ")}`,
        };
      }
      return { allowed: false, reason: `no rule of any role grants ${what}` };
    },

    async describePermissions(rawIdentity) {
      const identity = validateIdentity(rawIdentity);
      const brought = new Map<string, string>();
      for (const a of (await matchingAssociations(identity)).matching) {
        if (!brought.has(a.roleName)) brought.set(a.roleName, a.id);
      }
      const names = [...brought.keys()].sort();
      const rulesByRole = await store.rulesOf(names);
      return names.map((name) => ({
        roleName: name,
        associationId: brought.get(name) ?? "",
        rules: rulesByRole.get(name) ?? [],
      }));
    },
  };
}

/** Every claim the association lists must have at least one identity value among its values. */
export function subClaimsMatch(association: Association, held: SubClaims): boolean {
  // ASCII folding only: Unicode case mapping would make e.g. the Kelvin sign "K" match "k",
  // letting a name an identity provider treats as different pass for another.
  const fold = (v: string) =>
    association.caseSensitive ? v : v.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const [claim, accepted] of Object.entries(association.subClaims)) {
    // hasOwn: a claim named like an Object.prototype member must not match that member.
    const values = Object.hasOwn(held, claim) ? (held[claim] ?? []) : [];
    const wanted = new Set(accepted.map(fold));
    if (!values.some((v) => wanted.has(fold(v)))) return false;
  }
  return true;
}

function roleName(value: string, field = "name"): string {
  if (typeof value !== "string" || !ROLE_NAME.test(value)) {
    throw new InvalidArgumentError(`${field} must be 1-100 characters of A-Z a-z 0-9 . _ -`);
  }
  return value;
}

function accessId(value: string, field: string): string {
  if (typeof value !== "string" || value === "")
    throw new InvalidArgumentError(`${field} is required`);
  if (!ACCESS_ID.test(value)) {
    throw new InvalidArgumentError(`${field} must be an auth method access id (p-…)`);
  }
  return value;
}

function ruleType(value: string, field = "rule_type"): RuleType {
  if (!(RULE_TYPES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${field} must be one of ${RULE_TYPES.join(", ")} (got ${quote(value)})`,
    );
  }
  return value as RuleType;
}

function requestedCapability(value: string): RequestedCapability {
  if (!REQUESTABLE.includes(value)) {
    throw new InvalidArgumentError(
      `capability must be one of ${REQUESTABLE.join(", ")} (got ${quote(value)})`,
    );
  }
  return value as RequestedCapability;
}

function validateRule(input: {
  ruleType: string;
  path: string;
  capabilities: readonly string[];
}): Rule {
  const type = ruleType(input.ruleType, "rule.rule_type");
  const path = validatePath(input.path, "rule.path");
  if (!Array.isArray(input.capabilities) || input.capabilities.length === 0) {
    throw new InvalidArgumentError(
      "rule.capabilities must list at least one capability (DeleteRoleRule removes a rule)",
    );
  }
  for (const c of input.capabilities) {
    if (!(CAPABILITIES as readonly string[]).includes(c)) {
      throw new InvalidArgumentError(
        `rule.capabilities: unknown capability ${quote(c)} (one of ${CAPABILITIES.join(", ")})`,
      );
    }
  }
  const capabilities = CAPABILITIES.filter((c) => input.capabilities.includes(c)) as Capability[];
  return { ruleType: type, path, capabilities };
}

function validateSubClaims(input: SubClaims, field: string, restriction: boolean): SubClaims {
  if (typeof input !== "object" || input === null) {
    throw new InvalidArgumentError(`${field} must be a map of claim names to values`);
  }
  const entries = Object.entries(input);
  if (entries.length > MAX_CLAIMS) {
    throw new InvalidArgumentError(`${field} has more than ${MAX_CLAIMS} claims`);
  }
  for (const [claim, values] of entries) {
    if (!CLAIM_NAME.test(claim)) {
      throw new InvalidArgumentError(`${field}: claim names must be 1-128 printable characters`);
    }
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
      throw new InvalidArgumentError(`${field}.${claim} must be a list of strings`);
    }
    // A restriction with no value could never match: surely a mistake, not a wish.
    if (restriction && values.length === 0) {
      throw new InvalidArgumentError(`${field}.${claim} must list at least one value`);
    }
    if (values.length > MAX_CLAIM_VALUES) {
      throw new InvalidArgumentError(`${field}.${claim} has more than ${MAX_CLAIM_VALUES} values`);
    }
    if (values.some((v) => v.length > MAX_CLAIM_VALUE || (restriction && v === ""))) {
      throw new InvalidArgumentError(
        `${field}.${claim} values must be 1-${MAX_CLAIM_VALUE} characters`,
      );
    }
  }
  return Object.fromEntries(entries.map(([claim, values]) => [claim, [...values]]));
}

function validateIdentity(identity: Identity | undefined): Identity {
  if (!identity) throw new InvalidArgumentError("identity is required");
  return {
    ...identity,
    accessId: accessId(identity.accessId, "identity.access_id"),
    subClaims: validateSubClaims(identity.subClaims ?? {}, "identity.sub_claims", false),
  };
}
