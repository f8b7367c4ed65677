import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keyIdFromName } from "@keyfrag/crypto";
import {
  DeadlineExceededError,
  type KeyInfo__Output,
  NotFoundError,
  UnavailableError,
} from "@keyfrag/rpc";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileKeyViewStore, KEY_VIEWS_FILE, keyViewsMacKey } from "./key-view-store.js";
import { createKeyViews, type KeyViewsDeps } from "./key-views.js";

// The ristretto255 base point and twice it: valid commitments for public data no fragment
// stands behind (two different group keys).
const G = Buffer.from("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76", "hex");
const G2 = Buffer.from("6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919", "hex");

const info = (
  name: string,
  o: { version?: number; epoch?: number; group?: Buffer; address?: string } = {},
): KeyInfo__Output => ({
  name,
  ref: { key_id: Buffer.from(keyIdFromName(name)), version: o.version ?? 1 },
  algorithm: "AES256GCM",
  public_data: {
    suite: "RISTRETTO255",
    threshold: 2,
    slots: [1, 2],
    epoch: o.epoch ?? 0,
    commitments: [o.group ?? G, G],
  },
  placement: [1, 2].map((slot) => ({
    slot,
    replicas: [
      {
        node_id: `fm-${slot}a`,
        region: "region-a",
        zone: "az-1",
        address: o.address ?? "127.0.0.1:9",
        healthy: true,
        epoch: o.epoch ?? 0,
        primary: true,
      },
    ],
    warnings: [],
  })),
  created_at_ms: "0",
  last_refresh_at_ms: "0",
  customer_fragment_slot: 0,
  customer_frg_id: "",
});

/** A coordinator pool that answers what `answer` says: a KeyInfo, or an error to throw. */
function coordinators() {
  let answer: KeyInfo__Output | Error = new UnavailableError("no coordinator answered");
  const asked: string[] = [];
  return {
    asked,
    answer: (a: KeyInfo__Output | Error) => {
      answer = a;
    },
    getKey: async (name: string, version: number) => {
      asked.push(`${name}@${version}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe("key views", () => {
  let dir: string;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-key-views-"));
    clock = 1_000_000;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const macKey = () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    return keyViewsMacKey(privateKey.export({ format: "pem", type: "pkcs8" }), "kf-test");
  };
  const views = (c: ReturnType<typeof coordinators>, over: Partial<KeyViewsDeps> = {}) =>
    createKeyViews({ getKey: c.getKey, now, waitMs: 50, ...over });

  it("keeps using a key it used while no coordinator answers", async () => {
    const c = coordinators();
    const v = views(c);
    c.answer(info("/k"));
    expect((await v.get("/k", 0)).view.version).toBe(1);
    c.answer(new UnavailableError("connect ECONNREFUSED"));
    clock += 60_000;
    expect((await v.get("/k", 0)).view.version).toBe(1);
    expect((await v.get("/k", 0, true)).view.version).toBe(1);
    c.answer(new DeadlineExceededError("deadline"));
    expect((await v.get("/k", 0, true)).view.key.epoch).toBe(0);
  });

  it("fails a key it never used with UNAVAILABLE naming the control plane", async () => {
    const c = coordinators();
    await expect(views(c).get("/never", 0)).rejects.toThrow(
      /control plane unavailable: no coordinator answered for key \/never/,
    );
  });

  it("does not tell the caller the coordinators' addresses, only the log", async () => {
    const c = coordinators();
    const detail = "No connection established. Last error: connect ECONNREFUSED 10.9.9.9:7000";
    c.answer(new UnavailableError(detail));
    const warned: unknown[] = [];
    const v = views(c, { onWarning: (_m, err) => warned.push(err) });
    const err = await v.get("/never", 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/control plane unavailable/);
    expect((err as Error).message).not.toContain("10.9.9.9");
    expect(warned).toHaveLength(1);
    expect((warned[0] as Error).message).toContain("10.9.9.9");
  });

  it("takes a newer view from a coordinator, never an older one", async () => {
    const c = coordinators();
    const v = views(c);
    c.answer(info("/k", { epoch: 2 }));
    await v.get("/k", 0);
    c.answer(info("/k", { epoch: 1 }));
    expect((await v.get("/k", 0, true)).view.key.epoch).toBe(2);
    c.answer(info("/k", { epoch: 2, group: G2 }));
    expect(Buffer.from((await v.get("/k", 0, true)).view.key.groupPublicKey)).toEqual(G);
    c.answer(info("/k", { epoch: 3, address: "127.0.0.1:10" }));
    const newer = await v.get("/k", 0, true);
    expect(newer.view.key.epoch).toBe(3);
    expect(newer.view.placement.get(1)?.[0]?.address).toBe("127.0.0.1:10");
    c.answer(info("/k", { version: 2 }));
    expect((await v.get("/k", 0, true)).view.version).toBe(2);
  });

  it("drops a view a coordinator says is gone", async () => {
    const c = coordinators();
    const v = views(c);
    c.answer(info("/k"));
    await v.get("/k", 0);
    c.answer(new NotFoundError("key /k not found"));
    await expect(v.get("/k", 0, true)).rejects.toBeInstanceOf(NotFoundError);
    c.answer(new UnavailableError("down"));
    await expect(v.get("/k", 0)).rejects.toThrow(/control plane unavailable/);
  });

  it("uses a fresh view without asking, and an older one at once during an outage", async () => {
    const c = coordinators();
    let hang: (() => void) | undefined;
    const v = views(c, {
      waitMs: 10_000,
      getKey: (name, version) =>
        hang
          ? new Promise((_, reject) => {
              hang = () => reject(new UnavailableError("down"));
            })
          : c.getKey(name, version),
    });
    c.answer(info("/k"));
    await v.get("/k", 0);
    await v.get("/k", 0);
    expect(c.asked).toHaveLength(1);
    clock += 10_000;
    c.answer(new UnavailableError("down"));
    await v.get("/k", 0); // finds the outage
    expect(c.asked).toHaveLength(2);
    // During it, a use does not wait for a coordinator that hangs (it is asked in the background).
    hang = () => {};
    clock += 10_000;
    const started = Date.now();
    expect((await v.get("/k", 0)).view.version).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    hang();
  });

  it("keeps views across a restart, in a file whose MAC is checked", async () => {
    const key = macKey();
    const c = coordinators();
    const first = views(c, { store: fileKeyViewStore({ dir, macKey: key }) });
    await first.start();
    c.answer(info("/k", { epoch: 4 }));
    await first.get("/k", 0);
    await expect(first.get("/k", 7)).rejects.toThrow(/when asked for v7/);
    await first.flush();

    c.answer(new UnavailableError("every coordinator is down"));
    const second = views(c, { store: fileKeyViewStore({ dir, macKey: key }) });
    expect(await second.start()).toBe(1);
    const state = await second.get("/k", 0);
    expect(state.view.key.epoch).toBe(4);
    expect(Buffer.from(state.view.keyId)).toEqual(Buffer.from(keyIdFromName("/k")));
    expect(second.known("/k")?.algorithm).toBe("AES256GCM");
  });

  it("ignores a stored file that was altered, or written under another TLS key", async () => {
    const key = macKey();
    const c = coordinators();
    const first = views(c, { store: fileKeyViewStore({ dir, macKey: key }) });
    c.answer(info("/k"));
    await first.get("/k", 0);
    await first.flush();
    const file = join(dir, KEY_VIEWS_FILE);
    const original = await readFile(file, "utf8");

    const refused: string[] = [];
    const load = (k: Buffer) =>
      views(c, { store: fileKeyViewStore({ dir, macKey: k, onRefused: (r) => refused.push(r) }) });
    // Another replica address in the payload, the MAC left as it was.
    await writeFile(file, original.replace("127.0.0.1:9", "10.6.6.6:9"));
    expect(await load(key).start()).toBe(0);
    await writeFile(file, original);
    expect(await load(macKey()).start()).toBe(0);
    await writeFile(file, "not json");
    expect(await load(key).start()).toBe(0);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/fails its MAC/);
    await writeFile(file, original);
    expect(await load(key).start()).toBe(1);
  });
});
