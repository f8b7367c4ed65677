import { readFileSync, statSync } from "node:fs";
import { createTokenVerifier, type TokenVerifier } from "@keyfrag/auth-client";
import { createPolicyDecisionCache, type PolicyDecisionCache } from "@keyfrag/policy-client";
import { type AuditRecord__Output, call, type Identity__Output } from "@keyfrag/rpc";
import { type ControlPlane, startControlPlane, waitFor } from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Auth, policy and audit as real processes: the bootstrap, a login, a verified token, a policy
// decision and the audit trail of all of it, the way the gateway will chain them.
describe("identity, access and audit", () => {
  let plane: ControlPlane;
  let verifier: TokenVerifier;
  let decisions: PolicyDecisionCache;
  let admin: { accessId: string; accessKey: string };

  beforeAll(async () => {
    plane = await startControlPlane();
    admin = await plane.adminCredentials();
    verifier = createTokenVerifier({
      auth: plane.auth,
      nc: plane.nats.nc,
      cluster: plane.clusterName,
    });
    await verifier.start();
    decisions = createPolicyDecisionCache({
      policy: plane.policy,
      nc: plane.nats.nc,
      cluster: plane.clusterName,
      ttlMs: 30_000,
    });
  });

  afterAll(async () => {
    await decisions?.close();
    await verifier?.close();
    await plane?.[Symbol.asyncDispose]();
  });

  const login = (accessId: string, accessKey: string) =>
    call(plane.auth, "Authenticate", {
      access_id: accessId,
      access_key: accessKey,
      source_address: "203.0.113.9",
    });

  it("bootstraps one admin, shown once in a 0600 file, who may do everything", async () => {
    expect(statSync(plane.credentialsFile).mode & 0o777).toBe(0o600);
    const session = await login(admin.accessId, admin.accessKey);
    const verified = await verifier.verify(session.token);
    expect(verified.identity.accessId).toBe(admin.accessId);
    const identity = session.identity as Identity__Output;
    for (const ruleType of ["item", "auth-method", "role", "audit"]) {
      const decision = await decisions.authorize(identity, ruleType, "/prod/db/password", "delete");
      expect(decision).toMatchObject({ allowed: true, role: "admin" });
    }

    // A restart does not bootstrap again: same file, one admin method.
    const before = readFileSync(plane.credentialsFile, "utf8");
    await plane.nodes.auth.stop();
    await plane.nodes.auth.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(readFileSync(plane.credentialsFile, "utf8")).toBe(before);
    const methods = await call(plane.auth, "ListAuthMethods", { page_size: 100, page_token: "" });
    expect(methods.methods.filter((m) => m.name.startsWith("admin"))).toHaveLength(1);
    // Tokens issued before the restart still verify (the old signing key stays published).
    await expect(verifier.verify(session.token)).resolves.toBeTruthy();
  });

  it("gives a CI identity exactly what its role grants, and drops cached decisions on change", async () => {
    const created = await call(plane.auth, "CreateAuthMethod", {
      name: "ci",
      access_key: { bound_cidrs: ["203.0.113.0/24"] },
    });
    const accessId = created.method?.access_id ?? "";
    await call(plane.policy, "CreateRole", { name: "ci-read" });
    await call(plane.policy, "SetRoleRule", {
      role_name: "ci-read",
      rule: { rule_type: "item", path: "/ci/*", capabilities: ["read", "list"] },
    });
    await call(plane.policy, "SetRoleRule", {
      role_name: "ci-read",
      rule: { rule_type: "item", path: "/ci/secret-*", capabilities: ["deny"] },
    });
    await call(plane.policy, "AssocRoleAuthMethod", { role_name: "ci-read", access_id: accessId });

    const session = await login(accessId, created.access_key);
    const identity = (await verifier.verify(session.token)).identity;
    expect(identity.authMethod).toBe("ci");
    const asProto = session.identity as Identity__Output;
    const may = async (path: string, capability: string) =>
      (await decisions.authorize(asProto, "item", path, capability)).allowed;
    expect(await may("/ci/app/token", "read")).toBe(true);
    expect(await may("/ci/secret-signing", "read")).toBe(false);
    expect(await may("/ci/app/token", "update")).toBe(false);
    expect(await may("/prod/db/password", "read")).toBe(false);

    await call(plane.policy, "SetRoleRule", {
      role_name: "ci-read",
      rule: { rule_type: "item", path: "/ci/app/*", capabilities: ["deny"] },
    });
    await waitFor(
      async () => !(await may("/ci/app/token", "read")),
      1_000,
      "the cached allow to drop",
    );

    // Revoking every token of the access id reaches the verifier over NATS.
    await call(plane.auth, "RevokeToken", { access_id: accessId });
    await waitFor(
      () =>
        verifier.verify(session.token).then(
          () => false,
          () => true,
        ),
      1_000,
      "the revocation to reach the verifier",
    );
  });

  it("records every login, allowed or denied, in a verifiable chain with no secret in it", async () => {
    await expect(login(admin.accessId, "not-the-key")).rejects.toThrow(/authentication failed/);
    let records: AuditRecord__Output[] = [];
    await waitFor(
      async () => {
        const page = await call(plane.audit, "QueryEvents", {
          action: "auth.authenticate",
          page_size: 100,
        });
        records = page.records;
        return records.some((r) => r.result === "denied");
      },
      10_000,
      "the denied login in the audit store",
    );
    const allowed = records.filter((r) => r.result === "allowed");
    expect(allowed.map((r) => r.actor?.access_id)).toContain(admin.accessId);
    expect(records.every((r) => r.actor?.source_address === "203.0.113.9")).toBe(true);
    // Newest first.
    const times = records.map((r) => Number(r.time_ms));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const bootstrap = await call(plane.audit, "QueryEvents", { action: "auth.bootstrap" });
    expect(bootstrap.records).toHaveLength(1);

    const everything = await call(plane.audit, "QueryEvents", { page_size: 1000 });
    expect(JSON.stringify(everything.records)).not.toContain(admin.accessKey);
    const chain = await call(plane.audit, "VerifyChain", {});
    expect(chain).toMatchObject({ ok: true });
    expect(Number(chain.records)).toBeGreaterThanOrEqual(everything.records.length);
  });
});
