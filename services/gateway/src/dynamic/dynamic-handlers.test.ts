import {
  type CreateDynamicSecretRequest,
  InvalidArgumentError,
  loadKeyfragProto,
  producerMember,
} from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { leaseSecret } from "./dynamic-handlers.js";

/** A request as the gateway receives it: through the wire format and its decoder. */
function overTheWire(req: CreateDynamicSecretRequest) {
  const method = loadKeyfragProto().gateway.CreateDynamicSecret;
  return method.requestDeserialize(method.requestSerialize(req));
}

describe("the producer of a CreateDynamicSecret request", () => {
  it("is the one member set, or none (a target's defaults)", () => {
    expect(producerMember(overTheWire({ name: "/d", type: "jwt", jwt: { key_name: "/k" } }))).toBe(
      "jwt",
    );
    expect(producerMember(overTheWire({ name: "/d", type: "postgresql", target: "/t" }))).toBe(
      undefined,
    );
  });

  it("refuses two members: the decoder keeps both and names only the last", () => {
    const req = overTheWire({
      name: "/d",
      type: "jwt",
      ssh: { ca_key_name: "/mine" },
      jwt: { key_name: "/not-mine" },
    });
    expect(req.ssh?.ca_key_name).toBe("/mine");
    expect(req.producer).toBe("jwt");
    expect(() => producerMember(req)).toThrow(InvalidArgumentError);
    expect(() => producerMember(req)).toThrow(/got ssh and jwt/);
  });
});

describe("a lease id", () => {
  it("of the right shape is checked against its dynamic secret, whatever its random part", () => {
    // An unknown id is the producers' to call "not found", not malformed here.
    expect(leaseSecret("/demo/pg-reader/abcdefghij0123456789")).toBe("/demo/pg-reader");
    expect(leaseSecret("/demo/pg-reader/typo")).toBe("/demo/pg-reader");
    expect(leaseSecret("/demo/pg-reader/ABC-123")).toBe("/demo/pg-reader");
  });

  it("without a dynamic secret and a random part is malformed", () => {
    for (const bad of ["", "abc", "/abc", "/demo/", "demo/x", "/demo/x/", 7]) {
      expect(() => leaseSecret(bad), String(bad)).toThrow(/lease_id must be a lease id/);
    }
  });
});
