/**
 * What a verifier knows of revocations, against a real auth service over mTLS and real NATS and
 * Redis: it counts as started only once it has read them all, however long the list, and a
 * list cannot be grown without bound by one identity, nor one user revoke another's tokens.
 */
import type { TokenVerifier } from "@keyfrag/auth-client";
import type { NatsConnection } from "@keyfrag/bus";
import { call } from "@keyfrag/rpc";
import { freePort } from "@keyfrag/test-support";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthHarness } from "./testing/auth-harness.js";
import { MAX_TOKEN_REVOCATIONS_PER_IDENTITY } from "./tokens/revocations.js";

let h: AuthHarness;
let gateway: Awaited<ReturnType<AuthHarness["client"]>>;

beforeAll(async () => {
  h = await startAuthHarness("verifier-sync");
  gateway = await h.client("gateway");
});

afterAll(async () => {
  await h?.[Symbol.asyncDispose]();
});

/** A verifier as a gateway has one: its own NATS connection and auth client. */
async function verifierTo(
  address: string,
  options: { revocationRelistMs?: number; deadlineMs?: number } = {},
): Promise<{ verifier: TokenVerifier; nc: NatsConnection; subscribeCalls: () => number }> {
  const nc = await h.connect("verifier-sync-test");
  let subscribes = 0;
  // Counts subscriptions: a retried start must not add a second set.
  const counted = new Proxy(nc, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "subscribe" && typeof value === "function") {
        return (...args: unknown[]) => {
          subscribes++;
          return value.apply(target, args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const verifier = await h.verifier({ address, nc: counted, ...options });
  return { verifier, nc, subscribeCalls: () => subscribes };
}

const method = (name: string) => h.method(name);

async function rejection(p: Promise<unknown>): Promise<Error | undefined> {
  return p.then(
    () => undefined,
    (err: unknown) => err as Error,
  );
}

describe("starting while auth is unreachable", () => {
  it("answers no token until the revocations are loaded, then rejects a revoked one", async () => {
    const { accessId, issue } = await method("sync/late-auth");
    const revoked = await issue();
    const live = await issue();
    await call(gateway, "RevokeToken", { token: revoked });

    const port = await freePort();
    const { verifier, subscribeCalls } = await verifierTo(`127.0.0.1:${port}`, {
      deadlineMs: 300,
      revocationRelistMs: 200,
    });
    // What the gateway's start loop sees while auth is down: failures, and no verdicts.
    for (let i = 0; i < 3; i++) await expect(verifier.start()).rejects.toBeTruthy();
    const early = await rejection(verifier.verify(revoked));
    expect(early?.message).toBe("token verifier not started");

    await h.serve(`127.0.0.1:${port}`);
    for (let started = Date.now(); ; ) {
      const err = await rejection(verifier.start());
      if (!err) break;
      if (Date.now() - started > 10_000) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
    await expect(verifier.verify(revoked)).rejects.toThrow("token revoked");
    await verifier.verify(live);
    expect(subscribeCalls()).toBe(2);

    // The periodic re-list runs: a revocation it is never told of still arrives.
    const now = Date.now();
    await h.redis.client.hset(
      `${h.prefix}:revocations`,
      `access:${accessId}`,
      JSON.stringify({ accessId, issuedBeforeMs: now + 1_000, expiresAtMs: now + 60_000 }),
    );
    for (const started = Date.now(); ; ) {
      const err = await rejection(verifier.verify(live));
      if (err) {
        expect(err.message).toBe("token revoked");
        break;
      }
      if (Date.now() - started > 3_000) throw new Error("no periodic re-list after a late start");
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});

describe("a revocation list larger than one gRPC message", () => {
  it("reaches a verifier whole", async () => {
    const { issue } = await method("sync/long-list");
    const revoked = await Promise.all([issue(), issue(), issue()]);
    const live = await issue();
    // ~45,000 revocations of ~130 bytes each on the wire: well over gRPC's 4 MiB.
    const hashKey = `${h.prefix}:revocations`;
    const expiresAtMs = Date.now() + 600_000;
    const filler: string[] = [];
    for (let i = 0; i < 45_000; i++) {
      const jti = `${String(i).padStart(8, "0")}-${"f".repeat(100)}`;
      filler.push(`jti:${jti}`, JSON.stringify({ jti, expiresAtMs }));
    }
    for (let i = 0; i < filler.length; i += 10_000) {
      await h.redis.client.hset(hashKey, ...filler.slice(i, i + 10_000));
    }
    try {
      for (const token of revoked) await call(gateway, "RevokeToken", { token });
      const { verifier } = await verifierTo(h.address, { deadlineMs: 10_000 });
      await verifier.start();
      for (const token of revoked) await expect(verifier.verify(token)).rejects.toThrow("revoked");
      await verifier.verify(live);
    } finally {
      const fields = filler.filter((_, i) => i % 2 === 0);
      for (let i = 0; i < fields.length; i += 10_000) {
        await h.redis.client.hdel(hashKey, ...fields.slice(i, i + 10_000));
      }
    }
  });

  it("is listed in pages of bounded size", async () => {
    const first = await call(gateway, "ListRevocations", { page_size: 10 });
    expect(first.revocations.length).toBeLessThan(100);
    await expect(call(gateway, "ListRevocations", { page_size: 1_000_000 })).rejects.toMatchObject({
      code: "invalid-argument",
    });
    await expect(
      call(gateway, "ListRevocations", { page_token: "not-a-cursor" }),
    ).rejects.toMatchObject({ code: "invalid-argument", message: "page_token is not valid" });
  });
});

describe("revoking many tokens of one identity", () => {
  it("refuses one user's self-revocations past the bound, and never revokes another user's token", async () => {
    const { accessId, issueTo } = await method("sync/shared-sso");
    const bound = MAX_TOKEN_REVOCATIONS_PER_IDENTITY;
    const bobs = await issueTo({ uniqueId: "bob" });
    const alices: string[] = [];
    for (let i = 0; i <= bound; i++) alices.push(await issueTo({ uniqueId: "alice" }));
    for (const token of alices.slice(0, bound)) await call(gateway, "RevokeToken", { token });
    const refused = await rejection(call(gateway, "RevokeToken", { token: alices[bound] }));
    expect(refused).toMatchObject({ code: "resource-exhausted" });
    expect(refused?.message).toContain(`at most ${bound}`);
    // Revoking one already revoked again is no new revocation: still answered.
    await call(gateway, "RevokeToken", { token: alices[0] });
    expect(await h.redis.client.hget(`${h.prefix}:revocations`, `access:${accessId}`)).toBeNull();

    const { verifier } = await verifierTo(h.address);
    await verifier.start();
    for (const token of alices.slice(0, bound)) {
      await expect(verifier.verify(token)).rejects.toThrow("revoked");
    }
    await verifier.verify(alices[bound] ?? "");
    await verifier.verify(bobs);
    // Bob's own revocations are counted apart from Alice's.
    await call(gateway, "RevokeToken", { token: bobs });
    await verifier.resync();
    await expect(verifier.verify(bobs)).rejects.toThrow("revoked");
  });

  it("tells users of a method without unique ids apart by their sub-claims", async () => {
    const { issueTo } = await method("sync/shared-certificates");
    const bound = MAX_TOKEN_REVOCATIONS_PER_IDENTITY;
    const carol = { subClaims: { common_name: ["carol"] } };
    for (let i = 0; i < bound; i++) {
      await call(gateway, "RevokeToken", { token: await issueTo(carol) });
    }
    const last = call(gateway, "RevokeToken", { token: await issueTo(carol) });
    await expect(last).rejects.toMatchObject({ code: "resource-exhausted" });
    const dave = await issueTo({ subClaims: { common_name: ["dave"] } });
    await call(gateway, "RevokeToken", { token: dave });
    const { verifier } = await verifierTo(h.address);
    await verifier.start();
    await expect(verifier.verify(dave)).rejects.toThrow("revoked");
  });
});

describe("reasons a verifier gives", () => {
  it("never echo the token's header", async () => {
    const { verifier } = await verifierTo(h.address);
    await verifier.start();
    const { issue } = await method("sync/reasons");
    const [, payload, signature] = (await issue()).split(".");
    const header = Buffer.from(JSON.stringify({ alg: "A".repeat(20_000), kid: "k" })).toString(
      "base64url",
    );
    const err = await rejection(verifier.verify(`${header}.${payload}.${signature}`));
    expect(err?.message).toBe("token algorithm not accepted");
    const wrongKid = await new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", kid: "B".repeat(20_000) })
      .sign((await import("node:crypto")).generateKeyPairSync("ed25519").privateKey);
    const unknown = await rejection(verifier.verify(wrongKid));
    expect(unknown?.message).toBe("token signed by an unknown key");
  });
});
