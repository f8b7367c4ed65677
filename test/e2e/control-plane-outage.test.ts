import { verify } from "node:crypto";
import { type CallOptions, call, type GatewayClient, KeyfragError } from "@keyfrag/rpc";
import { bearer, type FullCluster, startFullCluster, waitFor } from "@keyfrag/test-cluster";
import { type PrivateRedis, startPrivateRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The data path survives the control plane (issue 15): with every coordinator down, or the
// coordinators' Redis down, keys the gateway has used keep working (also after the gateway
// restarts), and what needs the control plane fails at once, clearly, with nothing half-done.

/** The error a call fails with, or "ok". */
const outcome = async (p: Promise<unknown>): Promise<KeyfragError | "ok"> => {
  try {
    await p;
    return "ok";
  } catch (err) {
    if (err instanceof KeyfragError) return err;
    throw err;
  }
};
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
    const creds = await full.adminCredentials();
    const res = await call(gw, "Auth", { access_id: creds.accessId, access_key: creds.accessKey });
    admin = bearer(res.token, 20_000);
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

  /** CreateDfcKey refused at once, naming the control plane, and no item left behind. */
  async function createFailsCleanly(name: string): Promise<void> {
    const started = Date.now();
    const o = await outcome(createKey(name));
    expect(o).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/control plane unavailable/),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await outcome(call(gw, "DescribeItem", { name }, admin))).toMatchObject({
      code: "not-found",
    });
  }

  beforeAll(async () => {
    // The coordinators' state (keys, leadership, refresh schedule) in a Redis the test stops.
    redis = await startPrivateRedis();
    full = await startFullCluster({
      coordinators: 2,
      // No value cache: every read goes through the fragment cluster.
      gatewayEnv: { KF_CACHE_TTL_MS: "0" },
      serviceEnv: (service) => (service === "coordinator" ? { KF_REDIS_URL: redis.url } : {}),
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
    const { failures, rounds } = await underLoad(
      (async () => {
        await sleep(1_000);
        await Promise.all(coordinators().map((c) => c.stop("SIGKILL")));
        // Past the gateway's 5 s view freshness: every view is revalidated and none answers.
        await sleep(6_000);
        await createFailsCleanly("/outage/new-1");
        const rotate = await outcome(call(gw, "RotateKey", { name: AES }, admin));
        expect(rotate).toMatchObject({
          code: "unavailable",
          message: expect.stringMatching(/control plane unavailable/),
        });
        const item = await call(gw, "DescribeItem", { name: AES }, admin);
        expect(item.dfc_key?.current_version).toBe(1);
        await Promise.all(coordinators().map((c) => c.start()));
        await sleep(1_000);
      })(),
    );
    expect(failures).toEqual([]);
    expect(rounds).toBeGreaterThan(5);
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

  it("keeps known keys working while the coordinators' Redis is down; what needs it fails clearly and recovers", async () => {
    const { failures, rounds } = await underLoad(
      (async () => {
        await sleep(1_000);
        await redis.stop();
        await sleep(6_000);
        await createFailsCleanly("/outage/new-3");
        await redis.start();
        await sleep(1_000);
      })(),
    );
    expect(failures).toEqual([]);
    expect(rounds).toBeGreaterThan(5);
    // The coordinators reconnect by themselves (none of them exited).
    expect(coordinators().every((c) => c.process.running)).toBe(true);
    await createWhenBack("/outage/new-3");
  }, 150_000);
});
