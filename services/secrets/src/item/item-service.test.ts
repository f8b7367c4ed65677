import { generateKeyPairSync, randomBytes } from "node:crypto";
import { publishJson } from "@keyfrag/bus";
import {
  ConflictError,
  FailedPreconditionError,
  InvalidArgumentError,
  type KeyfragError,
  NotFoundError,
} from "@keyfrag/rpc";
import { type TestNats, type TestRedis, testNats, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type CreateItemInput, createItemService, type ItemService } from "./item-service.js";
import { createItemStore } from "./item-store.js";
import { type SecretsChange, SecretsChangeSchema, secretsChangedSubject } from "./item-types.js";

let redis: TestRedis;
let nats: TestNats;
let items: ItemService;
const events: SecretsChange[] = [];

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const ecPem = ec.publicKey.export({ type: "spki", format: "pem" }).toString();

/** A static secret's create input (first version "v1 of <name>" under /keys/main v1). */
const secret = (name: string, extra: Partial<CreateItemInput> = {}): CreateItemInput => ({
  name,
  type: "static-secret",
  keyName: "/keys/main",
  keyVersion: 1,
  ciphertext: bytes(`v1 of ${name}`),
  ...extra,
});
const put = (name: string, n: number, extra: Record<string, unknown> = {}) =>
  items.putVersion({ name, ciphertext: bytes(`v${n} of ${name}`), keyVersion: 1, ...extra });
const text = async (name: string, version = 0) => {
  const [v] = await items.getVersions({ names: [name], version });
  return v && { version: v.version, text: Buffer.from(v.ciphertext).toString() };
};
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as KeyfragError,
  );

beforeAll(async () => {
  redis = await testRedis();
  nats = await testNats();
  const subject = secretsChangedSubject(nats.name("secrets"));
  nats.nc.subscribe(subject, {
    callback: (_err, msg) => {
      events.push(SecretsChangeSchema.parse(msg.json()));
    },
  });
  await nats.nc.flush();
  items = createItemService({
    store: createItemStore(redis.client, `${redis.prefix}items`),
    publish: (change) => publishJson(nats.nc, subject, change),
    maxCiphertextBytes: 4096,
  });
});

afterAll(async () => {
  await nats?.[Symbol.asyncDispose]();
  await redis?.[Symbol.asyncDispose]();
});

describe("static secret versions", () => {
  it("stores versions and reads the newest or an older one, bytes intact", async () => {
    const binary = new Uint8Array([0, 255, 1, 128, 0, 10, 13]);
    const created = await items.createItem(
      secret("/app/db/password", {
        ciphertext: binary,
        description: "the db",
        tags: ["db", "prod", "db"],
      }),
    );
    expect(created).toMatchObject({
      name: "/app/db/password",
      type: "static-secret",
      description: "the db",
      tags: ["db", "prod"],
      keyName: "/keys/main",
      maxVersions: 10,
      currentVersion: 1,
      deleted: false,
      versions: [{ version: 1, keyName: "/keys/main", keyVersion: 1 }],
    });
    expect(created).not.toHaveProperty("dfcKey");
    const v2 = await items.putVersion({
      name: "/app/db/password",
      ciphertext: bytes("second"),
      keyName: "/keys/other",
      keyVersion: 3,
    });
    expect(v2.currentVersion).toBe(2);
    expect(v2.keyName).toBe("/keys/other");
    expect(v2.versions.map((v) => [v.version, v.keyName, v.keyVersion])).toEqual([
      [1, "/keys/main", 1],
      [2, "/keys/other", 3],
    ]);
    const [newest] = await items.getVersions({ names: ["/app/db/password"] });
    expect(newest).toMatchObject({ version: 2, keyName: "/keys/other", keyVersion: 3 });
    expect(Buffer.from(newest?.ciphertext ?? []).toString()).toBe("second");
    const [first] = await items.getVersions({ names: ["/app/db/password"], version: 1 });
    expect(Buffer.from(first?.ciphertext ?? [])).toEqual(Buffer.from(binary));
    expect((await items.describeItem("/app/db/password")).versions).toHaveLength(2);
  });

  it("puts a version checked against the item's key and type only while the item still has them", async () => {
    const name = "/checked/db";
    await items.createItem(secret(name));
    const checked = { checkItem: true, expectedType: "static-secret" };
    await put(name, 2, { ...checked, keyName: "/keys/main", expectedKeyName: "/keys/main" });
    expect(await text(name)).toEqual({ version: 2, text: `v2 of ${name}` });

    // Deleted and made again under another key: a value encrypted under the old key is refused
    // and nothing is written.
    await items.deleteItem(name);
    await items.purgeItem(name);
    await items.createItem(secret(name, { keyName: "/keys/other" }));
    const stale = await failure(
      put(name, 2, { ...checked, keyName: "/keys/main", expectedKeyName: "/keys/main" }),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale?.message).toMatch(/under key "\/keys\/other"/);
    expect(await text(name)).toEqual({ version: 1, text: `v1 of ${name}` });
    expect((await items.describeItem(name)).keyName).toBe("/keys/other");
    // Another type under the name is refused the same way.
    const wrongType = await failure(
      put(name, 2, { checkItem: true, expectedType: "sealed-key", expectedKeyName: "/keys/other" }),
    );
    expect(wrongType).toBeInstanceOf(ConflictError);
    // Without the check (what an older gateway sends) the put goes through as before.
    await put(name, 2, { keyName: "/keys/other" });
    expect(await text(name)).toEqual({ version: 2, text: `v2 of ${name}` });
  });

  it("reads several items at once, in the order asked", async () => {
    await items.createItem(secret("/multi/a"));
    await items.createItem(secret("/multi/b"));
    await put("/multi/b", 2);
    const read = await items.getVersions({ names: ["/multi/b", "/multi/a"] });
    expect(read.map((v) => [v.name, v.version, Buffer.from(v.ciphertext).toString()])).toEqual([
      ["/multi/b", 2, "v2 of /multi/b"],
      ["/multi/a", 1, "v1 of /multi/a"],
    ]);
    const error = await failure(items.getVersions({ names: ["/multi/a", "/multi/nope"] }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error?.message).toContain('"/multi/nope"');
  });

  it("keeps only the newest max_versions", async () => {
    const name = "/app/pruned";
    await items.createItem(secret(name, { maxVersions: 3 }));
    for (let n = 2; n <= 5; n++) await put(name, n);
    const item = await items.describeItem(name);
    expect(item.versions.map((v) => v.version)).toEqual([3, 4, 5]);
    expect(await text(name)).toEqual({ version: 5, text: `v5 of ${name}` });
    expect(await text(name, 3)).toEqual({ version: 3, text: `v3 of ${name}` });
    const pruned = await failure(text(name, 2));
    expect(pruned).toBeInstanceOf(NotFoundError);
    expect(pruned?.message).toContain("version 2");
    expect(pruned?.message).toContain("no longer kept");
    const future = await failure(text(name, 6));
    expect(future).toBeInstanceOf(NotFoundError);
    expect(future?.message).toContain("version 6");
  });

  it("check-and-set puts only over the expected version", async () => {
    const name = "/app/cas";
    await items.createItem(secret(name));
    expect((await put(name, 2, { checkAndSet: true, expectedVersion: 1 })).currentVersion).toBe(2);
    const stale = await failure(put(name, 3, { checkAndSet: true, expectedVersion: 1 }));
    expect(stale).toBeInstanceOf(FailedPreconditionError);
    expect(stale?.message).toContain('newest version of "/app/cas" is 2, not 1');
    // Without check-and-set the put always lands.
    expect((await put(name, 3)).currentVersion).toBe(3);
  });

  it("lets exactly one of parallel check-and-set puts win", async () => {
    const name = "/app/race";
    await items.createItem(secret(name));
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        put(name, 100 + i, { checkAndSet: true, expectedVersion: 1 }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const r of lost) expect(r.reason).toBeInstanceOf(FailedPreconditionError);
    const item = await items.describeItem(name);
    expect(item.currentVersion).toBe(2);
    expect(item.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it("refuses to create a name that exists, even deleted", async () => {
    await items.createItem(secret("/app/taken"));
    const live = await failure(items.createItem(secret("/app/taken")));
    expect(live).toBeInstanceOf(ConflictError);
    // A live item is not "perhaps deleted": the message says what to do with it.
    expect(live?.message).toBe(
      'item "/app/taken" already exists (a static-secret): update it to add a version, or choose another name',
    );
    await items.deleteItem("/app/taken");
    const error = await failure(items.createItem(secret("/app/taken")));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error?.message).toBe(
      'item "/app/taken" exists and is deleted: restore it, or choose another name',
    );
  });
});

describe("writes", () => {
  it("a create and a new version each cost one Redis command, and answer the item as stored", async () => {
    // Its own connection, so only this service's commands are counted.
    const connection = redis.client.duplicate();
    const sent = vi.spyOn(connection, "sendCommand");
    try {
      const counted = createItemService({
        store: createItemStore(connection, `${redis.prefix}items`),
        publish: () => undefined,
      });
      await connection.ping(); // past the connection's own handshake commands
      sent.mockClear();
      const name = "/writes/one-round-trip";
      const created = await counted.createItem(secret(name));
      expect(sent).toHaveBeenCalledTimes(1);
      const updated = await counted.putVersion({ name, ciphertext: bytes("v2"), keyVersion: 1 });
      expect(sent).toHaveBeenCalledTimes(2);
      expect(created.versions.map((v) => v.version)).toEqual([1]);
      expect(updated).toEqual(await items.describeItem(name));
    } finally {
      sent.mockRestore();
      connection.disconnect();
    }
  });
});

describe("soft delete and restore", () => {
  it("purges only a deleted item, every version, and frees its name", async () => {
    const name = "/purge/item";
    await items.createItem(secret(name));
    await put(name, 2);
    const live = await failure(items.purgeItem(name));
    expect(live).toBeInstanceOf(FailedPreconditionError);
    expect(live?.message).toContain("is not deleted: delete it first");
    await items.deleteItem(name);
    const purged = await items.purgeItem(name);
    expect(purged.currentVersion).toBe(2);
    // Gone: not restorable, not listed even with deleted ones, the name free again.
    expect(await failure(items.restoreItem(name))).toBeInstanceOf(NotFoundError);
    const listed = await items.listItems({ path: "/purge", includeDeleted: true });
    expect(listed.items.map((i) => i.name)).not.toContain(name);
    expect(await redis.client.exists(`${redis.prefix}items:ct:${name}`)).toBe(0);
    expect(await redis.client.exists(`${redis.prefix}items:vm:${name}`)).toBe(0);
    await items.createItem(secret(name));
    expect((await text(name))?.version).toBe(1);
    expect(await failure(items.purgeItem("/purge/never"))).toBeInstanceOf(NotFoundError);
  });

  it("destroys one version's value for good, keeping the others and its metadata", async () => {
    const name = "/destroy/item";
    await items.createItem(secret(name, { maxVersions: 3 }));
    await put(name, 2);
    await put(name, 3);
    const after = await items.destroyVersion(name, 2);
    expect(after.versions.map((v) => [v.version, (v.destroyedAtMs ?? 0) > 0])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    // Its ciphertext is gone from Redis; reading it says so; the others read as before.
    expect(await redis.client.hexists(`${redis.prefix}items:ct:${name}`, "2")).toBe(0);
    const gone = await failure(text(name, 2));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone?.message).toContain('version 2 of "/destroy/item" was destroyed');
    expect(await text(name, 1)).toEqual({ version: 1, text: `v1 of ${name}` });
    expect(await text(name)).toEqual({ version: 3, text: `v3 of ${name}` });
    await vi.waitFor(() => expect(events).toContainEqual({ name, kind: "replaced", version: 2 }));
    // Again: no change. The newest may be destroyed too: reading the newest then says so.
    const again = await items.destroyVersion(name, 2);
    expect(again.versions[1]?.destroyedAtMs).toBe(after.versions[1]?.destroyedAtMs);
    await items.destroyVersion(name, 3);
    expect((await failure(text(name)))?.message).toContain("version 3");
    // Pruned with the oldest versions as usual; describe shows it after a new put.
    await put(name, 4);
    await put(name, 5);
    expect((await items.describeItem(name)).versions.map((v) => v.version)).toEqual([3, 4, 5]);
    expect(await redis.client.hexists(`${redis.prefix}items:dv:${name}`, "2")).toBe(0);
    // Refused: a version not kept or not there, version 0, a DFC key, an unknown item.
    expect((await failure(items.destroyVersion(name, 1)))?.message).toContain("no longer kept");
    expect((await failure(items.destroyVersion(name, 9)))?.message).toContain("does not exist");
    expect(await failure(items.destroyVersion(name, 0))).toBeInstanceOf(InvalidArgumentError);
    await items.createItem({
      name: "/destroy/key",
      type: "dfc-key",
      dfcKey: { algorithm: "AES256GCM", slots: 3 },
    });
    expect(await failure(items.destroyVersion("/destroy/key", 1))).toBeInstanceOf(
      FailedPreconditionError,
    );
    expect(await failure(items.destroyVersion("/destroy/none", 1))).toBeInstanceOf(NotFoundError);
    // Purging the item removes what is left of it.
    await items.deleteItem(name);
    await items.purgeItem(name);
    expect(await redis.client.exists(`${redis.prefix}items:dv:${name}`)).toBe(0);
  });

  it("keeps a deleted DFC key's item: its key and fragments outlive it", async () => {
    const name = "/purge/key";
    await items.createItem({ name, type: "dfc-key", dfcKey: { algorithm: "AES256GCM", slots: 3 } });
    await items.deleteItem(name);
    const refused = await failure(items.purgeItem(name));
    expect(refused).toBeInstanceOf(FailedPreconditionError);
    expect(refused?.message).toContain("is a DFC key");
  });

  it("hides a deleted item from reads and lists, and restore brings it back whole", async () => {
    const name = "/trash/item";
    await items.createItem(secret(name));
    await put(name, 2);
    const deleted = await items.deleteItem(name);
    expect(deleted.deleted).toBe(true);
    expect(deleted.deletedAtMs).toBeGreaterThan(0);
    expect(await failure(text(name))).toBeInstanceOf(NotFoundError);
    expect(await failure(items.describeItem(name))).toBeInstanceOf(NotFoundError);
    expect(await failure(put(name, 3))).toBeInstanceOf(NotFoundError);
    expect(await failure(items.deleteItem(name))).toBeInstanceOf(NotFoundError);
    expect((await items.listItems({ path: "/trash" })).items).toEqual([]);
    const withDeleted = await items.listItems({ path: "/trash", includeDeleted: true });
    expect(withDeleted.items.map((i) => [i.name, i.deleted])).toEqual([[name, true]]);

    const restored = await items.restoreItem(name);
    expect(restored).toMatchObject({ deleted: false, deletedAtMs: 0, currentVersion: 2 });
    expect(await text(name, 1)).toEqual({ version: 1, text: `v1 of ${name}` });
    expect(await text(name)).toEqual({ version: 2, text: `v2 of ${name}` });
    expect((await items.listItems({ path: "/trash" })).items).toHaveLength(1);
    expect(await failure(items.restoreItem(name))).toBeInstanceOf(FailedPreconditionError);
    expect(await failure(items.restoreItem("/trash/never"))).toBeInstanceOf(NotFoundError);
  });
});

describe("listing", () => {
  const names = [
    "/prod/a",
    "/prod/b",
    "/prod/db/password",
    "/prod/db/user",
    "/prod/x/y",
    "/prod/x/y/z",
    "/prod/é",
    "/prod/🔑",
  ];
  const outside = ["/prod", "/production", "/prod-b", "/pro", "/dev/prod/a"];

  beforeAll(async () => {
    for (const name of [...names, ...outside]) await items.createItem(secret(`/ls${name}`));
    await items.createItem({
      name: "/ls/prod/keys/k1",
      type: "dfc-key",
      dfcKey: { algorithm: "AES256GCM", slots: 3 },
    });
  });

  it("pages through a folder in name order, without gaps or duplicates", async () => {
    const seen: string[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const page = await items.listItems({ path: "/ls/prod", pageSize: 3, pageToken });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.name));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    const expected = [...names.map((n) => `/ls${n}`), "/ls/prod/keys/k1"].sort((a, b) =>
      Buffer.compare(Buffer.from(a), Buffer.from(b)),
    );
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it("filters by type, and lists everything from the root", async () => {
    const keys = await items.listItems({ path: "/ls", type: "dfc-key" });
    expect(keys.items.map((i) => i.name)).toEqual(["/ls/prod/keys/k1"]);
    expect(keys.nextPageToken).toBe("");
    const secrets: string[] = [];
    let pageToken = "";
    do {
      const page = await items.listItems({
        path: "/ls/prod",
        type: "static-secret",
        pageSize: 4,
        pageToken,
      });
      secrets.push(...page.items.map((i) => i.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(secrets).toHaveLength(names.length);
    const all = await items.listItems({ path: "/", pageSize: 1000 });
    expect(all.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(["/ls/prod", "/ls/production", "/ls/dev/prod/a", "/app/cas"]),
    );
  });

  it("refuses a page token that is not from the listing", async () => {
    const page = await items.listItems({ path: "/ls/prod", pageSize: 2 });
    const error = await failure(
      items.listItems({ path: "/ls/dev", pageToken: page.nextPageToken }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.message).toContain("page_token");
    expect(await failure(items.listItems({ path: "/", pageToken: "!!" }))).toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe("dfc-key and sealed-key items", () => {
  it("keeps a customer-slot key's customer fragment (id and slot), and refuses one on another key", async () => {
    await items.createItem({
      name: "/keys/cust",
      type: "dfc-key",
      dfcKey: {
        algorithm: "AES256GCM",
        slots: 4,
        customerSlot: true,
        customerFrgId: "acme",
        customerFragmentSlot: 100,
      },
    });
    expect((await items.describeItem("/keys/cust")).dfcKey).toMatchObject({
      customerSlot: true,
      customerFrgId: "acme",
      customerFragmentSlot: 100,
    });
    const bad = [
      { customerSlot: false, customerFrgId: "acme" },
      { customerSlot: true, customerFrgId: "bad id" },
      { customerSlot: true, customerFragmentSlot: 256 },
    ];
    for (const extra of bad) {
      const error = await failure(
        items.createItem({
          name: "/keys/bad",
          type: "dfc-key",
          dfcKey: { algorithm: "AES256GCM", slots: 4, ...extra },
        }),
      );
      expect(error, JSON.stringify(extra)).toBeInstanceOf(InvalidArgumentError);
    }
  });

  it("records DFC key metadata and its versions one at a time", async () => {
    const created = await items.createItem({
      name: "/keys/k1",
      type: "dfc-key",
      description: "main key",
      dfcKey: { algorithm: "ED25519", slots: 3, customerSlot: true, rotationIntervalDays: 30 },
    });
    expect(created).toMatchObject({
      type: "dfc-key",
      currentVersion: 1,
      maxVersions: 0,
      versions: [],
      dfcKey: {
        algorithm: "ED25519",
        slots: 3,
        threshold: 3,
        customerSlot: true,
        rotationIntervalDays: 30,
        currentVersion: 1,
      },
    });
    expect(created.dfcKey?.lastRotatedAtMs).toBeGreaterThan(0);
    const rotated = await items.addKeyVersion("/keys/k1", 2);
    expect(rotated.currentVersion).toBe(2);
    expect(rotated.dfcKey?.currentVersion).toBe(2);
    for (const version of [2, 4]) {
      const error = await failure(items.addKeyVersion("/keys/k1", version));
      expect(error).toBeInstanceOf(FailedPreconditionError);
      expect(error?.message).toContain("at version 2");
    }
    expect(await failure(text("/keys/k1"))).toBeInstanceOf(FailedPreconditionError);
    expect(await failure(put("/keys/k1", 2))).toBeInstanceOf(FailedPreconditionError);
    await items.createItem(secret("/keys/not-a-key"));
    expect(await failure(items.addKeyVersion("/keys/not-a-key", 2))).toBeInstanceOf(
      FailedPreconditionError,
    );
  });

  it("stores sealed keys with their public key, checked against the algorithm", async () => {
    const created = await items.createItem(
      secret("/ssh/ca", {
        type: "sealed-key",
        sealedKey: { algorithm: "ECDSA-P256", publicKeyPem: ecPem },
      }),
    );
    expect(created.sealedKey).toEqual({ algorithm: "ECDSA-P256", publicKeyPem: ecPem });
    expect((await put("/ssh/ca", 2)).currentVersion).toBe(2);
    expect(await text("/ssh/ca")).toEqual({ version: 2, text: "v2 of /ssh/ca" });

    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const rsaPem = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();
    await items.createItem(
      secret("/ssh/rsa", {
        type: "sealed-key",
        sealedKey: { algorithm: "RSA2048", publicKeyPem: rsaPem },
      }),
    );
    const wrongSize = await failure(
      items.createItem(
        secret("/ssh/rsa4k", {
          type: "sealed-key",
          sealedKey: { algorithm: "RSA4096", publicKeyPem: rsaPem },
        }),
      ),
    );
    expect(wrongSize?.message).toContain("not an RSA4096 public key");
    // A private key must never be stored in the clear, not even by mistake.
    const privatePem = ec.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const leaked = await failure(
      items.createItem(
        secret("/ssh/leak", {
          type: "sealed-key",
          sealedKey: { algorithm: "ECDSA-P256", publicKeyPem: privatePem },
        }),
      ),
    );
    expect(leaked).toBeInstanceOf(InvalidArgumentError);
    expect(leaked?.message).not.toContain("PRIVATE");
  });
});

describe("ReplaceCiphertext", () => {
  it("rewraps a version only while it still holds the expected bytes", async () => {
    const name = "/rewrap/item";
    await items.createItem(secret(name, { maxVersions: 2 }));
    await put(name, 2);
    const replaced = await items.replaceCiphertext({
      name,
      version: 1,
      expectedCiphertext: bytes(`v1 of ${name}`),
      ciphertext: bytes("v1 rewrapped"),
      keyVersion: 2,
    });
    expect(replaced.versions[0]).toMatchObject({
      version: 1,
      keyName: "/keys/main",
      keyVersion: 2,
    });
    expect(replaced.currentVersion).toBe(2);
    const [v1] = await items.getVersions({ names: [name], version: 1 });
    expect(v1).toMatchObject({ keyVersion: 2 });
    expect(Buffer.from(v1?.ciphertext ?? []).toString()).toBe("v1 rewrapped");

    const conflict = await failure(
      items.replaceCiphertext({
        name,
        version: 1,
        expectedCiphertext: bytes(`v1 of ${name}`),
        ciphertext: bytes("again"),
        keyVersion: 3,
      }),
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(await text(name, 1)).toEqual({ version: 1, text: "v1 rewrapped" });

    await put(name, 3);
    const gone = await failure(
      items.replaceCiphertext({
        name,
        version: 1,
        expectedCiphertext: bytes("v1 rewrapped"),
        ciphertext: bytes("late"),
        keyVersion: 3,
      }),
    );
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone?.message).toContain("version 1");
  });
});

describe("change events", () => {
  it("announces every change on <cluster>.secrets.changed", async () => {
    const name = "/events/item";
    await items.createItem(secret(name));
    await put(name, 2);
    await items.replaceCiphertext({
      name,
      version: 2,
      expectedCiphertext: bytes(`v2 of ${name}`),
      ciphertext: bytes("rewrapped"),
      keyVersion: 2,
    });
    await items.deleteItem(name);
    await items.restoreItem(name);
    await items.createItem({
      name: "/events/key",
      type: "dfc-key",
      dfcKey: { algorithm: "AES128GCM", slots: 2 },
    });
    await items.addKeyVersion("/events/key", 2);
    await expect
      .poll(() => events.filter((e) => e.name.startsWith("/events/")))
      .toEqual([
        { name, kind: "created", version: 1 },
        { name, kind: "version", version: 2 },
        { name, kind: "replaced", version: 2 },
        { name, kind: "deleted", version: 2 },
        { name, kind: "restored", version: 2 },
        { name: "/events/key", kind: "created", version: 1 },
        { name: "/events/key", kind: "version", version: 2 },
      ]);
  });
});

describe("bad input", () => {
  const huge = new Uint8Array(4097);
  const ok = "/bad/ok";
  const cases: [string, () => Promise<unknown>, string][] = [
    ["create: empty name", () => items.createItem(secret("")), "name is required"],
    ["create: dot-dot", () => items.createItem(secret("/a/../b")), 'name must not contain a ".."'],
    [
      "create: trailing slash",
      () => items.createItem(secret("/bad/x/")),
      'name must not end with "/"',
    ],
    ["create: star", () => items.createItem(secret("/bad/*")), 'name must not contain "*"'],
    [
      "create: invalid UTF-8",
      () => items.createItem(secret("/bad/\ufffd")),
      "name is not valid UTF-8",
    ],
    ["create: relative", () => items.createItem(secret("bad/x")), "name must be an absolute path"],
    [
      "create: huge ciphertext",
      () => items.createItem(secret("/bad/x", { ciphertext: huge })),
      "ciphertext is 4097 bytes",
    ],
    [
      "create: no ciphertext",
      () => items.createItem(secret("/bad/x", { ciphertext: new Uint8Array() })),
      "ciphertext is required",
    ],
    [
      "create: unknown type",
      () => items.createItem(secret("/bad/x", { type: "password" })),
      "type must be one of",
    ],
    [
      "create: no key name",
      () => items.createItem(secret("/bad/x", { keyName: "" })),
      "key_name is required",
    ],
    [
      "create: key version 0",
      () => items.createItem(secret("/bad/x", { keyVersion: 0 })),
      "key_version",
    ],
    [
      "create: max_versions",
      () => items.createItem(secret("/bad/x", { maxVersions: 101 })),
      "max_versions",
    ],
    [
      "create: description",
      () => items.createItem(secret("/bad/x", { description: "d".repeat(1025) })),
      "description",
    ],
    [
      "create: too many tags",
      () =>
        items.createItem(secret("/bad/x", { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })),
      "tags holds 51",
    ],
    [
      "create: long tag",
      () => items.createItem(secret("/bad/x", { tags: ["ok", "t".repeat(129)] })),
      "tags[1]",
    ],
    [
      "create: dfc spec on a secret",
      () => items.createItem(secret("/bad/x", { dfcKey: { algorithm: "ED25519", slots: 1 } })),
      "dfc_key is only for",
    ],
    [
      "create: dfc without spec",
      () => items.createItem({ name: "/bad/k", type: "dfc-key" }),
      "dfc_key is required",
    ],
    [
      "create: dfc bad algorithm",
      () =>
        items.createItem({
          name: "/bad/k",
          type: "dfc-key",
          dfcKey: { algorithm: "DES", slots: 3 },
        }),
      "dfc_key.algorithm",
    ],
    [
      "create: dfc slots",
      () =>
        items.createItem({
          name: "/bad/k",
          type: "dfc-key",
          dfcKey: { algorithm: "ED25519", slots: 0 },
        }),
      "dfc_key.slots",
    ],
    [
      "create: dfc threshold",
      () =>
        items.createItem({
          name: "/bad/k",
          type: "dfc-key",
          dfcKey: { algorithm: "ED25519", slots: 2, threshold: 3 },
        }),
      "dfc_key.threshold",
    ],
    [
      "create: dfc with ciphertext",
      () =>
        items.createItem({
          name: "/bad/k",
          type: "dfc-key",
          ciphertext: bytes("x"),
          dfcKey: { algorithm: "ED25519", slots: 2 },
        }),
      "ciphertext must be empty",
    ],
    [
      "create: sealed bad algorithm",
      () =>
        items.createItem(
          secret("/bad/s", {
            type: "sealed-key",
            sealedKey: { algorithm: "DSA", publicKeyPem: ecPem },
          }),
        ),
      "sealed_key.algorithm",
    ],
    [
      "create: sealed bad pem",
      () =>
        items.createItem(
          secret("/bad/s", {
            type: "sealed-key",
            sealedKey: { algorithm: "ECDSA-P256", publicKeyPem: "nope" },
          }),
        ),
      "sealed_key.public_key_pem",
    ],
    [
      "create: sealed without spec",
      () => items.createItem(secret("/bad/s", { type: "sealed-key" })),
      "sealed_key is required",
    ],
    ["put: bad name", () => put("/bad//x", 2), "name must not contain an empty segment"],
    [
      "put: huge ciphertext",
      () => items.putVersion({ name: ok, ciphertext: huge, keyVersion: 1 }),
      "ciphertext is 4097 bytes",
    ],
    [
      "put: bad key name",
      () => items.putVersion({ name: ok, ciphertext: bytes("x"), keyName: "k", keyVersion: 1 }),
      "key_name",
    ],
    [
      "put: key version 0",
      () => items.putVersion({ name: ok, ciphertext: bytes("x"), keyVersion: 0 }),
      "key_version",
    ],
    ["get: no names", () => items.getVersions({ names: [] }), "names is required"],
    ["get: bad name", () => items.getVersions({ names: [ok, "/x/./y"] }), "names[1]"],
    [
      "get: too many",
      () => items.getVersions({ names: Array.from({ length: 101 }, () => ok) }),
      "names holds 101",
    ],
    ["describe: empty", () => items.describeItem(""), "name is required"],
    ["list: relative", () => items.listItems({ path: "prod" }), "path must be an absolute path"],
    ["list: trailing slash", () => items.listItems({ path: "/prod/" }), "path must not end"],
    ["list: type", () => items.listItems({ path: "/", type: "role" }), "type must be one of"],
    ["list: page size", () => items.listItems({ path: "/", pageSize: 1001 }), "page_size"],
    ["delete: star", () => items.deleteItem("/bad/*"), "name"],
    ["restore: control", () => items.restoreItem("/bad/\n"), "name must not contain control"],
    ["add key version: 0", () => items.addKeyVersion("/keys/k1", 0), "version must be a positive"],
    ["add key version: name", () => items.addKeyVersion("/keys/", 2), "name"],
    [
      "replace: no expected",
      () =>
        items.replaceCiphertext({
          name: ok,
          version: 1,
          expectedCiphertext: new Uint8Array(),
          ciphertext: bytes("x"),
          keyVersion: 1,
        }),
      "expected_ciphertext is required",
    ],
    [
      "replace: huge",
      () =>
        items.replaceCiphertext({
          name: ok,
          version: 1,
          expectedCiphertext: bytes("x"),
          ciphertext: huge,
          keyVersion: 1,
        }),
      "ciphertext is 4097 bytes",
    ],
    [
      "replace: version 0",
      () =>
        items.replaceCiphertext({
          name: ok,
          version: 0,
          expectedCiphertext: bytes("x"),
          ciphertext: bytes("y"),
          keyVersion: 1,
        }),
      "version must be",
    ],
  ];

  it.each(cases)(
    "%s → INVALID_ARGUMENT naming the field, nothing stored",
    async (_, run, message) => {
      const before = await items.describeItem(ok).catch(() => items.createItem(secret(ok)));
      const keys = await redis.client.keys(`${redis.prefix}items:*/bad*`);
      const error = await failure(run());
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error?.message).toContain(message);
      expect(await items.describeItem(ok)).toEqual(before);
      expect((await redis.client.keys(`${redis.prefix}items:*/bad*`)).sort()).toEqual(keys.sort());
    },
  );
});

it("creates a random-ciphertext item and reads it back (no encoding mangles bytes)", async () => {
  const ciphertext = randomBytes(4096);
  await items.createItem(secret("/random/bytes", { ciphertext }));
  const [read] = await items.getVersions({ names: ["/random/bytes"] });
  expect(Buffer.from(read?.ciphertext ?? []).equals(ciphertext)).toBe(true);
});
