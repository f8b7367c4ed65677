import { Metadata } from "@grpc/grpc-js";
import type { TokenIdentity } from "@keyfrag/auth-client";
import { describe, expect, it } from "vitest";
import { currentCaller } from "../keys/fair-limiter.js";
import { createPipeline } from "./pipeline.js";

const METHOD_ACCESS_ID = "p-sharedmethod01";

/** Tokens "alice", "bob"… of one shared OIDC/JWT method (same access id). */
const users: Record<string, TokenIdentity> = {
  alice: {
    accessId: METHOD_ACCESS_ID,
    authMethod: "/sso",
    authType: "jwt",
    subClaims: {},
    uniqueId: "alice",
  },
  bob: {
    accessId: METHOD_ACCESS_ID,
    authMethod: "/sso",
    authType: "jwt",
    subClaims: {},
    uniqueId: "bob",
  },
  carol: {
    accessId: METHOD_ACCESS_ID,
    authMethod: "/sso",
    authType: "jwt",
    subClaims: { email: ["carol@x"] },
  },
  dave: {
    accessId: METHOD_ACCESS_ID,
    authMethod: "/sso",
    authType: "jwt",
    subClaims: { email: ["dave@x"] },
  },
};

const pipeline = createPipeline({
  verifier: {
    async verify(token) {
      const identity = users[token];
      if (!identity) throw new Error("unknown test token");
      return { identity, jti: token, issuedAtMs: 0, expiresAtMs: Date.now() + 60_000 };
    },
  },
  decisions: { authorize: async () => ({ allowed: true }) as never },
  audit: { emit: async () => undefined },
  logger: { error() {}, warn() {} },
});

/** The key-operation limiter's caller a request of `token` runs as. */
async function limiterCallerOf(token: string): Promise<string> {
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token}`);
  return pipeline.run(
    { metadata, getPeer: () => "127.0.0.1:5000" },
    "/keyfrag.v1.Gateway/Encrypt",
    () => ({ path: "/k", checks: [] }),
    async () => currentCaller(),
  );
}

describe("the key-operation limiter's view of who calls", () => {
  it("tells apart two users of one shared auth method by their unique id", async () => {
    expect(await limiterCallerOf("alice")).not.toBe(await limiterCallerOf("bob"));
    expect(await limiterCallerOf("alice")).toBe(await limiterCallerOf("alice"));
  });

  it("tells apart two users of a method without unique id by their sub-claims", async () => {
    expect(await limiterCallerOf("carol")).not.toBe(await limiterCallerOf("dave"));
  });

  it("never counts a user's operations as the gateway's own work", async () => {
    expect(await limiterCallerOf("alice")).not.toBe("");
  });
});
