import { randomBytes, randomUUID } from "node:crypto";
import { blindInputs } from "@keyfrag/crypto";
import { coordinatorKeySource, grpcReplicaPort } from "@keyfrag/dfc-client";
import {
  type CallOptions,
  call,
  clientCredentials,
  createFragmentManagerClient,
  FailedPreconditionError,
  type GatewayClient,
} from "@keyfrag/rpc";
import {
  adminLogin,
  assertBackendAloneCannotDerive,
  codeOf,
  type FullCluster,
  startFullCluster,
  waitFor,
} from "@keyfrag/test-cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CUSTOMER_SLOT = 100;
const KEY = "/customer/aes";
const SECRET = "/customer/db/password";
const VALUE = "customer-held-value";

// The customer fragment: the gateway holds one extra slot of customer-slot keys, so the backend
// (fragment managers, coordinators, secrets) alone cannot decrypt anything under them.
describe("customer fragment", () => {
  let full: FullCluster;
  let gw: GatewayClient;
  let admin: CallOptions;

  beforeAll(async () => {
    full = await startFullCluster({
      customerSlot: CUSTOMER_SLOT,
      gatewayEnv: { KF_CACHE_TTL_MS: "0" },
    });
    gw = full.client();
    admin = await adminLogin(full, gw, 60_000);
  }, 120_000);

  afterAll(async () => {
    await full?.[Symbol.asyncDispose]();
  });

  const keyInfo = (name: string) =>
    call(full.fragments.coordinator(), "GetKey", { name, version: 0 });

  it("creates a customer-slot key n-of-n over the cluster slots and the gateway's slot; encrypt, secrets and refresh work", async () => {
    const item = await call(
      gw,
      "CreateDfcKey",
      { name: KEY, algorithm: "AES256GCM", customer_slot: true },
      admin,
    );
    expect(item.dfc_key).toMatchObject({ customer_slot: true, slots: 4, threshold: 4 });
    const info = await keyInfo(KEY);
    expect(info.public_data?.slots).toEqual([1, 2, 3, CUSTOMER_SLOT]);
    expect(info.public_data?.threshold).toBe(4);
    const customer = info.placement.find((p) => p.slot === CUSTOMER_SLOT);
    expect(customer?.replicas.map((r) => r.node_id)).toEqual(["gateway-1-customer"]);

    const context = { purpose: "e2e" };
    const enc = await call(
      gw,
      "Encrypt",
      { key_name: KEY, plaintext: Buffer.from("hello customer"), context },
      admin,
    );
    const dec = await call(
      gw,
      "Decrypt",
      { key_name: KEY, ciphertext: enc.ciphertext, context },
      admin,
    );
    expect(Buffer.from(dec.plaintext).toString()).toBe("hello customer");

    await call(
      gw,
      "CreateSecret",
      { name: SECRET, value: Buffer.from(VALUE), key_name: KEY },
      admin,
    );
    const read = await call(gw, "GetSecretValue", { names: [SECRET] }, admin);
    expect(Buffer.from(read.values[0]?.value ?? []).toString()).toBe(VALUE);

    // A refresh moves every slot, the customer's too, to the next epoch; old ciphertexts still open.
    const refreshed = await call(gw, "RefreshKey", { name: KEY, version: 0 }, admin);
    expect(refreshed.epoch).toBe(1);
    await waitFor(
      async () =>
        (await keyInfo(KEY)).placement.every((p) => p.replicas.every((r) => r.epoch === 1)),
      10_000,
      "every replica, the customer's included, at epoch 1",
    );
    const again = await call(
      gw,
      "Decrypt",
      { key_name: KEY, ciphertext: enc.ciphertext, context },
      admin,
    );
    expect(Buffer.from(again.plaintext).toString()).toBe("hello customer");
    const reread = await call(gw, "GetSecretValue", { names: [SECRET] }, admin);
    expect(Buffer.from(reread.values[0]?.value ?? []).toString()).toBe(VALUE);

    // Rotation makes a new version over the same slots, the customer's included.
    await call(gw, "RotateKey", { name: KEY }, admin);
    const v2 = await keyInfo(KEY);
    expect(v2.ref?.version).toBe(2);
    expect(v2.public_data?.slots).toEqual([1, 2, 3, CUSTOMER_SLOT]);
    const rotated = await call(
      gw,
      "Decrypt",
      { key_name: KEY, ciphertext: enc.ciphertext, context },
      admin,
    );
    expect(Buffer.from(rotated.plaintext).toString()).toBe("hello customer");

    // Ordinary keys never take the customer slot.
    await call(gw, "CreateDfcKey", { name: "/plain/aes", algorithm: "AES256GCM" }, admin);
    expect((await keyInfo("/plain/aes")).public_data?.slots).toEqual([1, 2, 3]);
    // A threshold the cluster slots could meet alone is refused.
    expect(
      await codeOf(
        call(
          gw,
          "CreateDfcKey",
          { name: "/customer/weak", algorithm: "AES256GCM", customer_slot: true, threshold: 3 },
          admin,
        ),
      ),
    ).toBe("invalid-argument");
  }, 60_000);

  it("the backend alone cannot recover the secret's data key", async () => {
    await assertBackendAloneCannotDerive(full, {
      key: KEY,
      secret: SECRET,
      customerSlot: CUSTOMER_SLOT,
    });
  }, 60_000);

  it("evaluates only for its own gateway, not for another gateway certificate of the cluster CA", async () => {
    const view = await coordinatorKeySource(full.fragments.coordinator(), 0)(KEY, true, 0);
    const [replica] = view.placement.get(CUSTOMER_SLOT) ?? [];
    if (!replica) throw new Error("the customer slot has no replica");
    // A gateway certificate the CA issued to someone else, as whoever holds the CA could.
    const port = grpcReplicaPort(
      clientCredentials(await full.fragments.tls("gateway", "not-the-customers")),
    );
    try {
      const { blinded } = blindInputs([new Uint8Array(32).fill(7)]);
      const ref = { keyId: view.keyId, version: view.version, epoch: view.key.epoch, blinded };
      expect(await codeOf(port.evaluate(replica, ref, 3_000))).toBe("permission-denied");
    } finally {
      port.close();
    }
    // The customer's own gateway is served as before.
    const enc = call(gw, "Encrypt", { key_name: KEY, plaintext: Buffer.from("x") }, admin);
    expect(await codeOf(enc)).toBe("ok");
  }, 30_000);

  // Orders (DKG, refresh, discard, HeldKeys…) reach the customer fragment only over the links
  // it opens to the coordinators; that its guard (n-of-n only) holds there is tested in
  // libs/fragment-node/src/link/coordinator-links.test.ts, with a coordinator written for it.
  it("takes no orders on its port, whatever coordinator certificate dials it", async () => {
    const leader = full.fragments.coordinator(await full.fragments.leaderIndex());
    const { fencing_token } = await call(leader, "ClusterStatus", {});
    const address = full.customer?.address;
    if (!address) throw new Error("the gateway's customer fragment has no port");
    const asCoordinator = createFragmentManagerClient(
      address,
      clientCredentials(await full.fragments.tls("coordinator", "dkg-probe")),
    );
    try {
      const refused = {
        code: "permission-denied",
        message: expect.stringContaining("only over the links it opens to the coordinators"),
      };
      await expect(call(asCoordinator, "NodeStatus", {})).rejects.toMatchObject(refused);
      await expect(
        call(asCoordinator, "DkgRound1", {
          session_id: randomUUID(),
          key: { key_id: randomBytes(16), version: 1 },
          suite: "RISTRETTO255",
          threshold: 3,
          participants: [],
          fencing_token,
        }),
      ).rejects.toMatchObject(refused);
    } finally {
      asCoordinator.close();
    }
  }, 30_000);

  it("without the gateway's customer slot, customer-slot keys are refused and their secrets unreadable", async () => {
    await full.gateway.stop();
    // Restarted without a customer slot: the cluster's slots are all it has.
    await full.gateway.start({ KF_CUSTOMER_SLOT: "" });
    await waitFor(
      async () =>
        (await keyInfo(KEY)).placement
          .find((p) => p.slot === CUSTOMER_SLOT)
          ?.replicas.every((r) => !r.healthy) ?? false,
      10_000,
      "the customer fragment to turn unhealthy",
    );
    const err = await call(
      gw,
      "CreateDfcKey",
      { name: "/customer/second", algorithm: "AES256GCM", customer_slot: true },
      admin,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailedPreconditionError);
    // The gateway itself refuses: with no customer fragment of its own it could not check the key.
    expect(String(err)).toMatch(/this one holds none/);
    expect(await codeOf(call(gw, "GetSecretValue", { names: [SECRET] }, admin))).not.toBe("ok");
    // Ordinary keys keep working.
    expect(
      await codeOf(
        call(gw, "Encrypt", { key_name: "/plain/aes", plaintext: Buffer.from("x") }, admin),
      ),
    ).toBe("ok");
  }, 60_000);
});
