import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { KeyfragError } from "@keyfrag/rpc";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCatalogStore } from "../catalog/catalog-store.js";
import type { DynamicSecretRecord } from "../catalog/catalog-types.js";
import type { DriverFactory } from "../drivers/driver.js";
import { createBackends } from "./backends.js";
import { createLeaseService, type LeaseService } from "./lease-service.js";
import { createLeaseStore, type LeaseRecord, type LeaseStore } from "./lease-store.js";

const log = pino({ level: "silent" });
const client = { accessId: "p-test", subClaims: {} };

/**
 * A custom producer's webhook (the Akeyless contract) that keeps what it made, and whose create
 * can be held open to open the window between "made" and "recorded".
 */
async function startWebhook() {
  const live = new Set<string>();
  let hold: Promise<void> | undefined;
  let made = 0;
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { ids?: string[] };
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const json = await body(req);
      if (req.url === "/create") {
        const id = `cred-${++made}`;
        live.add(id);
        await hold;
        res.end(JSON.stringify({ id, response: { user: id } }));
        return;
      }
      const revoked = (json.ids ?? []).filter((id) => live.delete(id) || true);
      res.end(JSON.stringify({ revoked }));
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    live,
    /** Holds every create open (after it made its credential) until `release` is called. */
    holdCreates() {
      let release = () => {};
      hold = new Promise<void>((r) => {
        release = r;
      });
      return () => {
        hold = undefined;
        release();
      };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// The lease service against the real Redis, the real backends and a real webhook over HTTP;
// the revocation queue is a recorder (its jobs have their own tests in revocations.test.ts).
describe("lease service", () => {
  let redis: TestRedis;
  let webhook: Awaited<ReturnType<typeof startWebhook>>;
  let store: LeaseStore;
  let leases: LeaseService;
  const due: string[] = [];
  const audited: string[] = [];
  const prefix = () => redis.key("p");

  beforeEach(async () => {
    redis = await testRedis();
    webhook = await startWebhook();
    due.length = 0;
    audited.length = 0;
    const catalog = createCatalogStore(redis.client, prefix());
    store = createLeaseStore(redis.client, prefix());
    const record: DynamicSecretRecord = {
      name: "/hooks/app",
      type: "custom",
      target: "",
      userTtlSeconds: 60,
      maxTtlSeconds: 600,
      description: "",
      createdAtMs: Date.now(),
      producer: {
        kind: "custom",
        custom: {
          createUrl: `${webhook.url}/create`,
          revokeUrl: `${webhook.url}/revoke`,
          rotateUrl: "",
          sealedPayload: Buffer.from("payload").toString("base64"),
          keyName: "/k",
          timeoutSeconds: 5,
        },
      },
    };
    await redis.client.set(`${prefix()}:ds:${record.name}`, JSON.stringify(record));
    const backends = createBackends({
      catalog,
      // Sealing is the gateway's; here the "sealed" payload is the payload itself.
      gateway: { unseal: async (_k, _p, _n, sealed) => Buffer.from(sealed) },
      drivers: {} as Record<"postgresql" | "mysql" | "redis", DriverFactory>,
      webhookToken: async () => "token",
    });
    leases = createLeaseService({
      catalog,
      store,
      revocations: {
        schedule: async () => {},
        reschedule: async () => {},
        dueNow: async (id) => {
          due.push(id);
        },
        cancel: async () => {},
      },
      backends,
      audit: {
        emit: async (event) => {
          audited.push(event.action);
          return undefined as never;
        },
      },
      redis: redis.client,
      prefix: prefix(),
      log,
      nodeId: "test",
      revokeFailedAfterMs: 3_600_000,
      revokedRetentionMs: 60_000,
    });
  });

  afterEach(async () => {
    await webhook.close();
    await redis[Symbol.asyncDispose]();
  });

  const errorOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return "ok";
    } catch (err) {
      return err instanceof KeyfragError ? err.code : String(err);
    }
  };
  const onlyLease = async (): Promise<LeaseRecord | undefined> => {
    const [id] = await store.ids("/hooks/app/", 10);
    return id ? store.get(id) : undefined;
  };
  const creating = async () => {
    for (let i = 0; i < 200; i++) {
      const lease = await onlyLease();
      if (lease && webhook.live.size > 0) return lease;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("no lease was being issued");
  };

  it("a credential made while its lease was being revoked is revoked, not handed out", async () => {
    const release = webhook.holdCreates();
    const issuing = errorOf(leases.issue({ name: "/hooks/app", ttlSeconds: 0, input: {}, client }));
    const lease = await creating();
    // Revoked before the webhook's answer came back: keyfrag knows no id yet.
    const revoking = errorOf(leases.revoke(lease.id));
    expect(await revoking).toBe("failed-precondition");
    release();
    expect(await issuing).toBe("failed-precondition");
    await leases.processDue(lease.id).catch(() => undefined);
    expect(webhook.live.size).toBe(0);
    expect(await onlyLease()).toBeUndefined();
  });

  it("revoking by prefix during an issue is not undone when the issue completes", async () => {
    const release = webhook.holdCreates();
    const issuing = errorOf(leases.issue({ name: "/hooks/app", ttlSeconds: 0, input: {}, client }));
    const lease = await creating();
    expect(await leases.revokeByPrefix("/hooks/")).toBe(1);
    release();
    expect(await issuing).toBe("failed-precondition");
    const after = await store.get(lease.id);
    expect(after?.state).toBe("revoking");
    expect(after?.externalId).toBe("cred-1");
    await leases.processDue(lease.id);
    expect(webhook.live.size).toBe(0);
  });

  it("a custom lease whose webhook id was never saved goes to revoke-failed instead of vanishing", async () => {
    // What a crash between the webhook's answer and saving its id leaves behind.
    const now = Date.now();
    const lease: LeaseRecord = {
      id: "/hooks/app/aaaaaaaaaaaaaaaaaaaa",
      dynamicSecret: "/hooks/app",
      target: "",
      type: "custom",
      externalId: "",
      createdAtMs: now - 120_000,
      expiresAtMs: now - 60_000,
      maxExpiresAtMs: now,
      state: "creating",
      lastError: "",
      failingSinceMs: 0,
      revokeAttempts: 0,
      accessId: "p-test",
    };
    expect(await store.create(lease)).toBe(true);
    expect(await errorOf(leases.processDue(lease.id))).toBe("failed-precondition");
    const after = await store.get(lease.id);
    expect(after?.state).toBe("revoke-failed");
    expect(after?.lastError).toMatch(/never recorded.*ForgetLease/);
    expect(audited).toContain("lease.revoke-failed");
  });

  it("no lease is written once its dynamic secret is deleted (an issue racing a delete)", async () => {
    await redis.client.del(`${prefix()}:ds:/hooks/app`);
    const lease = { ...(await fakeLease()), dynamicSecret: "/hooks/app" };
    expect(await store.create(lease)).toBe(false);
    expect(await store.get(lease.id)).toBeUndefined();
  });

  it("a revoked lease stays readable, in state revoked, for the retention period", async () => {
    const issued = await leases.issue({ name: "/hooks/app", ttlSeconds: 0, input: {}, client });
    const id = issued.lease.id;
    const revoked = await leases.revoke(id);
    expect(revoked.state).toBe("revoked");
    expect(webhook.live.size).toBe(0);
    // Gone from the live leases, but get and list --state revoked still show it.
    expect(await store.get(id)).toBeUndefined();
    const history = await leases.get(id);
    expect(history).toMatchObject({ id, state: "revoked", externalId: "cred-1" });
    expect(history.revokedAtMs).toBeGreaterThan(Date.now() - 10_000);
    const page = await leases.list({
      prefix: "/hooks/",
      state: "revoked",
      pageSize: 10,
      pageToken: "",
    });
    expect(page.leases.map((l) => l.id)).toEqual([id]);
    const live = await leases.list({ prefix: "/hooks/", state: "", pageSize: 10, pageToken: "" });
    expect(live.leases).toEqual([]);
    // Revoking it again is not an error: it is revoked.
    expect((await leases.revoke(id)).state).toBe("revoked");
  });

  it("a revoked lease's history expires after the retention period", async () => {
    const issued = await leases.issue({ name: "/hooks/app", ttlSeconds: 0, input: {}, client });
    const id = issued.lease.id;
    // The retention as stored: expire this lease's history record now.
    await leases.revoke(id);
    await redis.client.pexpire(`${prefix()}:revoked-lease:${id}`, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await errorOf(leases.get(id))).toBe("not-found");
    const page = await leases.list({
      prefix: "/hooks/",
      state: "revoked",
      pageSize: 10,
      pageToken: "",
    });
    expect(page.leases).toEqual([]);
    // The listing dropped the expired entry from the index.
    expect(await redis.client.zcard(`${prefix()}:revoked-leases`)).toBe(0);
  });

  it("revokes by prefix only the leases of the dynamic secrets it is given", async () => {
    const other = "/hooks/app-other";
    await redis.client.set(`${prefix()}:ds:${other}`, "{}");
    const mine = await fakeLease("/hooks/app/bbbbbbbbbbbbbbbbbbbb");
    const theirs = { ...(await fakeLease(`${other}/cccccccccccccccccccc`)), dynamicSecret: other };
    await store.create(mine);
    await store.create(theirs);
    expect(await leases.revokeByPrefix("/hooks/", new Set(["/hooks/app"]))).toBe(1);
    expect((await store.get(mine.id))?.state).toBe("revoking");
    expect((await store.get(theirs.id))?.state).toBe("active");
    expect(due).toEqual([mine.id]);
  });
});

async function fakeLease(id = "/hooks/app/dddddddddddddddddddd"): Promise<LeaseRecord> {
  const now = Date.now();
  return {
    id,
    dynamicSecret: id.slice(0, id.lastIndexOf("/")),
    target: "",
    type: "custom",
    externalId: "cred-x",
    createdAtMs: now,
    expiresAtMs: now + 60_000,
    maxExpiresAtMs: now + 600_000,
    state: "active",
    lastError: "",
    failingSinceMs: 0,
    revokeAttempts: 0,
    accessId: "p-test",
  };
}
