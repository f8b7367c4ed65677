import { readFile } from "node:fs/promises";
import { Agent, request } from "node:https";
import { blindInputs, parseEnvelope } from "@keyfrag/crypto";
import { coordinatorKeySource, createDfcClient, grpcReplicaPort } from "@keyfrag/dfc-client";
import {
  type CallOptions,
  call,
  clientCredentials,
  createSecretsClient,
  type GatewayClient,
  loadTlsFiles,
} from "@keyfrag/rpc";
import {
  assertBackendAloneCannotDerive,
  bearer,
  codeOf,
  type ExtraGateway,
  type FullCluster,
  outcome,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Two segments: acme's gateways hold customer slot 100, globex's slot 101. */
const A = { id: "acme", slot: 100 };
const B = { id: "globex", slot: 101 };
const KEY_A = "/seg-a/aes";
const KEY_B = "/seg-b/aes";
const SIGN_A = "/seg-a/sign";
const SECRET_A = "/seg-a/db/password";
const SECRET_B = "/seg-b/db/password";

// Several customer fragments: a cluster serving two segments, each with its own gateway holding
// its own customer slot. A key names its segment's fragment (customer_frg_id); the other
// segment's gateway cannot use it, and the backend alone (fragment managers asked directly)
// can derive neither segment's keys.
describe("several customer fragments", () => {
  let full: FullCluster;
  let gwA: GatewayClient;
  let gwB: GatewayClient;
  let second: ExtraGateway;
  let token: string;
  let admin: CallOptions;

  beforeAll(async () => {
    full = await startFullCluster({
      customerSlot: A.slot,
      customerSlots: `${A.id}=${A.slot},${B.id}=${B.slot}`,
      // Rewraps start soon after a rotation (both gateways take these settings).
      gatewayEnv: { KF_CACHE_TTL_MS: "0", KF_REWRAP_DELAY_MS: "300" },
    });
    second = await full.startGateway("gateway-2", { customerSlot: B.slot });
    gwA = full.client();
    gwB = second.client();
    const creds = await full.adminCredentials();
    token = (await call(gwA, "Auth", { access_id: creds.accessId, access_key: creds.accessKey }))
      .token;
    admin = bearer(token, 60_000);
  }, 150_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  const keyInfo = (name: string) =>
    call(full.fragments.coordinator(), "GetKey", { name, version: 0 });
  const text = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString();
  /** The message a call failed with, prefixed by its code; "ok" if it did not. */
  const failure = async (p: Promise<unknown>) => {
    const r = await outcome(p);
    return r === "ok" ? "ok" : `${r.code}: ${r.message}`;
  };

  it("each segment's keys are made with its customer-frg-id and work through its own gateway", async () => {
    const a = await call(
      gwA,
      "CreateDfcKey",
      { name: KEY_A, algorithm: "AES256GCM", customer_frg_id: A.id },
      admin,
    );
    expect(a.dfc_key).toMatchObject({
      customer_slot: true,
      customer_frg_id: A.id,
      customer_fragment_slot: A.slot,
      slots: 4,
      threshold: 4,
    });
    // Named by its slot number: the item records the fragment's id.
    const b = await call(
      gwB,
      "CreateDfcKey",
      { name: KEY_B, algorithm: "AES256GCM", customer_frg_id: String(B.slot) },
      admin,
    );
    expect(b.dfc_key).toMatchObject({ customer_frg_id: B.id, customer_fragment_slot: B.slot });
    await call(
      gwA,
      "CreateDfcKey",
      { name: SIGN_A, algorithm: "ED25519", customer_frg_id: A.id },
      admin,
    );

    const infoA = await keyInfo(KEY_A);
    expect(infoA.public_data?.slots).toEqual([1, 2, 3, A.slot]);
    expect(infoA).toMatchObject({ customer_fragment_slot: A.slot, customer_frg_id: A.id });
    expect(infoA.placement.find((p) => p.slot === A.slot)?.replicas.map((r) => r.node_id)).toEqual([
      "gateway-1-customer",
    ]);
    const infoB = await keyInfo(KEY_B);
    expect(infoB.public_data?.slots).toEqual([1, 2, 3, B.slot]);
    expect(infoB.placement.find((p) => p.slot === B.slot)?.replicas.map((r) => r.node_id)).toEqual([
      "gateway-2-customer",
    ]);
    expect((await keyInfo(SIGN_A)).public_data?.slots).toEqual([1, 2, 3, A.slot]);

    for (const [gw, key, secret] of [
      [gwA, KEY_A, SECRET_A],
      [gwB, KEY_B, SECRET_B],
    ] as const) {
      const enc = await call(gw, "Encrypt", { key_name: key, plaintext: Buffer.from(key) }, admin);
      const dec = await call(gw, "Decrypt", { key_name: key, ciphertext: enc.ciphertext }, admin);
      expect(text(dec.plaintext)).toBe(key);
      await call(
        gw,
        "CreateSecret",
        { name: secret, value: Buffer.from(`value of ${secret}`), key_name: key },
        admin,
      );
      const read = await call(gw, "GetSecretValue", { names: [secret] }, admin);
      expect(text(read.values[0]?.value)).toBe(`value of ${secret}`);
    }
    const signed = await call(gwA, "Sign", { key_name: SIGN_A, data: Buffer.from("d") }, admin);
    expect(signed.signature).toHaveLength(64);
    // Ordinary keys take neither customer slot, and every gateway uses them.
    await call(gwA, "CreateDfcKey", { name: "/plain/aes", algorithm: "AES256GCM" }, admin);
    expect((await keyInfo("/plain/aes")).public_data?.slots).toEqual([1, 2, 3]);
    for (const gw of [gwA, gwB])
      expect(
        await codeOf(
          call(gw, "Encrypt", { key_name: "/plain/aes", plaintext: Buffer.from("x") }, admin),
        ),
      ).toBe("ok");
  }, 90_000);

  it("a key of one segment is refused by the other segment's gateway, naming its slot", async () => {
    const encA = await call(
      gwA,
      "Encrypt",
      { key_name: KEY_A, plaintext: Buffer.from("a") },
      admin,
    );
    const encB = await call(
      gwB,
      "Encrypt",
      { key_name: KEY_B, plaintext: Buffer.from("b") },
      admin,
    );
    const refusedAtB = await Promise.all([
      failure(call(gwB, "Encrypt", { key_name: KEY_A, plaintext: Buffer.from("x") }, admin)),
      failure(call(gwB, "Decrypt", { key_name: KEY_A, ciphertext: encA.ciphertext }, admin)),
      failure(call(gwB, "Sign", { key_name: SIGN_A, data: Buffer.from("d") }, admin)),
      failure(call(gwB, "GetSecretValue", { names: [SECRET_A] }, admin)),
    ]);
    for (const answer of refusedAtB)
      expect(answer).toMatch(
        /^failed-precondition: .*belongs to customer fragment acme \(slot 100\); this gateway holds customer slot 101: use the key through a gateway of customer slot 100/,
      );
    const refusedAtA = await Promise.all([
      failure(call(gwA, "Encrypt", { key_name: KEY_B, plaintext: Buffer.from("x") }, admin)),
      failure(call(gwA, "Decrypt", { key_name: KEY_B, ciphertext: encB.ciphertext }, admin)),
      failure(call(gwA, "GetSecretValue", { names: [SECRET_B] }, admin)),
    ]);
    for (const answer of refusedAtA)
      expect(answer).toMatch(
        /^failed-precondition: .*belongs to customer fragment globex \(slot 101\); this gateway holds customer slot 100/,
      );
    // A segment's keys are made only through its own gateway: refused before any DKG.
    expect(
      await failure(
        call(
          gwB,
          "CreateDfcKey",
          { name: "/seg-a/other", algorithm: "AES256GCM", customer_frg_id: A.id },
          admin,
        ),
      ),
    ).toMatch(
      /^failed-precondition: customer fragment acme \(slot 100\) is not the creating gateway's \(it holds customer slot 101\)/,
    );
    expect(await codeOf(keyInfo("/seg-a/other"))).toBe("not-found");
    // Each still serves its own.
    const own = await call(gwB, "Decrypt", { key_name: KEY_B, ciphertext: encB.ciphertext }, admin);
    expect(text(own.plaintext)).toBe("b");
  }, 60_000);

  it("even past its own gateway's check, one segment's gateway certificate gets nothing from the other's customer fragment", async () => {
    const tlsB = second.node.tls;
    const asGatewayB = grpcReplicaPort(
      clientCredentials(
        await loadTlsFiles({ caFile: tlsB.ca, certFile: tlsB.cert, keyFile: tlsB.key }),
      ),
    );
    try {
      const view = await coordinatorKeySource(full.fragments.coordinator(), 0)(KEY_A, true, 0);
      // Gateway B's own key, used the way gateway B would use it: its fragment manager partials
      // come back, slot A's node refuses its certificate.
      const dfc = createDfcClient({ keys: async () => view, port: asGatewayB, deadlineMs: 3_000 });
      await expect(dfc.derive(KEY_A, [new Uint8Array(32).fill(1)])).rejects.toThrow(/slot 100/);
      const [replicaA] = view.placement.get(A.slot) ?? [];
      if (!replicaA) throw new Error("slot 100 has no replica");
      const { blinded } = blindInputs([new Uint8Array(32).fill(2)]);
      const ref = { keyId: view.keyId, version: view.version, epoch: view.key.epoch, blinded };
      expect(await codeOf(asGatewayB.evaluate(replicaA, ref, 3_000))).toBe("permission-denied");
      // Slot B's node, which serves gateway B, holds no share of slot A's key.
      const viewB = await coordinatorKeySource(full.fragments.coordinator(), 0)(KEY_B, true, 0);
      const [replicaB] = viewB.placement.get(B.slot) ?? [];
      if (!replicaB) throw new Error("slot 101 has no replica");
      expect(await codeOf(asGatewayB.evaluate(replicaB, ref, 3_000))).not.toBe("ok");
    } finally {
      asGatewayB.close();
    }
  }, 30_000);

  it("the backend alone cannot derive either segment's keys", async () => {
    for (const [key, secret, customer] of [
      [KEY_A, SECRET_A, A],
      [KEY_B, SECRET_B, B],
    ] as const) {
      await assertBackendAloneCannotDerive(full, { key, secret, customerSlot: customer.slot });
    }
  }, 60_000);

  it("a rotated key's secrets are rewrapped by a gateway of its own segment, wherever it was rotated", async () => {
    // Every gateway runs rewrap workers on one Redis; a rewrap taken by the other segment's
    // gateway would fail for good (it cannot derive under the key), so each segment's rewraps
    // have a queue of their own. Rotated crosswise: the rewrap is queued at the other gateway.
    const storedVersion = async (secret: string) => {
      const creds = clientCredentials(await full.fragments.tls("gateway", "rewrap-probe"));
      const secrets = createSecretsClient(full.secrets.address, creds);
      try {
        const res = await call(secrets, "GetVersions", { names: [secret], version: 0 });
        return parseEnvelope(new Uint8Array(res.versions[0]?.ciphertext ?? [])).keyVersion;
      } finally {
        secrets.close();
      }
    };
    await call(gwA, "RotateKey", { name: KEY_B }, admin);
    await call(gwB, "RotateKey", { name: KEY_A }, admin);
    await waitFor(
      async () => (await storedVersion(SECRET_A)) === 2 && (await storedVersion(SECRET_B)) === 2,
      30_000,
      "both segments' secrets rewrapped to version 2",
    );
    // No rewrap was tried at the other segment's gateway (it would fail there and be retried).
    for (const log of [full.gateway.process.logFile, second.node.process.logFile])
      expect(await readFile(log, "utf8"), log).not.toMatch(/rewrap(-slot-\d+)? job failed/);
    for (const [gw, secret] of [
      [gwA, SECRET_A],
      [gwB, SECRET_B],
    ] as const) {
      const read = await call(gw, "GetSecretValue", { names: [secret] }, admin);
      expect(text(read.values[0]?.value)).toBe(`value of ${secret}`);
    }
    expect((await keyInfo(KEY_A)).public_data?.slots).toEqual([1, 2, 3, A.slot]);
  }, 60_000);

  /** POSTs a JSON body to a gateway's REST API. */
  const post = async (rest: string, path: string, body: unknown) => {
    const agent = new Agent({ ca: await readFile(full.gateway.tls.ca) });
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = request(
        `https://${rest}${path}`,
        { method: "POST", agent, headers: { "content-type": "application/json" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            agent.destroy();
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
            });
          });
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
  };

  it("bad customer fragment ids are INVALID_ARGUMENT naming them, over gRPC and REST", async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ customer_frg_id: "nope" }, /customer_frg_id nope names no customer fragment/],
      [
        { customer_frg_id: "2" },
        /customer_frg_id 2: slot 2 is a cluster slot, not a customer slot/,
      ],
      [{ customer_frg_id: "7" }, /customer_frg_id 7: slot 7 is not a customer slot/],
      // Two customer fragments: customer_slot alone does not say which.
      [
        { customer_slot: true },
        /several customer fragments: name the key's one with customer_frg_id/,
      ],
    ];
    for (const [extra, message] of bad) {
      const answer = await failure(
        call(gwA, "CreateDfcKey", { name: "/seg-a/bad", algorithm: "AES256GCM", ...extra }, admin),
      );
      expect(answer, JSON.stringify(extra)).toMatch(/^invalid-argument: /);
      expect(answer, JSON.stringify(extra)).toMatch(message);
    }
    for (const [id, message] of [
      ["nope", /customer-frg-id nope names no customer fragment/],
      ["2", /customer-frg-id 2: slot 2 is a cluster slot/],
    ] as const) {
      const answer = await post(full.gatewayRest, "/create-dfc-key", {
        name: "/seg-a/bad",
        alg: "AES256GCM",
        "customer-frg-id": id,
        token,
      });
      expect(answer.status, id).toBe(400);
      expect(String(answer.body.error), id).toMatch(message);
    }
    expect(await codeOf(keyInfo("/seg-a/bad"))).toBe("not-found");
    // A good one over REST, at the other segment's gateway: describe-item says which fragment.
    const made = await post(second.rest, "/create-dfc-key", {
      name: "/seg-b/rest",
      alg: "AES256GCM",
      "customer-frg-id": B.id,
      token,
    });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ with_customer_fragment: true, customer_frg_id: B.id });
    expect((await keyInfo("/seg-b/rest")).public_data?.slots).toEqual([1, 2, 3, B.slot]);
  }, 60_000);
});
