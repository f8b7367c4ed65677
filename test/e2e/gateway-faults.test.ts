import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CallOptions, call, type GatewayClient, type KeyfragError } from "@keyfrag/rpc";
import {
  adminLogin,
  type FullCluster,
  outcome,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { freePort, PrivateNats } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const text = (v: Uint8Array | undefined) => Buffer.from(v ?? []).toString();

/** POSTs a JSON body to the gateway's REST API: the status and the JSON answer. */
function restPost(
  full: FullCluster,
  ca: Buffer,
  path: string,
  body: object,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `https://${full.gatewayRest}${path}`,
      { method: "POST", ca, headers: { "content-type": "application/json" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

// Faults of the services behind the gateway, on real processes. One cluster for the fragment
// manager and the secrets service; NATS loss needs a cluster on a NATS server of its own.
describe("gateway faults: fragment manager and secrets service", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;

  beforeAll(async () => {
    // No cache at first: every read must reach the fragment cluster.
    full = await startFullCluster({ gatewayEnv: { KF_CACHE_TTL_MS: "0" } });
    gw = full.client();
    admin = await adminLogin(full, gw, 20_000);
  }, 90_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  it("reads and encrypts without a single failure while a fragment-manager primary is killed", async () => {
    await call(gw, "CreateSecret", { name: "/faults/fm", value: Buffer.from("v-fm") }, admin);
    const failures: string[] = [];
    let calls = 0;
    let running = true;
    const loop = async () => {
      while (running) {
        const [read, enc] = await Promise.all([
          outcome(
            call(gw, "GetSecretValue", { names: ["/faults/fm"] }, admin).then((r) => {
              if (text(r.values[0]?.value) !== "v-fm") throw new Error("wrong value");
            }),
          ),
          outcome(
            call(
              gw,
              "Encrypt",
              { key_name: "/keyfrag/system", plaintext: Buffer.from("p") },
              admin,
            ),
          ),
        ]);
        calls += 2;
        for (const o of [read, enc]) if (o !== "ok") failures.push(`${o.code}: ${o.message}`);
      }
    };
    const loops = [loop(), loop()];
    await new Promise((r) => setTimeout(r, 1_000));
    const primary = full.fragments.nodes.find((n) => n.nodeId === "fm-1a");
    if (!primary) throw new Error("fm-1a not found");
    await primary.stop("SIGKILL");
    await new Promise((r) => setTimeout(r, 3_000));
    await primary.start();
    await new Promise((r) => setTimeout(r, 1_000));
    running = false;
    await Promise.all(loops);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(20);
  }, 30_000);

  it("serves cached values while the secrets service is down; writes and uncached reads fail UNAVAILABLE", async () => {
    for (const [name, value] of [
      ["/cached/one", "c1"],
      ["/cached/two", "c2"],
      ["/preloaded/p1", "p1"],
    ] as const) {
      await call(gw, "CreateSecret", { name, value: Buffer.from(value) }, admin);
    }
    // The same gateway, now with a short TTL and a preloaded folder.
    await full.gateway.stop();
    await full.gateway.start({
      KF_CACHE_TTL_MS: "1500",
      KF_CACHE_MAX_STALE_MS: "120000",
      KF_CACHE_PRELOAD_PATHS: "/preloaded",
    });
    const log = full.gateway.process.logFile;
    await waitFor(
      async () => /"loaded":1,.*"cache preloaded"/.test(await readFile(log, "utf8")),
      10_000,
      "the cache preload",
    );
    gw = full.client();
    const read = (name: string) => call(gw, "GetSecretValue", { names: [name] }, admin);
    expect(text((await read("/cached/one")).values[0]?.value)).toBe("c1");

    await full.secrets.stop();
    expect(text((await read("/cached/one")).values[0]?.value)).toBe("c1"); // fresh
    // ignore_cache reads past the cache: with the secrets service down, it fails instead.
    const past = await outcome(
      call(gw, "GetSecretValue", { names: ["/cached/one"], ignore_cache: true }, admin),
    );
    expect(past).toMatchObject({ code: "unavailable" });
    // cluster-status names the service that is down, and the others as healthy.
    const status = await call(gw, "ClusterStatus", {}, admin);
    const health = Object.fromEntries(status.services.map((v) => [v.name, v.healthy]));
    expect(health).toMatchObject({ auth: true, policy: true, audit: true, secrets: false });
    expect(status.services.find((v) => v.name === "secrets")?.address).toBe(full.secrets.address);
    await new Promise((r) => setTimeout(r, 1_700));
    expect(text((await read("/cached/one")).values[0]?.value)).toBe("c1"); // past the TTL
    expect(text((await read("/preloaded/p1")).values[0]?.value)).toBe("p1"); // never read before

    const uncached = await outcome(read("/cached/two"));
    expect(uncached).toMatchObject({ code: "unavailable" });
    const write = await outcome(
      call(gw, "UpdateSecretVal", { name: "/cached/one", value: Buffer.from("c1-2") }, admin),
    );
    expect(write).toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("secrets service unavailable"),
    });

    // The audit service's consumer writes the events to the queryable trail just after.
    let cacheFields: string[] = [];
    await waitFor(
      async () => {
        const events = await call(
          gw,
          "GetAuditEvents",
          { action: "gateway.get-secret-value", path_prefix: "/cached/one", page_size: 100 },
          admin,
        );
        cacheFields = events.records.map((r) => r.fields.cache ?? "");
        return cacheFields.includes("hit") && cacheFields.includes("stale");
      },
      20_000,
      "the cache hit and stale audit records",
    );
    expect(cacheFields).toEqual(expect.arrayContaining(["hit", "stale"]));

    await full.secrets.start();
    const start = Date.now();
    await waitFor(
      async () =>
        (await outcome(
          call(gw, "UpdateSecretVal", { name: "/cached/one", value: Buffer.from("c1-2") }, admin),
        )) === "ok",
      15_000,
      "a write after the secrets service is back",
    );
    expect(Date.now() - start).toBeLessThan(15_000);
    // The gateway dropped its entry on the write: the new value, at once.
    expect(text((await read("/cached/one")).values[0]?.value)).toBe("c1-2");
  }, 60_000);
});

describe("gateway faults: NATS loss", () => {
  let nats: PrivateNats | undefined;
  let storeDir: string | undefined;
  let full: FullCluster | undefined;
  const killNats = () => nats?.child?.kill("SIGKILL");

  beforeAll(async () => {
    process.once("exit", killNats);
    storeDir = await mkdtemp(join(tmpdir(), "keyfrag-nats-"));
    nats = new PrivateNats(await freePort(), storeDir);
    await nats.start();
    full = await startFullCluster({ natsUrl: nats.url });
  }, 90_000);

  afterAll(async () => {
    try {
      // Dispose drains NATS connections: give them a server to drain to.
      if (nats && full && !nats.running) await nats.start();
      await full?.[Symbol.asyncDispose]();
    } finally {
      await nats?.stop();
      process.off("exit", killNats);
      if (storeDir) await rm(storeDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("fails closed while NATS is down (no audit) and recovers once it is back", async () => {
    if (!full || !nats) throw new Error("no cluster");
    const gw = full.client();
    const admin = await adminLogin(full, gw, 20_000);
    await call(gw, "CreateSecret", { name: "/nats/s", value: Buffer.from("n1") }, admin);
    const read = () => call(gw, "GetSecretValue", { names: ["/nats/s"] }, admin);
    expect(text((await read()).values[0]?.value)).toBe("n1");
    // The same over REST, with a token from REST's auth.
    const ca = await readFile((await full.env.pki.certFiles("client", "rest-faults")).ca);
    const creds = await full.adminCredentials();
    const login = await restPost(full, ca, "/auth", {
      "access-id": creds.accessId,
      "access-key": creds.accessKey,
    });
    const restRead = () =>
      restPost(full as FullCluster, ca, "/get-secret-value", {
        names: ["nats/s"],
        token: login.body.token,
      });
    expect((await restRead()).body).toEqual({ "nats/s": "n1" });

    await nats.stop();
    const down = await outcome(read());
    expect(down).toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("audit unavailable"),
    });
    // REST fails closed the same way: 503, nothing read.
    const restDown = await restRead();
    expect(restDown.status).toBe(503);
    expect(restDown.body.error).toEqual((down as KeyfragError).message);

    await nats.start();
    const back = Date.now();
    await waitFor(async () => (await outcome(read())) === "ok", 20_000, "reads after NATS is back");
    expect(Date.now() - back).toBeLessThan(10_000);
    expect(text((await read()).values[0]?.value)).toBe("n1");
    expect((await restRead()).body).toEqual({ "nats/s": "n1" });
  }, 60_000);
});
