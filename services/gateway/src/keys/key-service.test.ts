import { keyIdFromName } from "@keyfrag/crypto";
import { FailedPreconditionError, type KeyInfo__Output } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createKeyService, type KeyServiceDeps } from "./key-service.js";

// The ristretto255 base point: valid commitments for public data no fragment stands behind.
const G = Buffer.from("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76", "hex");

const info = (name: string, slots: number[], threshold: number): KeyInfo__Output => ({
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
