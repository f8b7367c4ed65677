import { AckPolicy, StorageType } from "@nats-io/jetstream";
import { describe, expect, test } from "vitest";
import { testMysql, testNats, testPostgres, testRedis } from "./index.js";

describe("testRedis", () => {
  test("stores keys under the run's prefix and removes them on dispose", async () => {
    let keys: string[];
    {
      await using redis = await testRedis();
      expect(redis.prefix).toMatch(/^kf:test:[0-9a-f]+:$/);
      keys = [redis.key("a"), redis.key("b"), redis.key("nested:c")];
      for (const key of keys) await redis.client.set(key, `value of ${key}`);
      expect(await redis.client.get(redis.key("a"))).toBe(`value of ${redis.key("a")}`);
    }
    await using check = await testRedis();
    expect(await check.client.exists(...keys)).toBe(0);
  });
});

describe("testNats", () => {
  test("publishes to a file-backed stream, consumes it back, and deletes the stream", async () => {
    let stream: string;
    {
      await using nats = await testNats();
      stream = nats.name("stream");
      const subject = nats.name("subject");
      await nats.jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File });

      const ack = await nats.js.publish(subject, "fragment 1");
      expect(ack).toMatchObject({ stream, seq: 1 });

      const durable = nats.name("consumer");
      await nats.jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
      });
      const consumer = await nats.js.consumers.get(stream, durable);
      const message = await consumer.next({ expires: 2_000 });
      expect(message?.string()).toBe("fragment 1");
      expect(await message?.ackAck()).toBe(true);
    }
    await using check = await testNats();
    const names: string[] = [];
    for await (const name of check.jsm.streams.names()) names.push(name);
    expect(names).not.toContain(stream);
  });

  test("hands out distinct names", async () => {
    await using nats = await testNats();
    expect(nats.name("s")).not.toBe(nats.name("s"));
    expect(() => nats.name("a.b")).toThrow(/NATS name base/);
  });
});

describe("testPostgres", () => {
  test("works in a fresh database that is dropped on dispose", async () => {
    let database: string;
    {
      await using postgres = await testPostgres();
      database = postgres.database;
      expect(database).toMatch(/^kf_test_[0-9a-f]+$/);
      await postgres.pool.query("CREATE TABLE slot (id int PRIMARY KEY, holder text NOT NULL)");
      await postgres.pool.query("INSERT INTO slot VALUES ($1, $2)", [1, "node-a"]);
      const { rows } = await postgres.pool.query("SELECT id, holder FROM slot");
      expect(rows).toEqual([{ id: 1, holder: "node-a" }]);
    }
    await using check = await testPostgres();
    const { rowCount } = await check.pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    expect(rowCount).toBe(0);
  });
});

describe("testMysql", () => {
  test("works in a fresh database that is dropped on dispose", async () => {
    let database: string;
    {
      await using mysql = await testMysql();
      database = mysql.database;
      expect(database).toMatch(/^kf_test_[0-9a-f]+$/);
      await mysql.pool.query("CREATE TABLE slot (id int PRIMARY KEY, holder text NOT NULL)");
      await mysql.pool.query("INSERT INTO slot VALUES (?, ?)", [1, "node-a"]);
      const [rows] = await mysql.pool.query("SELECT id, holder FROM slot");
      expect(rows).toEqual([{ id: 1, holder: "node-a" }]);
    }
    await using check = await testMysql();
    const [rows] = await check.pool.query(
      "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
      [database],
    );
    expect(rows).toEqual([]);
  });
});

describe("an unreachable dependency", () => {
  // Port 1 refuses connections at once, so each case fails fast instead of timing out.
  test.each([
    ["Redis", "REDIS_URL", () => testRedis({ url: "redis://:hunter2@127.0.0.1:1" })],
    ["NATS", "NATS_URL", () => testNats({ url: "nats://kf:hunter2@127.0.0.1:1" })],
    ["PostgreSQL", "PG_URL", () => testPostgres({ url: "postgres://kf:hunter2@127.0.0.1:1/x" })],
    ["MariaDB", "MYSQL_URL", () => testMysql({ url: "mysql://kf:hunter2@127.0.0.1:1/" })],
  ])(
    "%s: names the dependency, the URL without its password, and %s",
    async (name, envVar, start) => {
      const error = await start().then(
        () => expect.unreachable("connecting to port 1 should fail"),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const { message } = error as Error;
      expect(message).toContain(name);
      expect(message).toContain("127.0.0.1:1");
      expect(message).toContain(envVar);
      expect(message).not.toContain("hunter2");
    },
  );
});
