import type { Redis } from "ioredis";
import {
  type Association,
  CAPABILITIES,
  type Capability,
  type Role,
  RULE_TYPES,
  type Rule,
  type RuleType,
} from "./policy-types.js";

/** Where roles, rules and associations live; every change is one atomic Lua script. */
export interface PolicyStore {
  /** False when a role of that name exists. */
  createRole(name: string, description: string, nowMs: number): Promise<boolean>;
  /** The ids of the associations deleted with the role, or undefined when there was no role. */
  deleteRole(name: string): Promise<string[] | undefined>;
  getRole(name: string): Promise<Role | undefined>;
  /** Roles in name order after `after` (exclusive), at most `limit`. */
  listRoles(after: string, limit: number): Promise<Role[]>;
  /** Sets one rule's capabilities; false when the role does not exist. */
  setRule(roleName: string, rule: Rule, nowMs: number): Promise<boolean>;
  deleteRule(
    roleName: string,
    ruleType: RuleType,
    path: string,
    nowMs: number,
  ): Promise<"deleted" | "no-role" | "no-rule">;
  /** The rules of each named role (roles that no longer exist are left out). */
  rulesOf(roleNames: readonly string[]): Promise<Map<string, Rule[]>>;
  /** False when the association's role does not exist. */
  createAssociation(association: Association): Promise<boolean>;
  /** The deleted association, or undefined when there was none. */
  deleteAssociation(id: string): Promise<Association | undefined>;
  listAssociations(filter: { roleName?: string; accessId?: string }): Promise<Association[]>;
}

// Redis layout under the prefix:
//   role:<name>            hash  name, description, createdAtMs, updatedAtMs
//   rules:<name>           hash  "<ruleType> <path>" → comma-separated capabilities
//   roles                  zset  every role name (score 0, so ZRANGEBYLEX pages by name)
//   assoc:<id>             hash  roleName, accessId, json (the whole Association)
//   assocs                 set   every association id
//   role-assocs:<name>     set   association ids of a role
//   access-assocs:<id>     set   association ids of an access id
// Lua scripts touch keys they derive from prefixes passed in ARGV, which is fine on a single
// Redis (and on a replicated one) but would need hash tags on Redis Cluster.

const CREATE_ROLE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'description', ARGV[2], 'createdAtMs', ARGV[3], 'updatedAtMs', ARGV[3])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 1`;

const DELETE_ROLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local ids = redis.call('SMEMBERS', KEYS[3])
for _, id in ipairs(ids) do
  local key = ARGV[2] .. id
  local access = redis.call('HGET', key, 'accessId')
  if access then redis.call('SREM', ARGV[3] .. access, id) end
  redis.call('DEL', key)
  redis.call('SREM', KEYS[5], id)
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[1])
return ids`;

const SET_RULE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[1], 'updatedAtMs', ARGV[3])
return 1`;

const DELETE_RULE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'updatedAtMs', ARGV[2])
return 1`;

const CREATE_ASSOCIATION = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], 'roleName', ARGV[4], 'accessId', ARGV[2], 'json', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('SADD', KEYS[5], ARGV[1])
return 1`;

const DELETE_ASSOCIATION = `
local f = redis.call('HMGET', KEYS[1], 'json', 'roleName', 'accessId')
if not f[1] then return false end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SREM', ARGV[2] .. f[2], ARGV[1])
redis.call('SREM', ARGV[3] .. f[3], ARGV[1])
return f[1]`;

/** A PolicyStore in Redis under `prefix` (e.g. `kf:policy`). */
export function createPolicyStore(redis: Redis, prefix: string): PolicyStore {
  const k = {
    role: (name: string) => `${prefix}:role:${name}`,
    rules: (name: string) => `${prefix}:rules:${name}`,
    roles: `${prefix}:roles`,
    assoc: (id: string) => `${prefix}:assoc:${id}`,
    assocs: `${prefix}:assocs`,
    roleAssocs: (name: string) => `${prefix}:role-assocs:${name}`,
    accessAssocs: (accessId: string) => `${prefix}:access-assocs:${accessId}`,
  };

  async function readRoles(names: readonly string[]): Promise<Role[]> {
    if (names.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const name of names) pipeline.hgetall(k.role(name)).hgetall(k.rules(name));
    const results = await execPipeline(pipeline);
    const roles: Role[] = [];
    names.forEach((name, i) => {
      const meta = results[2 * i] as Record<string, string>;
      const rules = results[2 * i + 1] as Record<string, string>;
      // Deleted between listing and reading: leave it out.
      if (!meta?.name) return;
      roles.push({
        name,
        description: meta.description ?? "",
        rules: decodeRules(rules),
        createdAtMs: Number(meta.createdAtMs),
        updatedAtMs: Number(meta.updatedAtMs),
      });
    });
    return roles;
  }

  async function readAssociations(ids: readonly string[]): Promise<Association[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(k.assoc(id), "json");
    const values = await execPipeline(pipeline);
    return values
      .filter((v): v is string => typeof v === "string")
      .map((v) => JSON.parse(v) as Association)
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  }

  return {
    async createRole(name, description, nowMs) {
      const created = await redis.eval(
        CREATE_ROLE,
        2,
        k.role(name),
        k.roles,
        name,
        description,
        String(nowMs),
      );
      return created === 1;
    },

    async deleteRole(name) {
      const ids = (await redis.eval(
        DELETE_ROLE,
        5,
        k.role(name),
        k.rules(name),
        k.roleAssocs(name),
        k.roles,
        k.assocs,
        name,
        k.assoc(""),
        k.accessAssocs(""),
      )) as string[] | null;
      return ids ?? undefined;
    },

    async getRole(name) {
      const [role] = await readRoles([name]);
      return role;
    },

    async listRoles(after, limit) {
      const names = await redis.zrangebylex(
        k.roles,
        after ? `(${after}` : "-",
        "+",
        "LIMIT",
        0,
        limit,
      );
      return readRoles(names);
    },

    async setRule(roleName, rule, nowMs) {
      const set = await redis.eval(
        SET_RULE,
        2,
        k.role(roleName),
        k.rules(roleName),
        ruleField(rule.ruleType, rule.path),
        encodeCapabilities(rule.capabilities),
        String(nowMs),
      );
      return set === 1;
    },

    async deleteRule(roleName, ruleType, path, nowMs) {
      const result = await redis.eval(
        DELETE_RULE,
        2,
        k.role(roleName),
        k.rules(roleName),
        ruleField(ruleType, path),
        String(nowMs),
      );
      return result === 1 ? "deleted" : result === 0 ? "no-rule" : "no-role";
    },

    async rulesOf(roleNames) {
      const rules = new Map<string, Rule[]>();
      if (roleNames.length === 0) return rules;
      const pipeline = redis.pipeline();
      for (const name of roleNames) pipeline.hgetall(k.rules(name));
      const results = await execPipeline(pipeline);
      roleNames.forEach((name, i) => {
        rules.set(name, decodeRules(results[i] as Record<string, string>));
      });
      return rules;
    },

    async createAssociation(association) {
      const created = await redis.eval(
        CREATE_ASSOCIATION,
        5,
        k.role(association.roleName),
        k.assoc(association.id),
        k.assocs,
        k.roleAssocs(association.roleName),
        k.accessAssocs(association.accessId),
        association.id,
        association.accessId,
        JSON.stringify(association),
        association.roleName,
      );
      return created === 1;
    },

    async deleteAssociation(id) {
      const json = (await redis.eval(
        DELETE_ASSOCIATION,
        2,
        k.assoc(id),
        k.assocs,
        id,
        k.roleAssocs(""),
        k.accessAssocs(""),
      )) as string | null;
      return json === null ? undefined : (JSON.parse(json) as Association);
    },

    async listAssociations({ roleName, accessId }) {
      let ids: string[];
      if (roleName && accessId) {
        ids = await redis.sinter(k.roleAssocs(roleName), k.accessAssocs(accessId));
      } else if (roleName) {
        ids = await redis.smembers(k.roleAssocs(roleName));
      } else if (accessId) {
        ids = await redis.smembers(k.accessAssocs(accessId));
      } else {
        ids = await redis.smembers(k.assocs);
      }
      return readAssociations(ids);
    },
  };
}

/** The hash field of a rule: rule types hold no space, so the first space splits it. */
function ruleField(ruleType: RuleType, path: string): string {
  return `${ruleType} ${path}`;
}

function encodeCapabilities(capabilities: readonly Capability[]): string {
  return CAPABILITIES.filter((c) => capabilities.includes(c)).join(",");
}

function decodeRules(hash: Record<string, string> | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const [field, value] of Object.entries(hash ?? {})) {
    const space = field.indexOf(" ");
    const ruleType = field.slice(0, space) as RuleType;
    // A field this code did not write is ignored rather than trusted.
    if (space < 0 || !RULE_TYPES.includes(ruleType)) continue;
    const capabilities = value
      .split(",")
      .filter((c): c is Capability => (CAPABILITIES as readonly string[]).includes(c));
    rules.push({ ruleType, path: field.slice(space + 1), capabilities });
  }
  return rules.sort(
    (a, b) =>
      RULE_TYPES.indexOf(a.ruleType) - RULE_TYPES.indexOf(b.ruleType) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** Runs a pipeline and returns its results, throwing the first command error. */
async function execPipeline(pipeline: ReturnType<Redis["pipeline"]>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
