import { createSocket } from "node:dgram";
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { type AuditEvent, createAuditEmitter, ensureAuditStream } from "@keyfrag/bus";
import type { Forwarder__Output } from "@keyfrag/rpc";
import { freePort, testNats, testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "../chain/audit-record.js";
import { createChainStore } from "../chain/chain-store.js";
import { startStoreConsumer } from "../consumer/store-consumer.js";
import { createForwarderService } from "./forwarder-service.js";
import { createSecretBox } from "./secret-box.js";

const auditKey = new Uint8Array(32).fill(9);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Store + forwarders over real Redis and NATS, as one audit replica runs them. */
async function auditReplica() {
  const redis = await testRedis();
  const nats = await testNats();
  const cluster = nats.name("audit");
  const stream = await ensureAuditStream(nats.nc, cluster);
  const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
  const store = await startStoreConsumer({ nc: nats.nc, stream, chain, logger: quiet, auditKey });
  const forwarders = createForwarderService({
    redis: redis.client,
    prefix: redis.prefix,
    nc: nats.nc,
    cluster,
    stream,
    chain,
    secrets: createSecretBox(auditKey),
    auditKey,
    logger: quiet,
    maxRetryDelayMs: 300,
    reconcileIntervalMs: 1_000,
  });
  await forwarders.start();
  const emitter = createAuditEmitter({
    nc: nats.nc,
    prefix: cluster,
    service: "gateway",
    auditKey,
    // These tests count every event they emit, denied ones included.
    deniedBudget: { perSource: 10_000, total: 10_000 },
  });
  return {
    redis,
    cluster,
    stream,
    chain,
    forwarders,
    emitter,
    emit: (n: number, action = "read") =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          emitter
            .emit({ action, path: `/p/${i}`, result: i % 2 ? "denied" : "allowed" })
            .then((e) => e as AuditEvent),
        ),
      ),
    async [Symbol.asyncDispose]() {
      await forwarders.stop();
      await store.stop();
      await nats[Symbol.asyncDispose]();
      await redis[Symbol.asyncDispose]();
    },
  };
}

const fwd = (f: Partial<Forwarder__Output>): Forwarder__Output =>
  ({
    name: "",
    start: "",
    delivered: "0",
    pending: "0",
    last_error: "",
    ...f,
  }) as Forwarder__Output;

// <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG
const RFC5424 =
  /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) ([\x21-\x7e]{1,255}) ([\x21-\x7e]{1,48}) ([\x21-\x7e]{1,128}) ([\x21-\x7e]{1,32}) (\[keyfrag@32473 [^\]]*\]) (.*)$/s;

function checkSyslog(message: string, appName: string) {
  const m = RFC5424.exec(message);
  expect(m, message).not.toBeNull();
  const [, pri, ts, , app, procid, msgid, sd, msg] = m ?? [];
  const record = JSON.parse(msg ?? "");
  expect(Number(pri)).toBe(13 * 8 + (record.result === "allowed" ? 6 : 5));
  expect(new Date(ts ?? "").getTime()).toBe(record.time);
  expect(app).toBe(appName);
  expect(procid).toBe(String(process.pid));
  expect(msgid).toBe(record.action);
  expect(sd).toContain(`seq="${record.seq}"`);
  expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
  return record as { id: string; seq: number; prevHash: string };
}

describe("forwarders", () => {
  it("send well-formed RFC 5424 messages over TCP (octet counting) and UDP", async () => {
    await using replica = await auditReplica();
    const tcpMessages: string[] = [];
    let buffer = Buffer.alloc(0);
    const tcp = createTcpServer((socket) =>
      socket.on("data", (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const space = buffer.indexOf(0x20);
          if (space < 0) break;
          const len = Number(buffer.subarray(0, space).toString());
          expect(Number.isInteger(len)).toBe(true);
          if (buffer.length < space + 1 + len) break;
          tcpMessages.push(buffer.subarray(space + 1, space + 1 + len).toString("utf8"));
          buffer = buffer.subarray(space + 1 + len);
        }
      }),
    );
    await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", r));
    const udpMessages: string[] = [];
    const udp = createSocket("udp4", (msg) => udpMessages.push(msg.toString("utf8")));
    await new Promise<void>((r) => udp.bind(0, "127.0.0.1", r));
    try {
      const tcpPort = (tcp.address() as { port: number }).port;
      const udpPort = udp.address().port;
      // Events from before the forwarder existed: "all" sends them, "new" does not.
      const early = await replica.emit(3, "early");
      await replica.forwarders.set(
        fwd({
          name: "siem-tcp",
          start: "all",
          target: "syslog",
          syslog: { address: `127.0.0.1:${tcpPort}`, protocol: "tcp", app_name: "kf-test" },
        }),
      );
      await replica.forwarders.set(
        fwd({
          name: "siem-udp",
          target: "syslog",
          syslog: { address: `127.0.0.1:${udpPort}`, protocol: "udp", app_name: "" },
        }),
      );
      const later = await replica.emit(5);
      await waitFor(() => tcpMessages.length >= 8 && udpMessages.length >= 5);
      const tcpIds = tcpMessages.map((m) => checkSyslog(m, "kf-test").id);
      expect(new Set(tcpIds)).toEqual(new Set([...early, ...later].map((e) => e.id)));
      const udpIds = udpMessages.map((m) => checkSyslog(m, "keyfrag").id);
      expect(new Set(udpIds)).toEqual(new Set(later.map((e) => e.id)));
      await waitFor(async () => {
        const list = await replica.forwarders.list();
        return list.every(
          (f) => Number(f.pending) === 0 && Number(f.delivered) === (f.name === "siem-tcp" ? 8 : 5),
        );
      });
      await replica.forwarders.delete("siem-udp");
      expect((await replica.forwarders.list()).map((f) => f.name)).toEqual(["siem-tcp"]);
    } finally {
      tcp.close();
      udp.close();
    }
  });

  it("HEC: catches up after the receiver comes back, with the token header", async () => {
    await using replica = await auditReplica();
    const port = await freePort();
    await replica.forwarders.set(
      fwd({
        name: "splunk",
        target: "http",
        http: {
          url: `http://127.0.0.1:${port}/services/collector/event`,
          token: "hec-secret-token",
        },
      }),
    );
    const emitted = await replica.emit(10);
    await waitFor(async () => ((await replica.forwarders.list())[0]?.last_error ?? "") !== "");
    const shown = (await replica.forwarders.list())[0];
    expect(shown?.http?.token).toBe("");
    expect(Number(shown?.pending)).toBeGreaterThan(0);

    const received: { id: string; hash: string }[] = [];
    const auth = new Set<string>();
    const server = createHttpServer(async (req, res) => {
      auth.add(String(req.headers.authorization));
      const body = await readBody(req);
      // Concatenated JSON objects: split at each top-level `}{`.
      for (const part of body.replace(/}{"time"/g, '}\n{"time"').split("\n")) {
        const e = JSON.parse(part);
        expect(e).toMatchObject({ source: "keyfrag", sourcetype: "keyfrag:audit" });
        expect(e.time).toBe(e.event.time / 1000);
        received.push(e.event);
      }
      res.writeHead(200, { "content-type": "application/json" }).end('{"text":"Success","code":0}');
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      await waitFor(() => emitted.every((e) => received.some((r) => r.id === e.id)));
      expect([...auth]).toEqual(["Splunk hec-secret-token"]);
      await waitFor(async () => {
        const f = (await replica.forwarders.list())[0];
        return f?.last_error === "" && Number(f.pending) === 0 && Number(f.delivered) >= 10;
      });
      // The token is in Redis only sealed.
      const dump = await dumpRedis(replica.redis);
      expect(dump).not.toContain("hec-secret-token");
    } finally {
      server.close();
    }
  });

  it("Elasticsearch bulk: indexes by event id and retries an item the cluster refused", async () => {
    await using replica = await auditReplica();
    const docs = new Map<string, { hash: string; prevHash: string }>();
    let requests = 0;
    let refused = "";
    const auth = new Set<string>();
    const server: Server = createHttpServer(async (req, res) => {
      expect(req.method).toBe("POST");
      expect(req.url).toBe("/_bulk");
      auth.add(String(req.headers.authorization));
      requests++;
      const lines = (await readBody(req)).split("\n").filter(Boolean);
      const items = [];
      for (let i = 0; i < lines.length; i += 2) {
        const action = JSON.parse(lines[i] ?? "").index;
        const doc = JSON.parse(lines[i + 1] ?? "");
        expect(action._index).toBe("keyfrag-audit");
        expect(action._id).toBe(doc.id);
        if (!refused) {
          refused = doc.id;
          items.push({
            index: {
              _id: doc.id,
              status: 429,
              error: { type: "es_rejected_execution_exception", reason: "queue full" },
            },
          });
          continue;
        }
        docs.set(doc.id, doc);
        items.push({ index: { _id: doc.id, status: 201, result: "created" } });
      }
      const errors = items.some((i) => i.index.status >= 300);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ took: 1, errors, items }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      await replica.forwarders.set(
        fwd({
          name: "es",
          target: "elasticsearch",
          elasticsearch: {
            url: `http://127.0.0.1:${port}/`,
            index: "keyfrag-audit",
            username: "elastic",
            password: "es-pass-123",
          },
        }),
      );
      const emitted = await replica.emit(12);
      await waitFor(() => emitted.every((e) => docs.has(e.id)));
      expect(refused).not.toBe("");
      expect(docs.has(refused)).toBe(true);
      expect(requests).toBeGreaterThanOrEqual(2);
      expect([...auth]).toEqual([`Basic ${Buffer.from("elastic:es-pass-123").toString("base64")}`]);
      // Each document carries the chain links, so the outside copy anchors the chain.
      expect([...docs.values()].some((d) => d.prevHash === GENESIS_HASH)).toBe(true);
      expect(await dumpRedis(replica.redis)).not.toContain("es-pass-123");
      // Updating without the password keeps the stored one.
      const updated = await replica.forwarders.set(
        fwd({
          name: "es",
          target: "elasticsearch",
          elasticsearch: {
            url: `http://127.0.0.1:${port}`,
            index: "keyfrag-audit",
            username: "elastic",
            password: "",
          },
        }),
      );
      expect(updated.elasticsearch?.password).toBe("");
      const more = await replica.emit(2);
      await waitFor(() => more.every((e) => docs.has(e.id)));
      expect(auth.size).toBe(1);
    } finally {
      server.close();
    }
  });

  it("every replica runs every forwarder, sharing its consumer, and stops on delete", async () => {
    await using replica = await auditReplica();
    // A second replica on the same Redis and NATS (its own connection, as another process has).
    const nats2 = await testNats();
    const second = createForwarderService({
      redis: replica.redis.client,
      prefix: replica.redis.prefix,
      nc: nats2.nc,
      cluster: replica.cluster,
      stream: replica.stream,
      chain: replica.chain,
      secrets: createSecretBox(auditKey),
      auditKey,
      logger: quiet,
      maxRetryDelayMs: 300,
      reconcileIntervalMs: 60_000,
    });
    await second.start();
    const received: string[] = [];
    const server = createHttpServer(async (req, res) => {
      for (const part of (await readBody(req)).replace(/}{"time"/g, '}\n{"time"').split("\n")) {
        received.push(JSON.parse(part).event.id);
      }
      res.writeHead(200).end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      await replica.forwarders.set(
        fwd({
          name: "hec",
          target: "http",
          http: { url: `http://127.0.0.1:${port}/`, token: "t0k" },
        }),
      );
      // The announcement reaches the other replica at once (its periodic reconcile is a minute).
      await waitFor(() => second.running().includes("hec"), 3_000);
      const emitted = await replica.emit(40);
      await waitFor(() => emitted.every((e) => received.includes(e.id)));
      await new Promise((r) => setTimeout(r, 200));
      // One shared durable consumer: each event went out once, not once per replica.
      expect(received.length).toBe(40);
      await replica.forwarders.delete("hec");
      expect(replica.forwarders.running()).toEqual([]);
      await waitFor(() => second.running().length === 0, 3_000);
    } finally {
      server.close();
      await second.stop();
      await nats2[Symbol.asyncDispose]();
    }
  });

  it("stops promptly while a destination is down, handing its batch back", async () => {
    await using replica = await auditReplica();
    const port = await freePort();
    await replica.forwarders.set(
      fwd({ name: "down", target: "http", http: { url: `http://127.0.0.1:${port}/`, token: "x" } }),
    );
    await replica.emit(5);
    await waitFor(async () => ((await replica.forwarders.list())[0]?.last_error ?? "") !== "");
    expect((await replica.forwarders.list())[0]?.last_error).toMatch(/ECONNREFUSED/);
    const t0 = Date.now();
    await replica.forwarders.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("a forwarder replaying the stream skips events the chain's retention already pruned", async () => {
    await using replica = await auditReplica();
    const old = await replica.emit(6);
    await waitFor(async () => (await replica.chain.head()).seq === 6);
    expect((await replica.chain.prune(Date.now() + 1)).pruned).toBe(6);
    const kept = await replica.emit(2);
    await waitFor(async () => (await replica.chain.head()).seq === 8);
    const port = await freePort();
    const received: string[] = [];
    const server = createHttpServer(async (req, res) => {
      for (const part of (await readBody(req)).replace(/}{"time"/g, '}\n{"time"').split("\n")) {
        received.push(JSON.parse(part).event.id);
      }
      res.writeHead(200).end('{"text":"Success","code":0}');
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      await replica.forwarders.set(
        fwd({
          name: "late",
          start: "all",
          target: "http",
          http: { url: `http://127.0.0.1:${port}/`, token: "t" },
        }),
      );
      await waitFor(async () => {
        const f = (await replica.forwarders.list())[0];
        return Number(f?.pending) === 0 && Number(f?.delivered) === 8;
      });
      expect(received.sort()).toEqual(kept.map((e) => e.id).sort());
      expect(received).not.toContain(old[0]?.id);
      expect((await replica.forwarders.list())[0]?.last_error).toBe("");
    } finally {
      server.close();
    }
  });

  it("refuses bad forwarder settings, naming the field", async () => {
    await using replica = await auditReplica();
    const bad: [Partial<Forwarder__Output>, RegExp][] = [
      [{ target: "stdout" }, /forwarder.name/],
      [{ name: "a b", target: "stdout" }, /forwarder.name/],
      [{ name: "x" }, /target/],
      [{ name: "x", start: "later", target: "stdout" }, /forwarder.start/],
      [{ name: "x", target: "http", http: { url: "ftp://x/", token: "t" } }, /forwarder.http.url/],
      [{ name: "x", target: "http", http: { url: "not a url", token: "t" } }, /forwarder.http.url/],
      [
        { name: "x", target: "http", http: { url: "https://x/", token: "" } },
        /forwarder.http.token/,
      ],
      [
        {
          name: "x",
          target: "syslog",
          syslog: { address: "nohost", protocol: "tcp", app_name: "" },
        },
        /forwarder.syslog.address/,
      ],
      [
        {
          name: "x",
          target: "syslog",
          syslog: { address: "h:70000", protocol: "tcp", app_name: "" },
        },
        /forwarder.syslog.address/,
      ],
      [
        {
          name: "x",
          target: "syslog",
          syslog: { address: "h:514", protocol: "sctp", app_name: "" },
        },
        /forwarder.syslog.protocol/,
      ],
      [
        {
          name: "x",
          target: "elasticsearch",
          elasticsearch: { url: "http://es:9200", index: "Bad Index", username: "", password: "" },
        },
        /forwarder.elasticsearch.index/,
      ],
    ];
    for (const [input, message] of bad) {
      await expect(replica.forwarders.set(fwd(input)), JSON.stringify(input)).rejects.toMatchObject(
        {
          code: "invalid-argument",
          message: expect.stringMatching(message),
        },
      );
    }
    await expect(replica.forwarders.delete("")).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(replica.forwarders.delete("nope")).rejects.toMatchObject({ code: "not-found" });
    expect(await replica.forwarders.list()).toEqual([]);
  });
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function dumpRedis(redis: {
  client: import("ioredis").Redis;
  prefix: string;
}): Promise<string> {
  const keys = await redis.client.keys(`${redis.prefix}*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.client.type(key);
    if (type === "hash") parts.push(JSON.stringify(await redis.client.hgetall(key)));
    else if (type === "string") parts.push(String(await redis.client.get(key)));
  }
  return parts.join("\n");
}
