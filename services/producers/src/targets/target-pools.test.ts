import { randomBytes } from "node:crypto";
import {
  type TestMysql,
  type TestPostgres,
  type TestRedis,
  testMysql,
  testPostgres,
  testRedis,
} from "@keyfrag/test-support";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type CatalogStore, createCatalogStore } from "../catalog/catalog-store.js";
import type { DynamicSecretRecord, TargetRecord, TargetType } from "../catalog/catalog-types.js";
import { DRIVERS } from "../drivers/index.js";
import { type Backends, createBackends } from "../leases/backends.js";
import type { LeaseRecord } from "../leases/lease-store.js";

const hex = () => randomBytes(4).toString("hex");
const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

// The backends against real Redis (catalog), real targets and the real drivers; the gateway is a
// counter: "sealed" credentials are their JSON, and every Unseal call is counted.
describe("target pools", () => {
  let redis: TestRedis;
  let catalog: CatalogStore;
  let unseals: number;
  let backends: Backends;
  const made: string[] = [];

  function newBackends(ttlMs: number, poolSize: number): Backends {
    return createBackends({
      catalog,
      gateway: {
        unseal: async (_k, _p, _n, sealed) => {
          unseals++;
          return Buffer.from(sealed);
        },
      },
      drivers: DRIVERS,
      webhookToken: async () => "token",
      targetCredentialsTtlMs: ttlMs,
      targetPoolSize: poolSize,
    });
  }

  async function putTarget(
    name: string,
    type: TargetType,
    connection: Record<string, string>,
    secret: Record<string, string>,
  ): Promise<void> {
    const record: TargetRecord = {
      name,
      type,
      connection,
      sealedCredentials: Buffer.from(JSON.stringify(secret)).toString("base64"),
      keyName: "/k",
      description: "",
      userPrefix: "kf_",
      createdAtMs: Date.now(),
    };
    await catalog.createTarget(record);
  }

  function dsOf(target: string, type: TargetType): DynamicSecretRecord {
    return {
      name: `/ds/${target}`,
      type,
      target,
      userTtlSeconds: 60,
      maxTtlSeconds: 600,
      description: "",
      createdAtMs: Date.now(),
      producer:
        type === "redis"
          ? { kind: "redis", aclRules: ["~app:*", "+get"] }
          : {
              kind: "sql",
              sql: { creationStatements: [], revocationStatements: [], renewStatements: [] },
            },
    } as DynamicSecretRecord;
  }

  async function issue(ds: DynamicSecretRecord): Promise<Record<string, unknown>> {
    const externalId = await backends.newUserName(ds);
    made.push(externalId);
    const lease = {
      id: `${ds.name}/${hex()}`,
      dynamicSecret: ds.name,
      target: ds.target,
      type: ds.type,
      externalId,
      expiresAtMs: Date.now() + 3_600_000,
    } as LeaseRecord;
    return (await backends.create(ds, lease, {}, { accessId: "p-test", subClaims: {} })).value;
  }

  const revoke = (ds: DynamicSecretRecord, name: string) =>
    backends.revoke(ds, { type: ds.type, target: ds.target, externalId: name } as LeaseRecord);

  beforeEach(async () => {
    redis = await testRedis();
    catalog = createCatalogStore(redis.client, redis.key("p"));
    unseals = 0;
    made.length = 0;
  });

  afterEach(async () => {
    backends?.close();
    await redis[Symbol.asyncDispose]();
  });

  describe("PostgreSQL", () => {
    let db: TestPostgres;
    const admins: string[] = [];

    beforeEach(async () => {
      db = await testPostgres();
      admins.length = 0;
    });

    afterEach(async () => {
      for (const name of [...made, ...admins]) {
        await db.pool.query(
          `SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE usename = $1`,
          [name],
        );
        await db.pool.query(`DROP ROLE IF EXISTS "${name}"`).catch(() => {});
      }
      await db[Symbol.asyncDispose]();
    });

    /** A superuser made for the test, so its sessions can be told apart from everyone else's. */
    async function newAdmin(): Promise<{ connection: Record<string, string>; password: string }> {
      const name = `kf_adm_${hex()}`;
      const password = randomBytes(12).toString("hex");
      admins.push(name);
      await db.pool.query(`CREATE ROLE "${name}" WITH LOGIN SUPERUSER PASSWORD '${password}'`);
      const url = new URL(db.url);
      return {
        connection: {
          host: url.hostname,
          port: url.port || "5432",
          database: db.database,
          username: name,
        },
        password,
      };
    }

    const sessionsOf = async (user: string) =>
      Number(
        (
          await db.pool.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1",
            [user],
          )
        ).rows[0]?.n,
      );

    async function loginWorks(value: Record<string, unknown>): Promise<void> {
      const url = new URL(db.url);
      const client = new pg.Client({
        host: url.hostname,
        port: Number(url.port || 5432),
        database: db.database,
        user: String(value.username),
        password: String(value.password),
      });
      await client.connect();
      await client.end();
    }

    test("N credentials (and their revocations) unseal once, over at most poolSize connections", async () => {
      backends = newBackends(60_000, 3);
      const admin = await newAdmin();
      await putTarget("pg", "postgresql", admin.connection, { password: admin.password });
      const ds = dsOf("pg", "postgresql");

      let most = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          most = Math.max(most, await sessionsOf(admin.connection.username as string));
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const issued = await Promise.all(Array.from({ length: 20 }, () => issue(ds)));
      for (const value of issued) await loginWorks(value);
      await Promise.all(issued.map((value) => revoke(ds, String(value.username))));
      sampling = false;
      await sampler;

      expect(unseals).toBe(1);
      expect(most).toBeGreaterThan(0);
      expect(most).toBeLessThanOrEqual(3);
      const left = await db.pool.query("SELECT 1 FROM pg_roles WHERE rolname = ANY($1)", [made]);
      expect(left.rowCount).toBe(0);
    });

    test("the TTL after the last use closes the pool and forgets the credentials", async () => {
      backends = newBackends(300, 2);
      const admin = await newAdmin();
      const user = admin.connection.username as string;
      await putTarget("pg", "postgresql", admin.connection, { password: admin.password });
      const ds = dsOf("pg", "postgresql");

      await issue(ds);
      expect(backends.targetPoolStats().open).toEqual(["pg"]);
      expect(await sessionsOf(user)).toBeGreaterThan(0);
      await until(async () => backends.targetPoolStats().open.length === 0, 3_000);
      await until(async () => (await sessionsOf(user)) === 0, 3_000);

      await issue(ds);
      expect(unseals).toBe(2);
    });

    test("new target credentials: DeleteTarget drops the pool at once, a changed record on the next use", async () => {
      backends = newBackends(60_000, 2);
      const first = await newAdmin();
      await putTarget("pg", "postgresql", first.connection, { password: first.password });
      const ds = dsOf("pg", "postgresql");
      await loginWorks(await issue(ds));
      expect(await sessionsOf(first.connection.username as string)).toBeGreaterThan(0);

      // Deleted here (this replica): the pool closes without waiting for the TTL or a next use.
      await catalog.deleteTarget("pg");
      backends.dropTarget("pg");
      await until(async () => (await sessionsOf(first.connection.username as string)) === 0);
      expect(backends.targetPoolStats().open).toEqual([]);

      // Made again with other credentials: the next issue unseals them and connects with them.
      const second = await newAdmin();
      await putTarget("pg", "postgresql", second.connection, { password: second.password });
      await loginWorks(await issue(ds));
      expect(unseals).toBe(2);
      expect(await sessionsOf(second.connection.username as string)).toBeGreaterThan(0);

      // Changed by another replica (no dropTarget here): noticed on the next use.
      const third = await newAdmin();
      await catalog.deleteTarget("pg");
      await putTarget("pg", "postgresql", third.connection, { password: third.password });
      await loginWorks(await issue(ds));
      expect(unseals).toBe(3);
      await until(async () => (await sessionsOf(second.connection.username as string)) === 0);
      expect(await sessionsOf(third.connection.username as string)).toBeGreaterThan(0);
    });

    test("a failed Unseal is not remembered", async () => {
      let fail = true;
      backends = createBackends({
        catalog,
        gateway: {
          unseal: async (_k, _p, _n, sealed) => {
            unseals++;
            if (fail) throw new Error("gateway down");
            return Buffer.from(sealed);
          },
        },
        drivers: DRIVERS,
        webhookToken: async () => "token",
      });
      const admin = await newAdmin();
      await putTarget("pg", "postgresql", admin.connection, { password: admin.password });
      const ds = dsOf("pg", "postgresql");
      await expect(issue(ds)).rejects.toThrow("gateway down");
      fail = false;
      await loginWorks(await issue(ds));
      expect(unseals).toBe(2);
    });
  });

  describe("MySQL/MariaDB", () => {
    let db: TestMysql;

    beforeEach(async () => {
      db = await testMysql();
    });

    afterEach(async () => {
      for (const name of made) await db.pool.query(`DROP USER IF EXISTS '${name}'@'%'`);
      await db[Symbol.asyncDispose]();
    });

    test("N credentials and revocations unseal once, over at most poolSize connections, closed after the TTL", async () => {
      backends = newBackends(500, 2);
      const url = new URL(db.url);
      const admin = decodeURIComponent(url.username);
      await putTarget(
        "my",
        "mysql",
        { host: url.hostname, port: url.port || "3306", database: db.database, username: admin },
        { password: decodeURIComponent(url.password) },
      );
      const ds = dsOf("my", "mysql");
      // Our pool's sessions: the admin's, in the test database (the test's own pool has none open
      // while the issues run).
      const sessions = async () => {
        const [rows] = await db.pool.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ? AND DB = ? AND ID <> CONNECTION_ID()",
          [admin, db.database],
        );
        return Number((rows as { n: number }[])[0]?.n);
      };
      const before = await sessions();

      const issued = await Promise.all(Array.from({ length: 12 }, () => issue(ds)));
      const during = await sessions();
      expect(during).toBeGreaterThan(before);
      expect(during).toBeLessThanOrEqual(before + 2);
      await Promise.all(issued.map((value) => revoke(ds, String(value.username))));
      expect(unseals).toBe(1);
      const [left] = await db.pool.query("SELECT User FROM mysql.user WHERE User IN (?)", [made]);
      expect(left).toEqual([]);

      await until(async () => backends.targetPoolStats().open.length === 0, 3_000);
      await until(async () => (await sessions()) <= before, 3_000);
    });
  });

  describe("Redis", () => {
    test("N credentials and revocations unseal once", async () => {
      backends = newBackends(60_000, 2);
      const url = new URL(redis.url);
      await putTarget(
        "rd",
        "redis",
        {
          host: url.hostname,
          port: url.port || "6379",
          ...(url.username !== "" ? { username: decodeURIComponent(url.username) } : {}),
        },
        { password: decodeURIComponent(url.password) },
      );
      const ds = dsOf("rd", "redis");
      const clientIds = async () =>
        new Set(
          [...String(await redis.client.call("CLIENT", "LIST")).matchAll(/\bid=(\d+)/g)].map(
            (m) => m[1] as string,
          ),
        );
      const before = await clientIds();
      const issued = await Promise.all(Array.from({ length: 10 }, () => issue(ds)));
      // One shared connection for all of them.
      const ours = [...(await clientIds())].filter((id) => !before.has(id));
      expect(ours).toHaveLength(1);
      await Promise.all(issued.map((value) => revoke(ds, String(value.username))));

      // A connection that broke is replaced by the next operation.
      await redis.client.call("CLIENT", "KILL", "ID", ours[0] as string);
      await new Promise((r) => setTimeout(r, 50));
      await revoke(ds, String((await issue(ds)).username));

      expect(unseals).toBe(1);
      const users = (await redis.client.call("ACL", "USERS")) as string[];
      expect(users.filter((u) => made.includes(u))).toEqual([]);
    });
  });
});
