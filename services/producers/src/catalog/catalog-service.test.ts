import {
  type CreateDynamicSecretRequest,
  InvalidArgumentError,
  loadKeyfragProto,
} from "@keyfrag/rpc";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VALIDATORS } from "../drivers/index.js";
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
