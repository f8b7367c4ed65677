import {
  type CreateDynamicSecretRequest,
  type CreateTargetRequest,
  FailedPreconditionError,
  InvalidArgumentError,
  loadKeyfragProto,
  type SshProducer,
  type UpdateDynamicSecretRequest,
  type UpdateTargetRequest,
} from "@keyfrag/rpc";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VALIDATORS } from "../drivers/index.js";
import { createLeaseStore, type LeaseRecord } from "../leases/lease-store.js";
import { createCatalogService } from "./catalog-service.js";
import { createCatalogStore } from "./catalog-store.js";

/** A request as the producers service receives it: through the wire format and its decoder. */
function overTheWire(req: CreateDynamicSecretRequest) {
  const method = loadKeyfragProto().producers.CreateDynamicSecret;
  return method.requestDeserialize(method.requestSerialize(req));
}

// The catalog against the real Redis, requests decoded as gRPC decodes them.
describe("creating dynamic secrets", () => {
  let redis: TestRedis;

  beforeEach(async () => {
    redis = await testRedis();
  });
  afterEach(async () => {
    await redis[Symbol.asyncDispose]();
  });

  const catalog = () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    return {
      store,
      service: createCatalogService({ store, validators: VALIDATORS, maxLeaseTtlSeconds: 86_400 }),
    };
  };

  it("refuses a request that sets two producers, so the key the gateway checked is the key used", async () => {
    const { store, service } = catalog();
    // The gateway would check the first key it sees; the decoder names the last member.
    const req = overTheWire({
      name: "/ds/two",
      type: "jwt",
      ssh: { ca_key_name: "/keys/readable", allowed_principals: ["x"] },
      jwt: { key_name: "/keys/webhook-signing" },
    });
    expect(req.producer).toBe("jwt");
    await expect(service.createDynamicSecret(req)).rejects.toThrow(InvalidArgumentError);
    await expect(service.createDynamicSecret(req)).rejects.toThrow(/one of sql, redis, ssh/);
    await expect(store.getSecret("/ds/two")).rejects.toThrow(/not found/i);
  });

  it("still creates a dynamic secret with one producer", async () => {
    const { service } = catalog();
    const record = await service.createDynamicSecret(
      overTheWire({ name: "/ds/one", type: "jwt", jwt: { key_name: "/keys/jwt" } }),
    );
    expect(record.producer).toEqual(
      expect.objectContaining({
        kind: "jwt",
        jwt: expect.objectContaining({ keyName: "/keys/jwt" }),
      }),
    );
  });

  it("refuses an empty or malformed SSH principal (an empty $USER) when the secret is created", async () => {
    const { store, service } = catalog();
    for (const principal of ["", " ", "a b", "a,b"]) {
      const req = overTheWire({
        name: "/ds/ssh",
        type: "ssh",
        ssh: { ca_key_name: "/keys/ssh-ca", allowed_principals: [principal] },
      });
      await expect(service.createDynamicSecret(req), JSON.stringify(principal)).rejects.toThrow(
        /ssh\.allowed_principals: .* is not a principal/,
      );
    }
    const defaults = overTheWire({
      name: "/ds/ssh",
      type: "ssh",
      ssh: { ca_key_name: "/keys/ssh-ca", allowed_principals: ["*"], default_principals: [""] },
    });
    await expect(service.createDynamicSecret(defaults)).rejects.toThrow(
      /ssh\.default_principals: "" is not a principal/,
    );
    await expect(store.getSecret("/ds/ssh")).rejects.toThrow(/not found/i);
  });
});

describe("updating targets", () => {
  let redis: TestRedis;

  beforeEach(async () => {
    redis = await testRedis();
  });
  afterEach(async () => {
    await redis[Symbol.asyncDispose]();
  });

  const update = (req: UpdateTargetRequest) => {
    const method = loadKeyfragProto().producers.UpdateTarget;
    return method.requestDeserialize(method.requestSerialize(req));
  };
  const create = (req: CreateTargetRequest) => {
    const method = loadKeyfragProto().producers.CreateTarget;
    return method.requestDeserialize(method.requestSerialize(req));
  };

  it("changes connection settings and sealed credentials, keeping the rest", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const service = createCatalogService({ store, validators: VALIDATORS, maxLeaseTtlSeconds: 60 });
    const before = await service.createTarget(
      create({
        name: "/t/pg",
        type: "postgresql",
        connection: { host: "db1", port: "5432", database: "app", username: "admin" },
        sealed_credentials: Buffer.from("sealed-1"),
        key_name: "/keys/k",
        description: "main",
      }),
    );
    const after = await service.updateTarget(
      update({
        name: "/t/pg",
        connection: { host: "db2", port: "" },
        sealed_credentials: Buffer.from("sealed-2"),
      }),
    );
    expect(after.connection).toEqual({ host: "db2", database: "app", username: "admin" });
    expect(Buffer.from(after.sealedCredentials, "base64").toString()).toBe("sealed-2");
    expect(after).toMatchObject({
      keyName: "/keys/k",
      description: "main",
      userPrefix: before.userPrefix,
      createdAtMs: before.createdAtMs,
    });
    expect(await store.getTarget("/t/pg")).toEqual(after);

    // Only the description: the credentials stay.
    const described = await service.updateTarget(update({ name: "/t/pg", description: "moved" }));
    expect(described).toMatchObject({
      description: "moved",
      sealedCredentials: after.sealedCredentials,
    });
  });

  it("refuses to move a target with live leases to another host or port, unless told it is the same server", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const leases = createLeaseStore(redis.client, redis.key("p"));
    const service = createCatalogService({ store, validators: VALIDATORS, maxLeaseTtlSeconds: 60 });
    await service.createTarget(
      create({
        name: "/t/pg",
        type: "postgresql",
        connection: { host: "db1", port: "5432", database: "app", username: "admin" },
        sealed_credentials: Buffer.from("sealed"),
        key_name: "/keys/k",
      }),
    );
    await service.createDynamicSecret(
      overTheWire({ name: "/d/pg", type: "postgresql", target: "/t/pg" }),
    );
    const lease: LeaseRecord = {
      id: "/d/pg/abc",
      dynamicSecret: "/d/pg",
      target: "/t/pg",
      type: "postgresql",
      externalId: "kf_user_1",
      createdAtMs: Date.now(),
      expiresAtMs: Date.now() + 60_000,
      maxExpiresAtMs: Date.now() + 60_000,
      state: "active",
      lastError: "",
      failingSinceMs: 0,
      revokeAttempts: 0,
      accessId: "p-admin",
    };
    expect(await leases.create(lease)).toBe(true);

    // Another host or port: refused, naming the lease and the old address; nothing changed.
    for (const connection of [{ host: "db2" }, { port: "5433" }] as Record<string, string>[]) {
      const refused = service.updateTarget(
        update({ name: "/t/pg", connection, sealed_credentials: Buffer.from("s1") }),
      );
      await expect(refused).rejects.toThrow(FailedPreconditionError);
      await expect(refused).rejects.toThrow(
        /has 1 live lease \(\/d\/pg\/abc\) whose users were made on db1:5432/,
      );
    }
    expect((await store.getTarget("/t/pg")).connection.host).toBe("db1");
    // Other settings, the password or the description change as before.
    await service.updateTarget(update({ name: "/t/pg", connection: { username: "root" } }));
    await service.updateTarget(update({ name: "/t/pg", sealed_credentials: Buffer.from("s2") }));
    // Told the new name reaches the same server: moved, the lease's user revoked there.
    const moved = await service.updateTarget(
      update({
        name: "/t/pg",
        connection: { host: "db1.internal" },
        sealed_credentials: Buffer.from("s3"),
        same_server: true,
      }),
    );
    expect(moved.connection).toMatchObject({ host: "db1.internal", username: "root" });
    // Once its leases are revoked, a target moves freely.
    await leases.remove(lease);
    const again = await service.updateTarget(
      update({ name: "/t/pg", connection: { host: "db9" }, sealed_credentials: Buffer.from("s4") }),
    );
    expect(again.connection.host).toBe("db9");
  });

  it("refuses a new host, port or TLS setting that would carry the kept sealed password", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const service = createCatalogService({ store, validators: VALIDATORS, maxLeaseTtlSeconds: 60 });
    await service.createTarget(
      create({
        name: "/t/pg",
        type: "postgresql",
        connection: {
          host: "db1",
          port: "5432",
          database: "app",
          username: "admin",
          sslmode: "verify-full",
        },
        sealed_credentials: Buffer.from("sealed-1"),
        key_name: "/keys/k",
      }),
    );
    const before = await store.getTarget("/t/pg");
    for (const connection of [
      { host: "evil.example" },
      { port: "6543" },
      { port: "" },
      { sslmode: "disable" },
    ] as Record<string, string>[]) {
      await expect(service.updateTarget(update({ name: "/t/pg", connection }))).rejects.toThrow(
        /sends the target's admin password elsewhere: give the credentials again/,
      );
    }
    expect(await store.getTarget("/t/pg")).toEqual(before);
    // The same address given again, or other settings: the sealed password stays.
    const renamed = await service.updateTarget(
      update({ name: "/t/pg", connection: { host: "db1", username: "root" } }),
    );
    expect(renamed).toMatchObject({
      connection: { host: "db1", username: "root" },
      sealedCredentials: before.sealedCredentials,
    });
    // With new credentials, the move is the creator's own.
    const moved = await service.updateTarget(
      update({
        name: "/t/pg",
        connection: { host: "db2" },
        sealed_credentials: Buffer.from("sealed-2"),
      }),
    );
    expect(moved.connection.host).toBe("db2");
  });

  it("refuses an update with nothing in it, bad connection settings, unsealed credentials or an unknown target", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const service = createCatalogService({ store, validators: VALIDATORS, maxLeaseTtlSeconds: 60 });
    await service.createTarget(
      create({
        name: "/t/r",
        type: "redis",
        connection: { host: "cache" },
        sealed_credentials: Buffer.from("s"),
        key_name: "/keys/k",
      }),
    );
    await expect(service.updateTarget(update({ name: "/t/r" }))).rejects.toThrow(
      /nothing to change/,
    );
    await expect(
      service.updateTarget(update({ name: "/t/r", connection: { host: "" } })),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      service.updateTarget(update({ name: "/t/r", credentials: { password: "p" } })),
    ).rejects.toThrow(/sealed by the gateway/);
    await expect(
      service.updateTarget(update({ name: "/t/none", description: "x" })),
    ).rejects.toThrow(/target \/t\/none not found/);
    expect((await store.getTarget("/t/r")).connection).toEqual({ host: "cache" });
  });
});

describe("updating dynamic secrets", () => {
  let redis: TestRedis;

  beforeEach(async () => {
    redis = await testRedis();
  });
  afterEach(async () => {
    await redis[Symbol.asyncDispose]();
  });

  const update = (req: UpdateDynamicSecretRequest) => {
    const method = loadKeyfragProto().producers.UpdateDynamicSecret;
    return method.requestDeserialize(method.requestSerialize(req));
  };

  it("changes TTLs and statements with creation's checks, and loses no concurrent change", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const service = createCatalogService({
      store,
      validators: VALIDATORS,
      maxLeaseTtlSeconds: 600,
    });
    await service.createDynamicSecret(
      overTheWire({ name: "/ds/jwt", type: "jwt", jwt: { key_name: "/keys/jwt" } }),
    );
    const changed = await service.updateDynamicSecret(
      update({ name: "/ds/jwt", user_ttl_seconds: 30, description: "short" }),
    );
    expect(changed).toMatchObject({ userTtlSeconds: 30, maxTtlSeconds: 600, description: "short" });
    expect(await store.getSecret("/ds/jwt")).toEqual(changed);
    await expect(
      service.updateDynamicSecret(update({ name: "/ds/jwt", user_ttl_seconds: 601 })),
    ).rejects.toThrow(/user_ttl_seconds \(601\) exceeds max_ttl_seconds \(600\)/);
    await expect(
      service.updateDynamicSecret(update({ name: "/ds/jwt", max_ttl_seconds: 601 })),
    ).rejects.toThrow(/at most 600/);
    await expect(
      service.updateDynamicSecret(update({ name: "/ds/jwt", redis: { acl_rules: ["~*"] } })),
    ).rejects.toThrow(/a jwt dynamic secret takes no redis settings/);
    await expect(service.updateDynamicSecret(update({ name: "/ds/jwt" }))).rejects.toThrow(
      /nothing to change/,
    );

    // A JWT issuer's settings are replaced; an empty key_name keeps the key.
    const jwt = await service.updateDynamicSecret(
      update({ name: "/ds/jwt", jwt: { issuer: "https://id.example", audience: ["api"] } }),
    );
    expect(jwt.producer).toEqual({
      kind: "jwt",
      jwt: {
        keyName: "/keys/jwt",
        issuer: "https://id.example",
        audience: ["api"],
        claimsTemplate: "",
      },
    });
    await expect(
      service.updateDynamicSecret(update({ name: "/ds/jwt", jwt: { claims_template: "[1]" } })),
    ).rejects.toThrow(InvalidArgumentError);

    // A change saved between read and write (a payload rotation, another update) wins.
    const before = await store.getSecret("/ds/jwt");
    await store.replaceSecret({ ...before, description: "rotated meanwhile" });
    await expect(store.replaceSecretIf(before, { ...before, userTtlSeconds: 10 })).rejects.toThrow(
      /changed meanwhile/,
    );
    expect((await store.getSecret("/ds/jwt")).description).toBe("rotated meanwhile");
  });

  it("replaces an SSH CA's principals and options with creation's checks, keeping its key", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const service = createCatalogService({
      store,
      validators: VALIDATORS,
      maxLeaseTtlSeconds: 600,
    });
    await service.createDynamicSecret(
      overTheWire({
        name: "/ds/ssh",
        type: "ssh",
        ssh: { ca_key_name: "/keys/ca", allowed_principals: ["deploy"] },
      }),
    );
    const changed = await service.updateDynamicSecret(
      update({
        name: "/ds/ssh",
        ssh: {
          allowed_principals: ["deploy", "ops"],
          default_principals: ["ops"],
          critical_options: { "source-address": "10.0.0.0/8" },
        },
      }),
    );
    expect(changed.producer).toEqual({
      kind: "ssh",
      ssh: {
        caKeyName: "/keys/ca",
        allowedPrincipals: ["deploy", "ops"],
        defaultPrincipals: ["ops"],
        extensions: { "permit-pty": "" },
        criticalOptions: { "source-address": "10.0.0.0/8" },
      },
    });
    const refusals: [SshProducer, RegExp][] = [
      [{ allowed_principals: [] }, /at least one principal/],
      [{ allowed_principals: [""] }, /is not a principal/],
      [{ allowed_principals: ["a"], default_principals: ["b"] }, /b is not in allowed_principals/],
      [{ allowed_principals: ["a"], critical_options: { "no-such": "x" } }, /no-such/],
    ];
    for (const [ssh, message] of refusals) {
      await expect(service.updateDynamicSecret(update({ name: "/ds/ssh", ssh }))).rejects.toThrow(
        message,
      );
    }
    expect(await store.getSecret("/ds/ssh")).toEqual(changed);
  });

  it("replaces a custom producer's URLs only with a new sealed payload; the timeout alone keeps it", async () => {
    const store = createCatalogStore(redis.client, redis.key("p"));
    const service = createCatalogService({
      store,
      validators: VALIDATORS,
      maxLeaseTtlSeconds: 600,
    });
    await service.createDynamicSecret(
      overTheWire({
        name: "/ds/hook",
        type: "custom",
        custom: {
          create_url: "https://hooks.example/create",
          revoke_url: "https://hooks.example/revoke",
          sealed_payload: Buffer.from("sealed-1"),
          key_name: "/keys/p",
        },
      }),
    );
    const urls = {
      create_url: "https://hooks2.example/create",
      revoke_url: "https://hooks2.example/revoke",
    };
    // A URL pointed elsewhere would receive the kept payload on the next create/revoke/rotate:
    // refused without a new one (`update` on the dynamic secret is all the gateway checks).
    const before = await store.getSecret("/ds/hook");
    for (const custom of [
      urls,
      { create_url: "https://hooks.example/create", revoke_url: "https://evil.example/r" },
      {
        create_url: "https://hooks.example/create",
        revoke_url: "https://hooks.example/revoke",
        rotate_url: "https://evil.example/rot",
      },
    ]) {
      await expect(
        service.updateDynamicSecret(update({ name: "/ds/hook", custom })),
      ).rejects.toThrow(/sends the sealed payload elsewhere: give custom.payload again/);
    }
    expect(await store.getSecret("/ds/hook")).toEqual(before);
    // The same URLs with another timeout keep the payload and its key.
    const slower = await service.updateDynamicSecret(
      update({
        name: "/ds/hook",
        custom: {
          create_url: "https://hooks.example/create",
          revoke_url: "https://hooks.example/revoke",
          timeout_seconds: 30,
        },
      }),
    );
    expect(slower.producer).toMatchObject({
      kind: "custom",
      custom: {
        createUrl: "https://hooks.example/create",
        revokeUrl: "https://hooks.example/revoke",
        rotateUrl: "",
        keyName: "/keys/p",
        sealedPayload: Buffer.from("sealed-1").toString("base64"),
        timeoutSeconds: 30,
      },
    });
    const moved = await service.updateDynamicSecret(
      update({
        name: "/ds/hook",
        custom: { ...urls, sealed_payload: Buffer.from("sealed-1b"), key_name: "/keys/p" },
      }),
    );
    expect(moved.producer).toMatchObject({
      custom: { createUrl: urls.create_url, revokeUrl: urls.revoke_url },
    });
    const resealed = await service.updateDynamicSecret(
      update({
        name: "/ds/hook",
        custom: { ...urls, sealed_payload: Buffer.from("sealed-2"), key_name: "/keys/q" },
      }),
    );
    expect(resealed.producer).toMatchObject({
      custom: { keyName: "/keys/q", sealedPayload: Buffer.from("sealed-2").toString("base64") },
    });
    await expect(
      service.updateDynamicSecret(
        update({ name: "/ds/hook", custom: { ...urls, key_name: "/keys/p" } }),
      ),
    ).rejects.toThrow(/sealed under \/keys\/q; another key needs a new payload/);
    await expect(
      service.updateDynamicSecret(
        update({ name: "/ds/hook", custom: { ...urls, payload: "clear" } }),
      ),
    ).rejects.toThrow(/must be sealed by the gateway/);
    await expect(
      service.updateDynamicSecret(
        update({ name: "/ds/hook", custom: { ...urls, create_url: "ftp://x" } }),
      ),
    ).rejects.toThrow(InvalidArgumentError);
  });
});
