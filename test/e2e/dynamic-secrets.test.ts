import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { credentials as grpcCredentials } from "@grpc/grpc-js";
import {
  type CallOptions,
  call,
  type GatewayClient,
  type GatewayInternalClient,
  type KeyfragError,
  loadKeyfragProto,
  type ProducersClient,
} from "@keyfrag/rpc";
import {
  adminLogin,
  bearer,
  codeOf,
  type FullCluster,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import {
  startCustomProducerWebhook,
  startPrivatePostgres,
  startSshd,
  type TestMysql,
  type TestPostgres,
  testMysql,
  testPostgres,
  testRedis,
} from "@keyfrag/test-support";
import { Redis } from "ioredis";
import { createRemoteJWKSet, jwtVerify } from "jose";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const rand = () => randomBytes(3).toString("hex");

// Dynamic secrets end to end: real PostgreSQL, MariaDB, Redis and sshd, the whole platform as
// processes, reached through the gateway only.
describe("dynamic secrets", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let pgDb: TestPostgres;
  let myDb: TestMysql;
  const tmp: string[] = [];

  const value = (res: { value_json: string }) =>
    JSON.parse(res.value_json) as Record<string, string>;

  const pgLogin = async (user: string, password: string) => {
    const client = new pg.Client({
      host: "127.0.0.1",
      port: 5432,
      database: pgDb.database,
      user,
      password,
      connectionTimeoutMillis: 5_000,
    });
    await client.connect();
    return client;
  };
  const pgRoleExists = async (name: string) =>
    (await pgDb.pool.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).rowCount === 1;

  beforeAll(async () => {
    pgDb = await testPostgres();
    myDb = await testMysql();
    await pgDb.pool.query(
      "CREATE TABLE notes (id int, body text); INSERT INTO notes VALUES (1, 'hello')",
    );
    await myDb.pool.query("CREATE TABLE notes (id int, body text)");
    await myDb.pool.query("INSERT INTO notes VALUES (1, 'hello')");
    full = await startFullCluster({
      producersEnv: {
        KF_REVOKE_BACKOFF_BASE_MS: "200",
        KF_REVOKE_BACKOFF_MAX_MS: "1000",
        KF_REVOKE_FAILED_AFTER_MS: "1500",
        KF_RECONCILE_MS: "1000",
        KF_RECONCILE_GRACE_MS: "2000",
        KF_SWEEP_INTERVAL_MS: "0",
      },
    });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
  }, 180_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
    await pgDb?.[Symbol.asyncDispose]();
    await myDb?.[Symbol.asyncDispose]();
    for (const d of tmp) await rm(d, { recursive: true, force: true });
  });

  it("PostgreSQL: issue → log in, permitted and forbidden queries → gone after the TTL", async () => {
    const target = `/e2e/pg-${rand()}`;
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "postgresql",
        connection: {
          host: "127.0.0.1",
          port: "5432",
          database: pgDb.database,
          username: "postgres",
        },
        credentials: { password: "" },
      },
      admin,
    );
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${target}-reader`,
        type: "postgresql",
        target,
        user_ttl_seconds: 3,
        max_ttl_seconds: 30,
        sql: {
          creation_statements: [
            `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON notes TO "{{name}}";`,
          ],
        },
      },
      admin,
    );
    const issued = await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin);
    const cred = value(issued);
    expect(issued.lease?.id).toMatch(new RegExp(`^${target}-reader/`));
    expect(cred.username).toBe(issued.lease?.external_id);

    const session = await pgLogin(cred.username as string, cred.password as string);
    const rows = await session.query("SELECT body FROM notes");
    expect(rows.rows).toEqual([{ body: "hello" }]);
    await expect(session.query("INSERT INTO notes VALUES (2, 'no')")).rejects.toThrow(
      /permission denied/,
    );
    session.on("error", () => undefined);

    // Revoked at its TTL by the revocation job: the session ends, the role is gone.
    await waitFor(async () => !(await pgRoleExists(cred.username as string)), 20_000);
    await expect(pgLogin(cred.username as string, cred.password as string)).rejects.toThrow();
    await session.end().catch(() => undefined);
    // Kept as history (KF_REVOKED_LEASE_RETENTION_MS), marked revoked.
    const history = await call(gw, "GetLease", { lease_id: issued.lease?.id }, admin);
    expect(history.state).toBe("revoked");
    expect(Number(history.revoked_at_ms)).toBeGreaterThan(0);
  }, 60_000);

  it("MariaDB: issue → log in, SELECT works, INSERT refused → the user is gone after the TTL", async () => {
    const target = `/e2e/my-${rand()}`;
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "mysql",
        connection: { host: "127.0.0.1", port: "3306", username: "root" },
        credentials: { password: "" },
      },
      admin,
    );
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${target}-reader`,
        type: "mysql",
        target,
        user_ttl_seconds: 3,
        max_ttl_seconds: 30,
        sql: {
          creation_statements: [
            "CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'",
            `GRANT SELECT ON \`${myDb.database}\`.* TO '{{name}}'@'%'`,
          ],
        },
      },
      admin,
    );
    const cred = value(
      await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin),
    );
    const login = () =>
      mysql.createConnection({
        host: "127.0.0.1",
        port: 3306,
        user: cred.username,
        password: cred.password,
        database: myDb.database,
        connectTimeout: 5_000,
      });
    const session = await login();
    const [rows] = await session.query("SELECT body FROM notes");
    expect(rows).toEqual([{ body: "hello" }]);
    await expect(session.query("INSERT INTO notes VALUES (2, 'no')")).rejects.toThrow(/denied/);
    await session.end();

    const exists = async () => {
      const [found] = await myDb.pool.query("SELECT 1 FROM mysql.user WHERE User = ?", [
        cred.username,
      ]);
      return (found as unknown[]).length > 0;
    };
    await waitFor(async () => !(await exists()), 20_000);
    await expect(login()).rejects.toThrow(/denied/);
  }, 60_000);

  it("UpdateTarget: new credentials replace the target's admin pool at once", async () => {
    const target = `/e2e/my-upd-${rand()}`;
    const adminUser = `kfadm_${rand()}`;
    await myDb.pool.query(`CREATE USER '${adminUser}'@'%' IDENTIFIED BY 'first-pw'`);
    await myDb.pool.query(`GRANT ALL ON *.* TO '${adminUser}'@'%' WITH GRANT OPTION`);
    try {
      await call(
        gw,
        "CreateTarget",
        {
          name: target,
          type: "mysql",
          connection: { host: "127.0.0.1", port: "3306", username: adminUser },
          credentials: { password: "first-pw" },
        },
        admin,
      );
      await call(
        gw,
        "CreateDynamicSecret",
        { name: `${target}-login`, type: "mysql", target, user_ttl_seconds: 60 },
        admin,
      );
      const issue = () => call(gw, "GetDynamicSecretValue", { name: `${target}-login` }, admin);
      const leases = [(await issue()).lease?.id];

      // The password changes on the server; the pool's open connections stay logged in, so
      // only dropping the pool makes keyfrag use what UpdateTarget gives it.
      await myDb.pool.query(`ALTER USER '${adminUser}'@'%' IDENTIFIED BY 'second-pw'`);
      const wrong = await call(
        gw,
        "UpdateTarget",
        { name: target, credentials: { password: "not-the-password" } },
        admin,
      );
      expect(wrong.connection).toEqual({ host: "127.0.0.1", port: "3306", username: adminUser });
      expect(JSON.stringify(wrong)).not.toContain("not-the-password");
      expect(await codeOf(issue())).not.toBe("ok");

      await call(
        gw,
        "UpdateTarget",
        { name: target, credentials: { password: "second-pw" } },
        admin,
      );
      leases.push((await issue()).lease?.id);

      // Connection settings merge; an unknown credential field or an empty update is refused.
      const moved = await call(
        gw,
        "UpdateTarget",
        {
          name: target,
          connection: { port: "1" },
          credentials: { password: "second-pw" },
          description: "moved",
          same_server: true,
        },
        admin,
      );
      expect(moved).toMatchObject({
        description: "moved",
        connection: { port: "1", username: adminUser },
      });
      expect(await codeOf(issue())).not.toBe("ok");
      // A new address without the password again would send the kept one there: refused.
      expect(
        await codeOf(
          call(gw, "UpdateTarget", { name: target, connection: { port: "3306" } }, admin),
        ),
      ).toBe("invalid-argument");
      await call(
        gw,
        "UpdateTarget",
        {
          name: target,
          connection: { port: "3306" },
          credentials: { password: "second-pw" },
          same_server: true,
        },
        admin,
      );
      leases.push((await issue()).lease?.id);
      expect(
        await codeOf(
          call(gw, "UpdateTarget", { name: target, credentials: { pasword: "x" } }, admin),
        ),
      ).toBe("invalid-argument");
      expect(await codeOf(call(gw, "UpdateTarget", { name: target }, admin))).toBe(
        "invalid-argument",
      );
      expect(
        await codeOf(call(gw, "UpdateTarget", { name: `${target}-none`, description: "x" }, admin)),
      ).toBe("not-found");
      for (const id of leases) await call(gw, "RevokeLease", { lease_id: id }, admin);
    } finally {
      await myDb.pool.query(`DROP USER IF EXISTS '${adminUser}'@'%'`);
    }
  }, 60_000);

  it("UpdateDynamicSecret: new TTLs and statements apply to the next credential", async () => {
    const target = `/e2e/pg-upd-${rand()}`;
    const ds = `${target}-app`;
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "postgresql",
        connection: {
          host: "127.0.0.1",
          port: "5432",
          database: pgDb.database,
          username: "postgres",
        },
        credentials: { password: "" },
      },
      admin,
    );
    await call(
      gw,
      "CreateDynamicSecret",
      { name: ds, type: "postgresql", target, user_ttl_seconds: 600, max_ttl_seconds: 900 },
      admin,
    );
    const first = await call(gw, "GetDynamicSecretValue", { name: ds }, admin);
    const cred1 = value(first);
    const s1 = await pgLogin(cred1.username as string, cred1.password as string);
    await expect(s1.query("SELECT body FROM notes")).rejects.toThrow(/permission denied/);
    await s1.end();

    const updated = await call(
      gw,
      "UpdateDynamicSecret",
      {
        name: ds,
        user_ttl_seconds: 120,
        description: "readers",
        sql: {
          creation_statements: [
            `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; GRANT SELECT ON notes TO "{{name}}";`,
          ],
        },
      },
      admin,
    );
    expect(updated).toMatchObject({
      user_ttl_seconds: 120,
      max_ttl_seconds: 900,
      description: "readers",
    });
    const second = await call(gw, "GetDynamicSecretValue", { name: ds }, admin);
    const expiresIn = Number(second.lease?.expires_at_ms) - Date.now();
    expect(expiresIn).toBeGreaterThan(100_000);
    expect(expiresIn).toBeLessThanOrEqual(120_000);
    const cred2 = value(second);
    const s2 = await pgLogin(cred2.username as string, cred2.password as string);
    expect((await s2.query("SELECT body FROM notes")).rows).toEqual([{ body: "hello" }]);
    await s2.end();

    // Checked as at creation; nothing changes on a refusal.
    for (const bad of [
      { name: ds, user_ttl_seconds: 1000 },
      { name: ds, redis: { acl_rules: ["~*"] } },
      { name: ds, sql: { creation_statements: ["CREATE ROLE {{nope}}"] } },
      { name: ds },
    ]) {
      expect(await codeOf(call(gw, "UpdateDynamicSecret", bad, admin)), JSON.stringify(bad)).toBe(
        "invalid-argument",
      );
    }
    expect(
      await codeOf(
        call(gw, "UpdateDynamicSecret", { name: `${ds}-none`, user_ttl_seconds: 5 }, admin),
      ),
    ).toBe("not-found");
    expect((await call(gw, "GetDynamicSecret", { name: ds }, admin)).user_ttl_seconds).toBe(120);
    for (const lease of [first, second]) {
      await call(gw, "RevokeLease", { lease_id: lease.lease?.id }, admin);
    }
  }, 60_000);

  it("Redis: the ACL user runs only its allowed commands, and is gone after the TTL", async () => {
    const redis = await testRedis();
    try {
      const url = new URL(redis.url);
      const target = `/e2e/redis-${rand()}`;
      await call(
        gw,
        "CreateTarget",
        {
          name: target,
          type: "redis",
          connection: { host: url.hostname, port: url.port || "6379" },
          credentials: { password: "" },
        },
        admin,
      );
      await call(
        gw,
        "CreateDynamicSecret",
        {
          name: `${target}-getter`,
          type: "redis",
          target,
          user_ttl_seconds: 3,
          max_ttl_seconds: 30,
          redis: { acl_rules: [`~${redis.prefix}*`, "+get", "+ping"] },
        },
        admin,
      );
      await redis.client.set(redis.key("greeting"), "hi");
      const cred = value(
        await call(gw, "GetDynamicSecretValue", { name: `${target}-getter` }, admin),
      );
      const login = () =>
        new Redis(redis.url, {
          username: cred.username,
          password: cred.password,
          lazyConnect: true,
          // INFO is not among its commands.
          enableReadyCheck: false,
          retryStrategy: () => null,
          maxRetriesPerRequest: 0,
        });
      const user = login();
      await user.connect();
      expect(await user.get(redis.key("greeting"))).toBe("hi");
      await expect(user.set(redis.key("greeting"), "x")).rejects.toThrow(/NOPERM/);
      await expect(user.get("elsewhere")).rejects.toThrow(/NOPERM/);
      user.disconnect();

      const users = async () => (await redis.client.call("ACL", "USERS")) as string[];
      await waitFor(async () => !(await users()).includes(cred.username as string), 20_000);
      const again = login();
      again.on("error", () => undefined);
      // Without a ready check, connect() resolves before the failed AUTH; a command shows it.
      await expect(again.connect().then(() => again.ping())).rejects.toThrow();
      again.disconnect();
    } finally {
      await redis[Symbol.asyncDispose]();
    }
  }, 60_000);

  it("SSH: a FROST-signed certificate logs in for an allowed principal only, until it expires", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kf-ssh-"));
    tmp.push(dir);
    const ca = `/e2e/ssh-ca-${rand()}`;
    await call(gw, "CreateDfcKey", { name: ca, algorithm: "ED25519" }, admin);
    const issuer = `/e2e/ssh-${rand()}`;
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: issuer,
        type: "ssh",
        user_ttl_seconds: 300,
        max_ttl_seconds: 600,
        ssh: {
          ca_key_name: ca,
          allowed_principals: ["kf-allowed", "kf-other"],
          extensions: { "permit-pty": "" },
        },
      },
      admin,
    );
    const key = join(dir, "id_ed25519");
    await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
    const publicKey = await readFile(`${key}.pub`, "utf8");
    const issue = (principals: string[], ttl = 0) =>
      call(
        gw,
        "GetSshCertificate",
        { name: issuer, public_key: publicKey, principals, ttl_seconds: ttl },
        admin,
      );

    const allowed = await issue(["kf-allowed"]);
    const sshd = await startSshd({
      trustedCaKeys: allowed.ca_public_key,
      principals: { root: ["kf-allowed"] },
    });
    try {
      const certFile = join(dir, "allowed-cert.pub");
      await writeFile(certFile, `${allowed.certificate}\n`);
      const shown = (await run("ssh-keygen", ["-L", "-f", certFile])).stdout;
      expect(shown).toContain("ssh-ed25519-cert-v01@openssh.com user certificate");
      expect(shown).toMatch(/Principals:\s+kf-allowed/);
      expect(shown).toContain("permit-pty");
      expect(shown).toMatch(/Valid: from \S+ to \S+/);
      const ok = await sshd.run({ user: "root", keyFile: key, certFile, command: "echo ok" });
      expect(ok.stdout.trim()).toBe("ok");
      expect(ok.code).toBe(0);

      const other = await issue(["kf-other"]);
      const otherFile = join(dir, "other-cert.pub");
      await writeFile(otherFile, `${other.certificate}\n`);
      expect(
        (await sshd.run({ user: "root", keyFile: key, certFile: otherFile, command: "echo ok" }))
          .code,
      ).not.toBe(0);

      const short = await issue(["kf-allowed"], 2);
      const shortFile = join(dir, "short-cert.pub");
      await writeFile(shortFile, `${short.certificate}\n`);
      await new Promise((r) =>
        setTimeout(r, Math.max(0, Number(short.valid_before_ms) - Date.now()) + 1_500),
      );
      expect(
        (await sshd.run({ user: "root", keyFile: key, certFile: shortFile, command: "echo ok" }))
          .code,
      ).not.toBe(0);
    } finally {
      await sshd[Symbol.asyncDispose]();
    }
    // keyfrag itself refuses what the issuer does not allow, and what is not a public key.
    expect(await codeOf(issue(["root"]))).toBe("invalid-argument");
    expect(await codeOf(issue(["kf-allowed"], 601))).toBe("invalid-argument");
    expect(
      await codeOf(
        call(
          gw,
          "GetSshCertificate",
          { name: issuer, public_key: "ssh-ed25519 AAAAnope", principals: ["kf-allowed"] },
          admin,
        ),
      ),
    ).toBe("invalid-argument");
  }, 60_000);

  it("JWT: tokens verify against the JWKS endpoint and are refused after expiry", async () => {
    const key = `/e2e/jwt-key-${rand()}`;
    await call(gw, "CreateDfcKey", { name: key, algorithm: "ED25519" }, admin);
    const issuer = `/e2e/jwt-${rand()}`;
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: issuer,
        type: "jwt",
        user_ttl_seconds: 2,
        max_ttl_seconds: 60,
        jwt: {
          key_name: key,
          issuer: "https://keyfrag.test",
          audience: ["e2e"],
          claims_template: '{"role": "reader", "who": "{{access_id}}"}',
        },
      },
      admin,
    );
    const res = await call(gw, "GetDynamicSecretValue", { name: issuer }, admin);
    expect(res.lease).toBeNull();
    const { token } = value(res);
    const jwks = createRemoteJWKSet(
      new URL(`http://${full.producersHttp}/v1/jwks/producer${issuer}`),
    );
    const verified = await jwtVerify(token as string, jwks, {
      issuer: "https://keyfrag.test",
      audience: "e2e",
    });
    expect(verified.payload).toMatchObject({ role: "reader", sub: expect.stringMatching(/^p-/) });
    expect(verified.payload.who).toBe(verified.payload.sub);
    // A deleted key signs nothing, for the producers service either; restored, it signs again.
    await call(gw, "DeleteItem", { name: key }, admin);
    expect(await codeOf(call(gw, "GetDynamicSecretValue", { name: issuer }, admin))).toBe(
      "failed-precondition",
    );
    await call(gw, "RestoreItem", { name: key }, admin);
    expect(value(await call(gw, "GetDynamicSecretValue", { name: issuer }, admin)).token).toEqual(
      expect.any(String),
    );
    await new Promise((r) => setTimeout(r, 3_000));
    await expect(
      jwtVerify(token as string, jwks, { issuer: "https://keyfrag.test" }),
    ).rejects.toThrow(/exp/);
  }, 30_000);

  it("custom webhook: sees create and revoke, and can verify keyfrag's token", async () => {
    const jwks = createRemoteJWKSet(new URL(`http://${full.producersHttp}/v1/jwks/webhooks`));
    const hook = await startCustomProducerWebhook({
      verify: async (authorization) => {
        await jwtVerify((authorization ?? "").replace(/^Bearer /, ""), jwks, { issuer: "keyfrag" });
      },
    });
    try {
      const name = `/e2e/custom-${rand()}`;
      await call(
        gw,
        "CreateDynamicSecret",
        {
          name,
          type: "custom",
          user_ttl_seconds: 600,
          max_ttl_seconds: 600,
          custom: {
            create_url: hook.createUrl,
            revoke_url: hook.revokeUrl,
            rotate_url: hook.rotateUrl,
            payload: "webhook-admin-secret",
          },
        },
        admin,
      );
      const described = await call(gw, "GetDynamicSecret", { name }, admin);
      expect(JSON.stringify(described)).not.toContain("webhook-admin-secret");
      const issued = await call(
        gw,
        "GetDynamicSecretValue",
        { name, args_json: '{"team": "blue"}' },
        admin,
      );
      const id = issued.lease?.external_id as string;
      expect(hook.users.has(id)).toBe(true);
      const create = hook.calls.find((c) => c.path.includes("create"));
      expect(create?.body).toMatchObject({
        payload: "webhook-admin-secret",
        input: { team: "blue" },
        client_info: { access_id: expect.stringMatching(/^p-/) },
      });
      const revoked = await call(gw, "RevokeLease", { lease_id: issued.lease?.id }, admin);
      expect(revoked.state).toBe("revoked");
      expect(hook.users.has(id)).toBe(false);
      expect(hook.calls.find((c) => c.path.includes("revoke"))?.body).toMatchObject({ ids: [id] });

      // The webhook rotates its payload; the next call carries the new one.
      await call(gw, "RotateCustomPayload", { name }, admin);
      await call(gw, "GetDynamicSecretValue", { name }, admin);
      const creates = hook.calls.filter((c) => c.path.includes("create"));
      expect(creates.at(-1)?.body).toMatchObject({ payload: "webhook-admin-secret-rotated" });

      // A new payload given to UpdateDynamicSecret is sealed by the gateway; URLs stay as given.
      const updated = await call(
        gw,
        "UpdateDynamicSecret",
        {
          name,
          custom: {
            create_url: hook.createUrl,
            revoke_url: hook.revokeUrl,
            rotate_url: hook.rotateUrl,
            payload: "webhook-admin-secret-2",
            timeout_seconds: 20,
          },
        },
        admin,
      );
      expect(updated.custom).toMatchObject({ create_url: hook.createUrl, timeout_seconds: 20 });
      expect(JSON.stringify(updated)).not.toContain("webhook-admin-secret-2");
      await call(gw, "GetDynamicSecretValue", { name }, admin);
      expect(hook.calls.filter((c) => c.path.includes("create")).at(-1)?.body).toMatchObject({
        payload: "webhook-admin-secret-2",
      });
      await call(gw, "RevokeLeasesByPrefix", { prefix: `${name}/` }, admin);
    } finally {
      await hook[Symbol.asyncDispose]();
    }
  }, 30_000);

  it("a producers service killed before a lease's TTL revokes it when it returns", async () => {
    const target = `/e2e/pgk-${rand()}`;
    await pgTargetAndReader(target, "127.0.0.1", 5432, pgDb.database, 3);
    const cred = value(
      await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin),
    );
    await full.producers?.stop("SIGKILL");
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await pgRoleExists(cred.username as string)).toBe(true);
    await full.producers?.start();
    await waitFor(async () => !(await pgRoleExists(cred.username as string)), 20_000);
  }, 60_000);

  it("PostgreSQL down across a revocation: retried, listed revoke-failed, completed when it returns", async () => {
    await using server = await startPrivatePostgres();
    const target = `/e2e/pgd-${rand()}`;
    await pgTargetAndReader(target, "127.0.0.1", server.port, "postgres", 2);
    const issued = await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin);
    const leaseId = issued.lease?.id as string;
    await server.stop();
    // Due and failing: past KF_REVOKE_FAILED_AFTER_MS it is listed, with the last error.
    await waitFor(
      async () => {
        const page = await call(
          gw,
          "ListLeases",
          { prefix: target, state: "revoke-failed" },
          admin,
        );
        return page.leases.some((l) => l.id === leaseId && l.last_error !== "");
      },
      20_000,
      "lease listed revoke-failed",
    );
    // The audit service's consumer writes the event to the queryable trail just after.
    await waitFor(
      async () => {
        const events = await call(
          gw,
          "GetAuditEvents",
          { action: "lease.revoke-failed", page_size: 50 },
          admin,
        );
        return events.records.some((r) => r.lease_id === leaseId);
      },
      20_000,
      "the lease.revoke-failed audit record",
    );

    await server.start();
    await waitFor(
      async () => (await call(gw, "GetLease", { lease_id: leaseId }, admin)).state === "revoked",
      20_000,
      "lease revoked once PostgreSQL is back",
    );
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const left = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [
      issued.lease?.external_id,
    ]);
    await client.end();
    expect(left.rowCount).toBe(0);
  }, 90_000);

  it("sweeps a user made behind keyfrag's back with its prefix, and spares leased users", async () => {
    const target = `/e2e/pgs-${rand()}`;
    await pgTargetAndReader(target, "127.0.0.1", 5432, pgDb.database, 300, 600);
    const cred = value(
      await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin),
    );
    const prefix = (cred.username as string).slice(
      0,
      (cred.username as string).lastIndexOf("_") + 1,
    );
    const orphan = `${prefix}orphan${rand()}`;
    await pgDb.pool.query(`CREATE ROLE "${orphan}" LOGIN`);
    const swept = await call(gw, "SweepOrphans", { target }, admin);
    expect(swept.removed).toEqual([orphan]);
    expect(await pgRoleExists(orphan)).toBe(false);
    expect(await pgRoleExists(cred.username as string)).toBe(true);
    await call(gw, "RevokeLeasesByPrefix", { prefix: `${target}-reader/` }, admin);
    await waitFor(async () => !(await pgRoleExists(cred.username as string)), 20_000);
  }, 60_000);

  it("renewal stays within the max TTL; bad input gets clear errors and the service keeps working", async () => {
    const target = `/e2e/pgr-${rand()}`;
    await pgTargetAndReader(target, "127.0.0.1", 5432, pgDb.database, 5, 8);
    const issued = await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin);
    const lease = issued.lease as NonNullable<typeof issued.lease>;
    const renewed = await call(gw, "RenewLease", { lease_id: lease.id, ttl_seconds: 6 }, admin);
    expect(Number(renewed.expires_at_ms)).toBeLessThanOrEqual(Number(lease.max_expires_at_ms));
    expect(Number(renewed.expires_at_ms)).toBeGreaterThan(Number(lease.expires_at_ms) - 5_000);
    expect(
      await codeOf(call(gw, "RenewLease", { lease_id: lease.id, ttl_seconds: 9 }, admin)),
    ).toBe("invalid-argument");
    const until = await pgDb.pool.query("SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1", [
      lease.external_id,
    ]);
    expect(
      Math.abs(new Date(until.rows[0].rolvaliduntil).getTime() - Number(renewed.expires_at_ms)),
    ).toBeLessThan(1_500);

    expect(await codeOf(call(gw, "GetDynamicSecretValue", { name: "/e2e/no-such" }, admin))).toBe(
      "not-found",
    );
    expect(
      await codeOf(
        call(gw, "GetDynamicSecretValue", { name: `${target}-reader`, ttl_seconds: 9 }, admin),
      ),
    ).toBe("invalid-argument");
    expect(
      await codeOf(
        call(gw, "GetDynamicSecretValue", { name: `${target}-reader`, args_json: "{nope" }, admin),
      ),
    ).toBe("invalid-argument");
    expect(await codeOf(call(gw, "RevokeLease", { lease_id: "nope" }, admin))).toBe(
      "invalid-argument",
    );
    expect(
      await codeOf(call(gw, "CreateTarget", { name: "/e2e/bad", type: "oracle" }, admin)),
    ).toBe("invalid-argument");
    expect(
      await codeOf(
        call(
          gw,
          "CreateTarget",
          {
            name: "/e2e/typo",
            type: "postgresql",
            connection: { host: "127.0.0.1" },
            credentials: { pasword: "x" },
          },
          admin,
        ),
      ),
    ).toBe("invalid-argument");
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          {
            name: "/e2e/bad-ttl",
            type: "postgresql",
            target,
            user_ttl_seconds: 10,
            max_ttl_seconds: 5,
          },
          admin,
        ),
      ),
    ).toBe("invalid-argument");
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          { name: "/e2e/bad-target", type: "postgresql", target: "/e2e/none" },
          admin,
        ),
      ),
    ).toBe("not-found");
    // Still serving.
    const again = await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, admin);
    await call(gw, "RevokeLease", { lease_id: again.lease?.id }, admin);
    await call(gw, "RevokeLease", { lease_id: lease.id }, admin);
    expect(await pgRoleExists(lease.external_id)).toBe(false);
  }, 60_000);

  it("policy decides who gets credentials and who may revoke; internal services refuse other roles", async () => {
    const target = `/e2e/team-${rand()}/pg`;
    await pgTargetAndReader(target, "127.0.0.1", 5432, pgDb.database, 300, 600);
    const folder = target.slice(0, target.lastIndexOf("/"));
    const method = await call(
      gw,
      "CreateAuthMethod",
      { name: `app-${rand()}`, access_key: {} },
      admin,
    );
    const role = `dyn-read-${rand()}`;
    await call(gw, "CreateRole", { name: role }, admin);
    await call(
      gw,
      "SetRoleRule",
      {
        role_name: role,
        rule: { rule_type: "item", path: `${folder}/*`, capabilities: ["read", "list"] },
      },
      admin,
    );
    await call(
      gw,
      "AssocRoleAuthMethod",
      { role_name: role, access_id: method.method?.access_id },
      admin,
    );
    const app = bearer(
      (
        await call(gw, "Auth", {
          access_id: method.method?.access_id,
          access_key: method.access_key,
        })
      ).token,
      60_000,
    );
    const issued = await call(gw, "GetDynamicSecretValue", { name: `${target}-reader` }, app);
    expect(issued.lease?.access_id).toBe(method.method?.access_id);
    const listed = await call(gw, "ListLeases", { prefix: folder }, app);
    expect(listed.leases.map((l) => l.id)).toEqual([issued.lease?.id]);
    // read is not update or delete: renewing and revoking are someone else's call.
    expect(await codeOf(call(gw, "RenewLease", { lease_id: issued.lease?.id }, app))).toBe(
      "permission-denied",
    );
    expect(await codeOf(call(gw, "RevokeLease", { lease_id: issued.lease?.id }, app))).toBe(
      "permission-denied",
    );
    expect(await codeOf(call(gw, "RevokeLeasesByPrefix", { prefix: folder }, app))).toBe(
      "permission-denied",
    );
    expect(
      await codeOf(
        call(
          gw,
          "CreateDynamicSecret",
          { name: `${folder}/mine`, type: "postgresql", target },
          app,
        ),
      ),
    ).toBe("permission-denied");
    expect(await codeOf(call(gw, "GetDynamicSecretValue", { name: "/e2e/elsewhere" }, app))).toBe(
      "permission-denied",
    );

    // The producers service and the gateway's internal service answer only their one caller.
    const { GatewayInternal, Producers } = loadKeyfragProto().grpcObject.keyfrag.v1;
    const tls = await full.env.pki.tls("client", "intruder");
    const creds = grpcCredentials.createSsl(tls.ca, tls.key, tls.cert);
    const internal = new GatewayInternal(
      full.gatewayInternal as string,
      creds,
    ) as GatewayInternalClient;
    const producers = new Producers(full.producers?.address as string, creds) as ProducersClient;
    try {
      expect(
        await codeOf(
          call(internal, "Unseal", {
            key_name: "/keyfrag/system",
            purpose: "target",
            name: target,
            sealed: Buffer.alloc(64),
          }),
        ),
      ).toBe("permission-denied");
      expect(await codeOf(call(producers, "GetTarget", { name: target }))).toBe(
        "permission-denied",
      );
    } finally {
      internal.close();
      producers.close();
    }
    await call(gw, "RevokeLease", { lease_id: issued.lease?.id }, admin);

    // Even the producers service signs only with keys a dynamic secret was created with.
    const key = `/e2e/unrelated-${rand()}`;
    await call(gw, "CreateDfcKey", { name: key, algorithm: "ED25519" }, admin);
    const own = await full.env.pki.tls("producers", "producers-probe");
    const asProducers = new GatewayInternal(
      full.gatewayInternal as string,
      grpcCredentials.createSsl(own.ca, own.key, own.cert),
    ) as GatewayInternalClient;
    try {
      const sign = () => call(asProducers, "Sign", { key_name: key, data: Buffer.from("x") });
      expect(await codeOf(sign())).toBe("permission-denied");
      await call(
        gw,
        "CreateDynamicSecret",
        { name: `${key}-jwt`, type: "jwt", max_ttl_seconds: 60, jwt: { key_name: key } },
        admin,
      );
      expect((await sign()).signature).toHaveLength(64);
    } finally {
      asProducers.close();
    }
  }, 60_000);

  it("junk JWKS requests get 400, a 64 KiB type a bounded error; producers keeps serving everyone", async () => {
    for (const target of ["/v1/jwks/producer/%E0%A4%A", "/v1/jwks/producer/%", "//"]) {
      const res = await fetch(`http://${full.producersHttp}${target}`);
      expect(res.status, target).toBe(400);
      expect(await res.json()).toEqual({ error: "malformed request path" });
    }
    expect((await fetch(`http://${full.producersHttp}/healthz`)).status).toBe(200);

    // Other callers' calls share the gateway's one channel to producers with the bad one.
    const others = Promise.allSettled(
      Array.from({ length: 4 }, () => call(gw, "ListTargets", { prefix: "" }, admin)),
    );
    const bad = call(
      gw,
      "CreateTarget",
      {
        name: `/e2e/huge-${rand()}`,
        type: "[".repeat(64 * 1024),
        connection: {},
        credentials: { password: "" },
      },
      admin,
    ).then(
      () => undefined,
      (err: unknown) => err as KeyfragError,
    );
    const err = await bad;
    expect(err?.code).toBe("invalid-argument");
    expect(err?.message.length).toBeLessThan(300);
    expect((await others).map((o) => o.status)).toEqual(Array(4).fill("fulfilled"));
    await call(gw, "ListTargets", { prefix: "" }, admin);
  });

  /** A PostgreSQL target and a `<target>-reader` dynamic secret (SELECT on notes). */
  async function pgTargetAndReader(
    target: string,
    host: string,
    port: number,
    database: string,
    ttl: number,
    maxTtl = 60,
  ) {
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "postgresql",
        connection: { host, port: String(port), database, username: "postgres" },
        credentials: { password: "" },
      },
      admin,
    );
    await call(
      gw,
      "CreateDynamicSecret",
      {
        name: `${target}-reader`,
        type: "postgresql",
        target,
        user_ttl_seconds: ttl,
        max_ttl_seconds: maxTtl,
      },
      admin,
    );
  }
});
