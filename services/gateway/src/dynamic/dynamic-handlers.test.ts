import {
  type CreateDynamicSecretRequest,
  InvalidArgumentError,
  loadKeyfragProto,
  producerMember,
} from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";

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
