/** The kinds of thing a rule guards. */
export const RULE_TYPES = ["item", "auth-method", "role", "audit"] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/**
 * What a rule may grant; `deny` forbids everything the rule's glob covers and always wins.
 * `sign` (items: DFC signing keys) is apart from `read`: reading a key's public half, verifying
 * or encrypting with it never lets anyone sign with it.
 */
export const CAPABILITIES = ["create", "read", "update", "delete", "list", "sign", "deny"] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A capability a caller can ask for (`deny` is a rule's verdict, never a request). */
export type RequestedCapability = Exclude<Capability, "deny">;

/** One rule of a role: a path glob of one rule type and the capabilities it grants (or deny). */
export interface Rule {
  ruleType: RuleType;
  path: string;
  capabilities: Capability[];
}

export interface Role {
  name: string;
  description: string;
  /** Sorted by rule type, then path. */
  rules: Rule[];
  createdAtMs: number;
  updatedAtMs: number;
}

/** Claim name → accepted values. */
export type SubClaims = Record<string, string[]>;

/** A role granted to the identities of one auth method (optionally only some of them). */
export interface Association {
  id: string;
  roleName: string;
  accessId: string;
  subClaims: SubClaims;
  caseSensitive: boolean;
  createdAtMs: number;
}

/** Who is asking: the access id of the auth method that vouched for them, and its sub-claims. */
export interface Identity {
  accessId: string;
  authMethod?: string;
  authType?: string;
  subClaims: SubClaims;
}

/** The answer to "may this identity do this": and why, in one readable line. */
export interface Decision {
  allowed: boolean;
  /** The role and rule that decided; absent when no rule matched (denied by default). */
  roleName?: string;
  rule?: Rule;
  reason: string;
}

/** The roles an identity holds, each with the association that brought it. */
export interface RolePermissions {
  roleName: string;
  associationId: string;
  rules: Rule[];
}

/** What changed, as published on `subjects(cluster).policyChanged`. */
export type PolicyChange =
  | { kind: "role-created" | "role-deleted"; role: string; associationIds?: string[] }
  | { kind: "rule-set" | "rule-deleted"; role: string; ruleType: RuleType; path: string }
  | {
      kind: "association-created" | "association-deleted";
      role: string;
      associationId: string;
      accessId: string;
    };
