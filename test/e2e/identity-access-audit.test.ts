import { randomUUID } from "node:crypto";
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
    // Refused messages are summarized every half second instead of every minute.
    plane = await startControlPlane({
      extraEnv: { audit: { KF_AUDIT_SUMMARY_INTERVAL_MS: "500" } },
    });
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

  // Last in the file: it floods the store with one source's denied logins.
  it("keeps what unauthenticated callers can make it store bounded, and refuses forged events", async () => {
    const source = "198.51.100.66";
    const attempt = (credential: { jwt: string } | { access_key: string }) =>
      call(plane.auth, "Authenticate", {
        access_id: "p-floodflood01",
        ...credential,
        source_address: source,
      }).then(
        () => "allowed",
        () => "denied",
      );
    // A 32 KiB garbage token first, then 10,000 wrong keys, 50 at a time.
    expect(await attempt({ jwt: `eyJhbGciOiJ${"\u0001A".repeat(16 * 1024)}` })).toBe("denied");
    const calls = 10_000;
    for (let i = 0; i < calls; i += 50) {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => attempt({ access_key: "wrong" })),
      );
      expect(results.every((r) => r === "denied")).toBe(true);
    }
    // Stopping auth records the summary of its last window.
    await plane.nodes.auth.stop();
    await plane.nodes.auth.start();

    const fromSource = async (action: string) =>
      (await call(plane.audit, "QueryEvents", { action, page_size: 1000 })).records.filter(
        (r) => r.actor?.source_address === source,
      );
    let summaries: AuditRecord__Output[] = [];
    let recorded: AuditRecord__Output[] = [];
    const suppressed = () => summaries.reduce((n, r) => n + Number(r.fields.suppressed), 0);
    await waitFor(
      async () => {
        recorded = await fromSource("auth.authenticate");
        summaries = await fromSource("audit.denied-summary");
        return recorded.length + suppressed() === calls + 1;
      },
      20_000,
      "every denied login stored or counted in a summary",
    );
    // A bounded number stored one by one (the per-source budget of each window).
    expect(recorded.length).toBeLessThanOrEqual(20 * summaries.length);
    expect(recorded.every((r) => r.result === "denied")).toBe(true);
    expect(summaries.every((r) => r.service === "auth" && r.result === "denied")).toBe(true);
    // Each stored event is small, whatever the token was.
    for (const r of recorded) expect(JSON.stringify(r).length).toBeLessThan(4_096);

    // An event published straight to NATS, as anyone allowed to publish there could.
    const forged = {
      id: randomUUID(),
      time: Date.now(),
      service: "gateway",
      actor: { authMethod: "admin", accessId: "p-forgedforged", subClaims: {}, sourceAddress: "" },
      action: "gateway.delete-secret",
      path: "/prod/db/password",
      result: "allowed",
      requestId: "",
      leaseId: "",
      reason: "",
      fields: {},
    };
    await plane.nats.js.publish(
      `${plane.clusterName}.audit.events.gateway`,
      JSON.stringify(forged),
    );
    let refused: AuditRecord__Output[] = [];
    await waitFor(
      async () => {
        refused = (await call(plane.audit, "QueryEvents", { action: "audit.refused" })).records;
        return refused.length > 0;
      },
      10_000,
      "the refused-events summary",
    );
    expect(refused[0]).toMatchObject({ service: "audit", result: "denied" });
    expect(refused[0]?.fields).toMatchObject({ refused: "1", reasons: "no valid MAC=1" });
    const byForgedActor = await call(plane.audit, "QueryEvents", { actor: "p-forgedforged" });
    expect(byForgedActor.records).toHaveLength(0);
    expect(await call(plane.audit, "VerifyChain", {})).toMatchObject({ ok: true });
  }, 180_000);
});
