import { sign as cryptoSign, generateKeyPairSync } from "node:crypto";
import { keyIdFromName } from "@keyfrag/crypto";
import { FailedPreconditionError, type KeyInfo__Output, UnavailableError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createKeyService, type KeyServiceDeps } from "./key-service.js";

// The ristretto255 base point: valid commitments for public data no fragment stands behind.
const G = Buffer.from("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76", "hex");

const info = (
  name: string,
  slots: number[],
  threshold: number,
  customer: { customer_fragment_slot: number; customer_frg_id: string } = {
    customer_fragment_slot: 0,
    customer_frg_id: "",
  },
): KeyInfo__Output => ({
  name,
  ref: { key_id: Buffer.from(keyIdFromName(name)), version: 1 },
  algorithm: "AES256GCM",
  public_data: {
    suite: "RISTRETTO255",
    threshold,
    slots,
    epoch: 0,
    commitments: Array.from({ length: threshold }, () => G),
  },
  placement: slots.map((slot) => ({
    slot,
    replicas: [
      {
        node_id: `fm-${slot}`,
        region: "region-a",
        zone: "az-1",
        address: "127.0.0.1:9",
        healthy: true,
        epoch: 0,
        primary: true,
      },
    ],
    warnings: [],
  })),
  created_at_ms: "0",
  last_refresh_at_ms: "0",
  ...customer,
});

/** A key service whose coordinator answers `answer`, and whose fragments say they were reached. */
function service(answer: KeyInfo__Output, over: Partial<KeyServiceDeps> = {}) {
  const asked: string[] = [];
  const coordinators = {
    anyOf: async (method: string) => {
      asked.push(method);
      return answer;
    },
    leader: async (method: string) => {
      asked.push(method);
      return answer;
    },
  } as unknown as KeyServiceDeps["coordinators"];
  const keys = createKeyService({
    coordinators,
    dfc: () => {
      throw new Error("reached the fragments");
    },
    customerSlot: 100,
    usable: async () => ({ customerSlot: true }),
    ...over,
  });
  return { keys, asked };
}

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FailedPreconditionError);
  return (err as Error).message;
};

describe("customer-slot keys at the customer's gateway", () => {
  const context = {};
  const data = Buffer.from("data");

  it("refuses a customer-slot key whose public data lacks this gateway's customer slot", async () => {
    // A backend that built the key from cluster slots only: it could use it without the customer.
    const { keys } = service(info("/keys/c", [1, 2, 3], 3));
    expect(await refusal(keys.encrypt("/keys/c", data, context))).toMatch(
      /without this gateway's customer slot 100/,
    );
  });

  it("refuses a key with the customer slot whose threshold is less than every slot", async () => {
    const { keys } = service(info("/keys/c", [1, 2, 3, 100], 3), {
      // Even when its item does not say customer slot: its slots do.
      usable: async () => ({ customerSlot: false }),
    });
    expect(await refusal(keys.encrypt("/keys/c", data, context))).toMatch(/threshold 3 of 4/);
  });

  it("uses an n-of-n key that includes its customer slot", async () => {
    const { keys } = service(info("/keys/c", [1, 2, 3, 100], 4));
    await expect(keys.encrypt("/keys/c", data, context)).rejects.toThrow(/reached the fragments/);
  });

  it("refuses a customer-slot key where it holds no customer fragment", async () => {
    const { keys } = service(info("/keys/c", [1, 2, 3, 100], 4), { customerSlot: undefined });
    expect(await refusal(keys.encrypt("/keys/c", data, context))).toMatch(/KF_CUSTOMER_SLOT/);
  });

  it("checks what CreateKey answered for a customer-slot key", async () => {
    const made = service(info("/keys/c", [1, 2, 3], 3));
    expect(
      await refusal(
        made.keys.create({
          name: "/keys/c",
          algorithm: "AES256GCM",
          slots: 0,
          threshold: 0,
          customerSlot: true,
        }),
      ),
    ).toMatch(/without this gateway's customer slot 100/);
    const good = service(info("/keys/c", [1, 2, 3, 100], 4));
    await good.keys.create({
      name: "/keys/c",
      algorithm: "AES256GCM",
      slots: 0,
      threshold: 0,
      customerSlot: true,
    });
    // Without a customer fragment of its own, it does not even ask.
    const none = service(info("/keys/c", [1, 2, 3, 100], 4), { customerSlot: undefined });
    expect(
      await refusal(
        none.keys.create({
          name: "/keys/c",
          algorithm: "AES256GCM",
          slots: 0,
          threshold: 0,
          customerSlot: true,
        }),
      ),
    ).toMatch(/KF_CUSTOMER_SLOT/);
    expect(none.asked).toEqual([]);
  });
});

describe("several customer fragments: one segment's gateway and another's keys", () => {
  const data = Buffer.from("data");
  // Segment A's key, by its item: customer fragment acme, slot 100.
  const ofA = async () => ({
    customerSlot: true,
    customerFragmentSlot: 100,
    customerFrgId: "acme",
  });

  it("refuses another customer fragment's key, naming its slot, before reaching any fragment", async () => {
    const { keys } = service(info("/keys/a", [1, 2, 3, 100], 4), {
      customerSlot: 101,
      usable: ofA,
    });
    const message = await refusal(keys.encrypt("/keys/a", data, {}));
    expect(message).toMatch(
      /belongs to customer fragment acme \(slot 100\); this gateway holds customer slot 101: use the key through a gateway of customer slot 100/,
    );
    expect(await refusal(keys.sign("/keys/a", data, 0))).toMatch(/customer fragment acme/);
    // The backend's gateways (no customer fragment) refuse it too, naming the slot.
    const backend = service(info("/keys/a", [1, 2, 3, 100], 4), {
      customerSlot: undefined,
      usable: ofA,
    });
    expect(await refusal(backend.keys.encrypt("/keys/a", data, {}))).toMatch(
      /slot 100\); this gateway holds no customer fragment/,
    );
  });

  it("uses its own segment's key", async () => {
    const { keys } = service(info("/keys/a", [1, 2, 3, 100], 4), { usable: ofA });
    await expect(keys.encrypt("/keys/a", data, {})).rejects.toThrow(/reached the fragments/);
  });

  it("a key recorded before customer fragments had ids is refused by its slots", async () => {
    const { keys } = service(info("/keys/a", [1, 2, 3, 100], 4), { customerSlot: 101 });
    expect(await refusal(keys.encrypt("/keys/a", data, {}))).toMatch(
      /without this gateway's customer slot 101 \(its slots: 1, 2, 3, 100\)/,
    );
  });

  it("asks the coordinators for the named fragment, saying its own slot; checks the answer", async () => {
    const asked: unknown[] = [];
    const answer = info("/keys/b", [1, 2, 3, 100], 4, {
      customer_fragment_slot: 100,
      customer_frg_id: "acme",
    });
    const keys = createKeyService({
      coordinators: {
        anyOf: async () => answer,
        leader: async (_method: string, req: unknown) => {
          asked.push(req);
          return answer;
        },
      } as unknown as KeyServiceDeps["coordinators"],
      dfc: () => {
        throw new Error("reached the fragments");
      },
      customerSlot: 101,
    });
    // A coordinator that placed it on another segment's slot: refused, naming that slot.
    expect(
      await refusal(
        keys.create({
          name: "/keys/b",
          algorithm: "AES256GCM",
          slots: 0,
          threshold: 0,
          customerFrgId: "globex",
        }),
      ),
    ).toMatch(
      /belongs to customer fragment acme \(slot 100\); this gateway holds customer slot 101/,
    );
    expect(asked).toEqual([
      expect.objectContaining({
        customer_slot: true,
        customer_frg_id: "globex",
        gateway_customer_slot: 101,
      }),
    ]);
  });
});

describe("verify without a version", () => {
  const data = Buffer.from("signed data");
  // Ed25519's base point: a second commitment, so each version's group key is its own key pair's.
  const B = Buffer.from("5866666666666666666666666666666666666666666666666666666666666666", "hex");
  const pairs = Array.from({ length: 8 }, () => generateKeyPairSync("ed25519"));
  const pair = (v: number) => pairs[v - 1] as (typeof pairs)[number];
  const raw = (v: number) => pair(v).publicKey.export({ format: "der", type: "spki" }).subarray(12);
  const signedBy = (v: number) => cryptoSign(null, data, pair(v).privateKey);
  const edInfo = (name: string, version: number): KeyInfo__Output => ({
    ...info(name, [1, 2], 2),
    ref: { key_id: Buffer.from(keyIdFromName(name)), version },
    algorithm: "ED25519",
    public_data: {
      suite: "ED25519",
      threshold: 2,
      slots: [1, 2],
      epoch: 0,
      commitments: [raw(version), B],
    },
  });
  /** A key service over a coordinator holding versions 1..newest, or none answering. */
  function signingKeys(newest: number, over: Partial<KeyServiceDeps> = {}) {
    const asked: number[] = [];
    let down = false;
    const coordinators = {
      anyOf: async (_method: string, req: { name: string; version: number }) => {
        asked.push(req.version);
        if (down) throw new UnavailableError("connect ECONNREFUSED 10.9.9.9:7000");
        return edInfo(req.name, req.version || newest);
      },
    } as unknown as KeyServiceDeps["coordinators"];
    const keys = createKeyService({
      coordinators,
      dfc: () => {
        throw new Error("reached the fragments");
      },
      ...over,
    });
    return { keys, asked, outage: () => (down = true) };
  }

  it("answers during an outage with the versions it knows; one it never used makes it UNAVAILABLE, never a wrong 'invalid'", async () => {
    const { keys, outage } = signingKeys(3);
    // This gateway used the newest version and v1 (e.g. verifying with v1 named).
    expect(await keys.verify("/s", data, signedBy(1), 1)).toBe(true);
    expect((await keys.publicKey("/s", 0)).version).toBe(3);
    outage();
    expect(await keys.verify("/s", data, signedBy(1), 0)).toBe(true);
    expect(await keys.verify("/s", data, signedBy(3), 0)).toBe(true);
    // v2 was never used here and cannot be looked up now: neither "valid" nor a wrong "invalid".
    await expect(keys.verify("/s", data, signedBy(2), 0)).rejects.toThrow(UnavailableError);
    await expect(keys.verify("/s", data, signedBy(2), 0)).rejects.toThrow(/give its version/);
  });

  it("tries at most verifyMaxVersions versions, newest first; an older one needs its version", async () => {
    const { keys, asked } = signingKeys(7, { verifyMaxVersions: 3 });
    expect(await keys.verify("/s", data, signedBy(5), 0)).toBe(true);
    expect(await keys.verify("/s", data, signedBy(1), 0)).toBe(false);
    expect(asked.sort()).toEqual([0, 5, 6]);
    expect(await keys.verify("/s", data, signedBy(1), 1)).toBe(true);
  });
});
