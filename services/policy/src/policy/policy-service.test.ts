import {
  ConflictError,
  InvalidArgumentError,
  type KeyfragError,
  NotFoundError,
} from "@keyfrag/rpc";
import { testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPolicyService, type PolicyService } from "./policy-service.js";
import { createPolicyStore } from "./policy-store.js";
import type { Identity, PolicyChange } from "./policy-types.js";

type Redis = Awaited<ReturnType<typeof testRedis>>;
let redis: Redis;
let policy: PolicyService;
const changes: PolicyChange[] = [];

const who = (accessId: string, subClaims: Record<string, string[]> = {}): Identity => ({
  accessId,
  subClaims,
});
const reader = who("p-reader");
const readerOps = who("p-reader", { groups: ["ops"] });
const devExact = who("p-jwt", { groups: ["Dev"], project: ["kf"] });
const devWrongCase = who("p-jwt", { groups: ["dev"], project: ["kf"] });
const devNoProject = who("p-jwt", { groups: ["Dev"] });
const dba = who("p-jwt", { groups: ["other", "DBA-ONCALL"] });
const auditor = who("p-audit");
const stranger = who("p-stranger");

beforeAll(async () => {
  redis = await testRedis();
  policy = createPolicyService({
    store: createPolicyStore(redis.client, redis.prefix),
    publish: (c) => changes.push(c),
  });
  const roles: Record<string, [string, string, string[]][]> = {
    "prod-reader": [
      ["item", "/prod/*", ["read", "list"]],
      ["item", "/prod/private/*", ["deny"]],
      ["auth-method", "/*", ["read"]],
    ],
    "root-item": [["item", "/prod", ["read"]]],
    "dev-team": [["item", "/dev/*", ["create", "read", "update", "delete", "list"]]],
    "prod-db-admin": [["item", "/prod/db/postgres-*", ["read", "update", "delete"]]],
    "legacy-deny": [["item", "/prod/db/postgres-legacy", ["deny"]]],
    "audit-reader": [["audit", "/*", ["read"]]],
  };
  for (const [name, rules] of Object.entries(roles)) {
    await policy.createRole({ name, description: `${name} for tests` });
    for (const [ruleType, path, capabilities] of rules) {
      await policy.setRoleRule(name, { ruleType, path, capabilities });
    }
  }
  const assoc = (
    roleName: string,
    accessId: string,
    subClaims?: Record<string, string[]>,
    caseSensitive?: boolean,
  ) =>
    policy.assocRoleAuthMethod({
      roleName,
      accessId,
      ...(subClaims ? { subClaims } : {}),
      ...(caseSensitive !== undefined ? { caseSensitive } : {}),
    });
  await assoc("prod-reader", "p-reader");
  await assoc("root-item", "p-reader", { groups: ["Ops"] });
  await assoc("dev-team", "p-jwt", { groups: ["Dev"], project: ["kf"] }, true);
  await assoc("prod-db-admin", "p-jwt", { groups: ["DBA", "dba-oncall"] });
  await assoc("legacy-deny", "p-jwt");
  await assoc("audit-reader", "p-audit");
});

afterAll(async () => {
  await redis?.[Symbol.asyncDispose]();
});

describe("the policy matrix", () => {
  // [who, rule type, path, capability, allowed, deciding role ("" = denied by default)]
  const matrix: [string, Identity, string, string, string, boolean, string][] = [
    ["reader", reader, "item", "/prod/x", "read", true, "prod-reader"],
    ["reader", reader, "item", "/prod/a/b/c", "list", true, "prod-reader"],
    ["reader", reader, "item", "/prod/x", "update", false, ""],
    ["reader", reader, "item", "/prod/x", "create", false, ""],
    ["reader", reader, "item", "/prod", "read", false, ""],
    ["reader", reader, "item", "/production/x", "read", false, ""],
    ["reader", reader, "item", "/prod/private/k", "read", false, "prod-reader"],
    ["reader", reader, "auth-method", "/methods/x", "read", true, "prod-reader"],
    ["reader", reader, "role", "/methods/x", "read", false, ""],
    ["reader", reader, "audit", "/prod/x", "read", false, ""],
    ["readerOps", readerOps, "item", "/prod", "read", true, "root-item"],
    ["readerOps", readerOps, "item", "/prod", "list", false, ""],
    ["devExact", devExact, "item", "/dev/app/key", "create", true, "dev-team"],
    ["devExact", devExact, "item", "/dev/app/key", "delete", true, "dev-team"],
    ["devExact", devExact, "item", "/prod/x", "read", false, ""],
    ["devExact", devExact, "item", "/prod/db/postgres-legacy", "read", false, "legacy-deny"],
    ["devWrongCase", devWrongCase, "item", "/dev/app/key", "create", false, ""],
    ["devNoProject", devNoProject, "item", "/dev/app/key", "read", false, ""],
    ["dba", dba, "item", "/prod/db/postgres-main", "update", true, "prod-db-admin"],
    ["dba", dba, "item", "/prod/db/postgres-main", "create", false, ""],
    ["dba", dba, "item", "/prod/db/postgres-legacy", "read", false, "legacy-deny"],
    ["dba", dba, "item", "/prod/db/mysql-main", "read", false, ""],
    ["dba", dba, "item", "/dev/app/key", "read", false, ""],
    ["auditor", auditor, "audit", "/2026/11/x", "read", true, "audit-reader"],
    ["auditor", auditor, "audit", "/2026/11/x", "delete", false, ""],
    ["auditor", auditor, "item", "/2026/11/x", "read", false, ""],
    ["stranger", stranger, "item", "/prod/x", "read", false, ""],
  ];

  it.each(matrix)("%s: %s %s %s → allowed %s by %j", async (_n, id, type, path, cap, ok, role) => {
    const decision = await policy.authorize(id, type, path, cap);
    expect(decision.allowed).toBe(ok);
    expect(decision.roleName ?? "").toBe(role);
    if (role) {
      expect(decision.rule?.ruleType).toBe(type);
      expect(decision.reason).toContain(`role "${role}"`);
      expect(decision.reason).toContain(decision.rule?.path);
    } else {
      expect(decision.rule).toBeUndefined();
      expect(decision.reason).toContain(`no rule of any role grants ${cap} on ${type} ${path}`);
    }
  });

  it("says why an identity holds no role", async () => {
    const none = await policy.authorize(stranger, "item", "/prod/x", "read");
    expect(none.reason).toContain("no role is associated with access id p-stranger");
    await policy.assocRoleAuthMethod({
      roleName: "dev-team",
      accessId: "p-restricted",
      subClaims: { groups: ["dev"] },
    });
    const unmatched = await policy.authorize(
      who("p-restricted", { groups: ["ops"] }),
      "item",
      "/dev/app/key",
      "read",
    );
    expect(unmatched.allowed).toBe(false);
    expect(unmatched.reason).toContain("the sub-claims match none of the 1 associations");
  });

  it("folds only ASCII case: a look-alike Unicode letter is another value", async () => {
    await policy.assocRoleAuthMethod({
      roleName: "prod-reader",
      accessId: "p-folding",
      subClaims: { user: ["kim"] },
    });
    const read = (user: string) =>
      policy.authorize(who("p-folding", { user: [user] }), "item", "/prod/x", "read");
    expect((await read("KIM")).allowed).toBe(true);
    // U+212A KELVIN SIGN lower-cases to "k" under Unicode rules.
    expect((await read("\u212Aim")).allowed).toBe(false);
  });

  it("refuses a pattern as the path of a decision", async () => {
    await expect(policy.authorize(reader, "item", "/prod/*", "read")).rejects.toThrow(
      /path may not contain "\*"/,
    );
  });

  it("names the deny rule even when another role allows", async () => {
    const decision = await policy.authorize(dba, "item", "/prod/db/postgres-legacy", "update");
    expect(decision).toMatchObject({
      allowed: false,
      roleName: "legacy-deny",
      rule: { ruleType: "item", path: "/prod/db/postgres-legacy", capabilities: ["deny"] },
    });
    expect(decision.reason).toContain("denied");
  });

  it("describes an identity's roles, the associations that brought them, and their rules", async () => {
    const roles = await policy.describePermissions(dba);
    expect(roles.map((r) => r.roleName)).toEqual(["legacy-deny", "prod-db-admin"]);
    expect(roles.every((r) => r.associationId.startsWith("ac-"))).toBe(true);
    expect(roles[1]?.rules).toEqual([
      { ruleType: "item", path: "/prod/db/postgres-*", capabilities: ["read", "update", "delete"] },
    ]);
    expect(await policy.describePermissions(stranger)).toEqual([]);
  });
});

describe("changing policy", () => {
  it("replaces a rule's capabilities, deletes rules, and publishes every change", async () => {
    await policy.createRole({ name: "editor" });
    const before = changes.length;
    await policy.setRoleRule("editor", { ruleType: "item", path: "/e/*", capabilities: ["read"] });
    const role = await policy.setRoleRule("editor", {
      ruleType: "item",
      path: "/e/*",
      capabilities: ["list", "update", "list"],
    });
    expect(role.rules).toEqual([
      { ruleType: "item", path: "/e/*", capabilities: ["update", "list"] },
    ]);
    const after = await policy.deleteRoleRule("editor", "item", "/e/*");
    expect(after.rules).toEqual([]);
    expect(changes.slice(before)).toEqual([
      { kind: "rule-set", role: "editor", ruleType: "item", path: "/e/*" },
      { kind: "rule-set", role: "editor", ruleType: "item", path: "/e/*" },
      { kind: "rule-deleted", role: "editor", ruleType: "item", path: "/e/*" },
    ]);
  });

  it("deleting a role deletes its associations", async () => {
    await policy.createRole({ name: "doomed" });
    await policy.setRoleRule("doomed", { ruleType: "item", path: "/*", capabilities: ["read"] });
    const a = await policy.assocRoleAuthMethod({ roleName: "doomed", accessId: "p-doomed" });
    expect((await policy.authorize(who("p-doomed"), "item", "/x", "read")).allowed).toBe(true);
    await policy.deleteRole("doomed");
    expect(changes.at(-1)).toEqual({
      kind: "role-deleted",
      role: "doomed",
      associationIds: [a.id],
    });
    expect(await policy.listAssociations({ accessId: "p-doomed" })).toEqual([]);
    expect((await policy.authorize(who("p-doomed"), "item", "/x", "read")).allowed).toBe(false);
    await expect(policy.deleteAssociation(a.id)).rejects.toThrow(NotFoundError);
  });

  it("deletes associations and lists them by role and access id", async () => {
    await policy.createRole({ name: "temp" });
    const a = await policy.assocRoleAuthMethod({ roleName: "temp", accessId: "p-temp" });
    const b = await policy.assocRoleAuthMethod({
      roleName: "temp",
      accessId: "p-temp",
      subClaims: { team: ["x"] },
      caseSensitive: true,
    });
    const ids = (await policy.listAssociations({ roleName: "temp" })).map((x) => x.id);
    expect(ids.sort()).toEqual([a.id, b.id].sort());
    await policy.deleteAssociation(a.id);
    expect(await policy.listAssociations({ roleName: "temp", accessId: "p-temp" })).toEqual([b]);
    expect(changes.at(-1)).toMatchObject({ kind: "association-deleted", associationId: a.id });
  });

  it("pages through roles in name order", async () => {
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await policy.listRoles({ pageSize: 3, pageToken });
      expect(page.roles.length).toBeLessThanOrEqual(3);
      seen.push(...page.roles.map((r) => r.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain("prod-reader");
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("loses no rule when many SetRoleRule run at once over separate connections", async () => {
    await policy.createRole({ name: "busy" });
    const other = createPolicyService({
      store: createPolicyStore(redis.client.duplicate(), redis.prefix),
      publish: () => {},
    });
    const paths = Array.from({ length: 40 }, (_, i) => `/busy/${i}/*`);
    await Promise.all(
      paths.map((path, i) =>
        (i % 2 ? other : policy).setRoleRule("busy", {
          ruleType: "item",
          path,
          capabilities: ["read"],
        }),
      ),
    );
    const role = await policy.getRole("busy");
    expect(role.rules.map((r) => r.path).sort()).toEqual([...paths].sort());
  });
});

describe("bad input", () => {
  const valid = { ruleType: "item", path: "/x", capabilities: ["read"] };
  const cases: [string, () => Promise<unknown>, new (m: string) => KeyfragError, string][] = [
    ["role name", () => policy.createRole({ name: "bad name!" }), InvalidArgumentError, "name"],
    [
      "long role name",
      () => policy.createRole({ name: "a".repeat(101) }),
      InvalidArgumentError,
      "name",
    ],
    [
      "duplicate role",
      () => policy.createRole({ name: "prod-reader" }),
      ConflictError,
      "already exists",
    ],
    ["missing role", () => policy.getRole("nope"), NotFoundError, '"nope" does not exist'],
    ["delete missing role", () => policy.deleteRole("nope"), NotFoundError, "does not exist"],
    [
      "rule on missing role",
      () => policy.setRoleRule("nope", valid),
      NotFoundError,
      "does not exist",
    ],
    [
      "unknown capability",
      () => policy.setRoleRule("editor", { ...valid, capabilities: ["read", "sudo"] }),
      InvalidArgumentError,
      'rule.capabilities: unknown capability "sudo"',
    ],
    [
      "no capability",
      () => policy.setRoleRule("editor", { ...valid, capabilities: [] }),
      InvalidArgumentError,
      "rule.capabilities",
    ],
    [
      "unknown rule type",
      () => policy.setRoleRule("editor", { ...valid, ruleType: "secret" }),
      InvalidArgumentError,
      "rule.rule_type",
    ],
    [
      "bad glob",
      () => policy.setRoleRule("editor", { ...valid, path: "/prod/../x" }),
      InvalidArgumentError,
      "rule.path",
    ],
    [
      "relative glob",
      () => policy.setRoleRule("editor", { ...valid, path: "prod/*" }),
      InvalidArgumentError,
      "rule.path",
    ],
    [
      "missing rule",
      () => policy.deleteRoleRule("editor", "item", "/never"),
      NotFoundError,
      "has no item rule on /never",
    ],
    [
      "assoc to missing role",
      () => policy.assocRoleAuthMethod({ roleName: "nope", accessId: "p-x" }),
      NotFoundError,
      "does not exist",
    ],
    [
      "assoc without access id",
      () => policy.assocRoleAuthMethod({ roleName: "temp", accessId: "" }),
      InvalidArgumentError,
      "access_id is required",
    ],
    [
      "assoc with bad access id",
      () => policy.assocRoleAuthMethod({ roleName: "temp", accessId: "x-1" }),
      InvalidArgumentError,
      "access_id",
    ],
    [
      "assoc with empty claim",
      () =>
        policy.assocRoleAuthMethod({
          roleName: "temp",
          accessId: "p-x",
          subClaims: { groups: [] },
        }),
      InvalidArgumentError,
      "sub_claims.groups",
    ],
    ["bad association id", () => policy.deleteAssociation("nope"), InvalidArgumentError, "id"],
    [
      "missing association",
      () => policy.deleteAssociation("ac-0123456789abcdef01234567"),
      NotFoundError,
      "does not exist",
    ],
    [
      "authorize without access id",
      () => policy.authorize(who(""), "item", "/x", "read"),
      InvalidArgumentError,
      "identity.access_id is required",
    ],
    [
      "authorize unknown capability",
      () => policy.authorize(reader, "item", "/x", "deny"),
      InvalidArgumentError,
      "capability",
    ],
    [
      "authorize unknown rule type",
      () => policy.authorize(reader, "items", "/x", "read"),
      InvalidArgumentError,
      "rule_type",
    ],
    [
      "authorize bad path",
      () => policy.authorize(reader, "item", "/x/", "read"),
      InvalidArgumentError,
      "path",
    ],
    ["page size", () => policy.listRoles({ pageSize: 5000 }), InvalidArgumentError, "page_size"],
    [
      "page token",
      () => policy.listRoles({ pageToken: "not a name" }),
      InvalidArgumentError,
      "page_token",
    ],
    [
      "describe without access id",
      () => policy.describePermissions(who("")),
      InvalidArgumentError,
      "identity.access_id",
    ],
  ];
  it.each(cases)("%s", async (_name, run, type, message) => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toContain(message);
  });
});

describe("signing", () => {
  const signer = who("p-signer");

  beforeAll(async () => {
    await policy.createRole({ name: "signer", description: "signs release artifacts" });
    await policy.setRoleRule("signer", {
      ruleType: "item",
      path: "/keys/*",
      capabilities: ["read", "sign"],
    });
    await policy.setRoleRule("signer", {
      ruleType: "item",
      path: "/keys/ca*",
      capabilities: ["sign"],
    });
    await policy.setRoleRule("signer", {
      ruleType: "item",
      path: "/keys/ca",
      capabilities: ["sign"],
    });
    await policy.assocRoleAuthMethod({ roleName: "signer", accessId: "p-signer" });
  });

  it("read on a key does not grant signing with it", async () => {
    expect((await policy.authorize(reader, "item", "/prod/signer", "read")).allowed).toBe(true);
    const decision = await policy.authorize(reader, "item", "/prod/signer", "sign");
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toContain("no rule of any role grants sign on item /prod/signer");
  });

  it("sign is granted by a rule that lists it", async () => {
    const decision = await policy.authorize(signer, "item", "/keys/release", "sign");
    expect(decision.allowed).toBe(true);
    expect(decision.rule?.path).toBe("/keys/*");
  });

  it("a rule naming the path itself decides before any glob, however long", async () => {
    const decision = await policy.authorize(signer, "item", "/keys/ca", "sign");
    expect(decision.allowed).toBe(true);
    expect(decision.rule?.path).toBe("/keys/ca");
  });
});
