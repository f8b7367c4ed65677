import {
  type Association as AssociationMessage,
  forRoles,
  type Identity__Output,
  InvalidArgumentError,
  type Logger,
  type NodeRole,
  type PolicyHandlers,
  type Role as RoleMessage,
  type Rule as RuleMessage,
  type StringList__Output,
} from "@keyfrag/rpc";
import type { PolicyService } from "./policy/policy-service.js";
import type { Association, Identity, Role, Rule, SubClaims } from "./policy/policy-types.js";

/**
 * Changing policy: the gateway (on behalf of authorized users) and auth (which bootstraps the
 * admin role). Reading it and asking for decisions: every service that enforces or reports it.
 */
const WRITERS = ["gateway", "auth"] as const satisfies readonly NodeRole[];
const READERS = [
  "gateway",
  "auth",
  "secrets",
  "producers",
  "audit",
] as const satisfies readonly NodeRole[];

/** The `keyfrag.v1.Policy` gRPC service over a PolicyService. */
export function policyHandlers(deps: { policy: PolicyService; logger: Logger }): PolicyHandlers {
  const { policy, logger } = deps;
  const read = forRoles(READERS, logger);
  const write = forRoles(WRITERS, logger);

  return {
    CreateRole: write(async (req) =>
      roleMessage(await policy.createRole({ name: req.name, description: req.description })),
    ),
    GetRole: read(async (req) => roleMessage(await policy.getRole(req.name))),
    ListRoles: read(async (req) => {
      const page = await policy.listRoles({ pageSize: req.page_size, pageToken: req.page_token });
      return { roles: page.roles.map(roleMessage), next_page_token: page.nextPageToken };
    }),
    DeleteRole: write(async (req) => {
      await policy.deleteRole(req.name);
      return {};
    }),
    SetRoleRule: write(async (req) => {
      if (!req.rule) throw new InvalidArgumentError("rule is required");
      return roleMessage(
        await policy.setRoleRule(req.role_name, {
          ruleType: req.rule.rule_type,
          path: req.rule.path,
          capabilities: req.rule.capabilities,
        }),
      );
    }),
    DeleteRoleRule: write(async (req) =>
      roleMessage(await policy.deleteRoleRule(req.role_name, req.rule_type, req.path)),
    ),
    AssocRoleAuthMethod: write(async (req) =>
      associationMessage(
        await policy.assocRoleAuthMethod({
          roleName: req.role_name,
          accessId: req.access_id,
          subClaims: subClaimsFromMessage(req.sub_claims),
          caseSensitive: req.case_sensitive,
        }),
      ),
    ),
    DeleteAssociation: write(async (req) => {
      await policy.deleteAssociation(req.id);
      return {};
    }),
    ListAssociations: read(async (req) => ({
      associations: (
        await policy.listAssociations({ roleName: req.role_name, accessId: req.access_id })
      ).map(associationMessage),
    })),
    Authorize: read(async (req) => {
      const decision = await policy.authorize(
        identityFromMessage(req.identity),
        req.rule_type,
        req.path,
        req.capability,
      );
      return {
        allowed: decision.allowed,
        role_name: decision.roleName ?? "",
        rule: decision.rule ? ruleMessage(decision.rule) : null,
        reason: decision.reason,
      };
    }),
    DescribePermissions: read(async (req) => ({
      roles: (await policy.describePermissions(identityFromMessage(req.identity))).map((r) => ({
        role_name: r.roleName,
        association_id: r.associationId,
        rules: r.rules.map(ruleMessage),
      })),
    })),
  };
}

/** The domain Identity of a request's identity message (validated by the service). */
export function identityFromMessage(message: Identity__Output | null): Identity {
  if (!message) throw new InvalidArgumentError("identity is required");
  return {
    accessId: message.access_id,
    authMethod: message.auth_method,
    authType: message.auth_type,
    subClaims: subClaimsFromMessage(message.sub_claims),
  };
}

function subClaimsFromMessage(
  message: { [claim: string]: StringList__Output } | undefined,
): SubClaims {
  return Object.fromEntries(
    Object.entries(message ?? {}).map(([claim, list]) => [claim, [...(list?.values ?? [])]]),
  );
}

function ruleMessage(rule: Rule): RuleMessage {
  return { rule_type: rule.ruleType, path: rule.path, capabilities: rule.capabilities };
}

function roleMessage(role: Role): RoleMessage {
  return {
    name: role.name,
    description: role.description,
    rules: role.rules.map(ruleMessage),
    created_at_ms: String(role.createdAtMs),
    updated_at_ms: String(role.updatedAtMs),
  };
}

function associationMessage(a: Association): AssociationMessage {
  return {
    id: a.id,
    role_name: a.roleName,
    access_id: a.accessId,
    sub_claims: Object.fromEntries(
      Object.entries(a.subClaims).map(([claim, values]) => [claim, { values }]),
    ),
    case_sensitive: a.caseSensitive,
    created_at_ms: String(a.createdAtMs),
  };
}
