import { verify } from "node:crypto";
import { type CallOptions, call, type GatewayClient, type KeyfragError } from "@keyfrag/rpc";
import {
  adminLogin,
  type FullCluster,
  outcome,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { type PrivateRedis, startPrivateRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The data path survives the control plane (issue 15): with every coordinator down, or the
// coordinators' Redis down, keys the gateway has used keep working (also after the gateway
// restarts), and what needs the control plane fails at once, clearly, with nothing half-done.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (v: Uint8Array | undefined) => Buffer.from(v ?? []).toString();

const AES = "/outage/aes";
const ED = "/outage/ed";
const SECRET = "/outage/secret";

describe("the data path without the control plane", () => {
  let redis: PrivateRedis;
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;
  let edPublicPem: string;

  /** Calls the gateway as the admin, logging in again after a gateway restart. */
  const login = async () => {
    gw = full.client();
    admin = await adminLogin(full, gw, 20_000);
  };

  /** One round of everything that uses known keys: an uncached read, encrypt + decrypt, sign. */
  const dataPath = async (): Promise<(KeyfragError | "ok")[]> =>
    Promise.all([
      outcome(
        call(gw, "GetSecretValue", { names: [SECRET] }, admin).then((r) => {
          if (text(r.values[0]?.value) !== "v1") throw new Error("wrong secret value");
        }),
      ),
      outcome(
        (async () => {
          const plaintext = Buffer.from(`p-${Math.random()}`);
          const enc = await call(gw, "Encrypt", { key_name: AES, plaintext }, admin);
          const dec = await call(
            gw,
            "Decrypt",
            { key_name: AES, ciphertext: enc.ciphertext },
            admin,
          );
          if (!Buffer.from(dec.plaintext).equals(plaintext)) throw new Error("wrong plaintext");
        })(),
      ),
      outcome(
        (async () => {
          const data = Buffer.from(`m-${Math.random()}`);
          const { signature } = await call(gw, "Sign", { key_name: ED, data }, admin);
          if (!verify(null, data, edPublicPem, Buffer.from(signature)))
            throw new Error("a signature that does not verify");
        })(),
      ),
    ]);

  /** Rounds of `dataPath` finished by every `underLoad` so far (to count them during a fault). */
  let finishedRounds = 0;

  /** Runs `dataPath` in `callers` loops until `stop` resolves; the failures and the count. */
  async function underLoad(stop: Promise<unknown>, callers = 2) {
    const failures: string[] = [];
    let rounds = 0;
    let running = true;
    const loop = async () => {
      while (running) {
        for (const o of await dataPath()) {
          if (o !== "ok") failures.push(`${o.code}: ${o.message}`);
        }
        rounds++;
        finishedRounds++;
      }
    };
    const loops = Array.from({ length: callers }, loop);
    try {
      await stop;
    } finally {
      running = false;
      await Promise.all(loops);
    }
    return { failures, rounds };
  }

  const coordinators = () => full.fragments.coordinators;
  const createKey = (name: string, deadlineMs = 20_000) =>
    call(gw, "CreateDfcKey", { name, algorithm: "AES256GCM" }, { ...admin, deadlineMs });

  /** Creates a key once the coordinators lead again (an election follows their return). */
  async function createWhenBack(name: string): Promise<void> {
    let last: unknown;
    await waitFor(
      async () => {
        const o = await outcome(createKey(name, 60_000));
        last = o;
        return o === "ok";
      },
      60_000,
      `CreateDfcKey ${name} after the control plane came back`,
    ).catch((err) => {
      throw new Error(`${String(err)}: last ${String(last)}`);
    });
    const enc = await call(gw, "Encrypt", { key_name: name, plaintext: Buffer.from("x") }, admin);
    expect(enc.ciphertext.length).toBeGreaterThan(0);
  }

  /** What CreateDfcKey answers (and how fast), and whether it left an item behind. */
  async function tryCreate(name: string) {
    const started = Date.now();
    const answer = await outcome(createKey(name));
    const ms = Date.now() - started;
    const item = await outcome(call(gw, "DescribeItem", { name }, admin));
    return { answer, ms, item };
  }

  /** CreateDfcKey refused at once, naming the control plane, and no item left behind. */
  function failedCleanly(tried: Awaited<ReturnType<typeof tryCreate>> | undefined): void {
    expect(tried?.answer).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/control plane unavailable/),
    });
    expect(tried?.ms).toBeLessThan(10_000);
    expect(tried?.item).toMatchObject({ code: "not-found" });
  }

  beforeAll(async () => {
    // The coordinators' state (keys, leadership, refresh schedule) in a Redis the test stops,
    // shared with the gateway as pnpm start, compose and Helm share one (its rotation jobs and
    // the list of keys that sign for dynamic secrets).
    redis = await startPrivateRedis();
    full = await startFullCluster({
      coordinators: 2,
      // No value cache: every read goes through the fragment cluster.
      gatewayEnv: { KF_CACHE_TTL_MS: "0" },
      serviceEnv: (service): Record<string, string> =>
        service === "coordinator" || service === "gateway" ? { KF_REDIS_URL: redis.url } : {},
    });
    await login();
    await call(gw, "CreateDfcKey", { name: AES, algorithm: "AES256GCM" }, admin);
    await call(gw, "CreateDfcKey", { name: ED, algorithm: "ED25519" }, admin);
    await call(gw, "CreateSecret", { name: SECRET, value: Buffer.from("v1") }, admin);
    edPublicPem = (await call(gw, "GetPublicKey", { key_name: ED }, admin)).public_key_pem;
    // The gateway uses each key once while the control plane is up: these are "known keys".
    expect((await dataPath()).filter((o) => o !== "ok")).toEqual([]);
  }, 180_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
    await redis?.[Symbol.asyncDispose]();
  });

  it("keeps every operation with known keys working while every coordinator is killed; key changes fail at once; new keys work once they are back", async () => {
    let created: Awaited<ReturnType<typeof tryCreate>> | undefined;
    let rotated: KeyfragError | "ok" | undefined;
    let version: number | undefined;
    const { failures, rounds } = await underLoad(
      (async () => {
        await sleep(1_000);
        await Promise.all(coordinators().map((c) => c.stop("SIGKILL")));
        // Past the gateway's 5 s view freshness: every view is revalidated and none answers.
        await sleep(6_000);
        created = await tryCreate("/outage/new-1");
        rotated = await outcome(call(gw, "RotateKey", { name: AES }, admin));
        version = (await call(gw, "DescribeItem", { name: AES }, admin)).dfc_key?.current_version;
        await Promise.all(coordinators().map((c) => c.start()));
        await sleep(1_000);
      })(),
    );
    expect(failures).toEqual([]);
    expect(rounds).toBeGreaterThan(5);
    failedCleanly(created);
    expect(rotated).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/control plane unavailable/),
    });
    expect(version).toBe(1);
    await createWhenBack("/outage/new-1");
  }, 150_000);

  it("serves the keys it used after a restart while every coordinator is down", async () => {
    // Created, never used by this gateway: it has no view of it.
    await createKey("/outage/unused", 60_000);
    await Promise.all(coordinators().map((c) => c.stop("SIGKILL")));
    await full.gateway.stop();
    await full.gateway.start();
    await login();
    expect((await dataPath()).filter((o) => o !== "ok")).toEqual([]);
    // A key it never used cannot be looked up: said so, naming the control plane.
    const unused = await outcome(
      call(gw, "Encrypt", { key_name: "/outage/unused", plaintext: Buffer.from("x") }, admin),
    );
    expect(unused).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/control plane unavailable/),
    });
    await Promise.all(coordinators().map((c) => c.start()));
    await createWhenBack("/outage/new-2");
  }, 150_000);

  it("keeps known keys working while the Redis of the coordinators and the gateway is down; what needs it fails clearly and recovers", async () => {
    let created: Awaited<ReturnType<typeof tryCreate>> | undefined;
    let roundsWhileDown = 0;
    const { failures, rounds } = await underLoad(
      (async () => {
        await sleep(1_000);
        await redis.stop();
        await sleep(500);
        const before = finishedRounds;
        await sleep(5_500);
        // Served while Redis is down, not merely once it is back (a call waiting for Redis
        // would finish without an error after its return).
        roundsWhileDown = finishedRounds - before;
        created = await tryCreate("/outage/new-3");
        await redis.start();
        await sleep(1_000);
      })(),
    );
    expect(failures).toEqual([]);
    expect(rounds).toBeGreaterThan(5);
    expect(roundsWhileDown).toBeGreaterThan(3);
    failedCleanly(created);
    // The coordinators reconnect by themselves (none of them exited).
    expect(coordinators().every((c) => c.process.running)).toBe(true);
    await createWhenBack("/outage/new-3");
  }, 150_000);

  it("keeps encrypting, decrypting and signing with known keys while the secrets service is down", async () => {
    await full.secrets.stop();
    try {
      // Past the 5 s within which a key's item is not asked about again.
      await sleep(6_000);
      const [read, crypt, sign] = await dataPath();
      expect(crypt).toBe("ok");
      expect(sign).toBe("ok");
      // Reading a stored secret needs its ciphertext from the secrets service (no cache here).
      expect(read).toMatchObject({
        code: "unavailable",
        message: expect.stringMatching(/secrets service unavailable/),
      });
    } finally {
      await full.secrets.start();
    }
    // The gateway's channel to it reconnects with a backoff of its own.
    await waitFor(
      async () => (await dataPath()).every((o) => o === "ok"),
      15_000,
      "reads once the secrets service is back",
    );
  }, 60_000);
});
