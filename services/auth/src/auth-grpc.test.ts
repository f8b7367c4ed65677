import { createPublicKey, generateKeyPairSync } from "node:crypto";
import type { TokenVerifier } from "@keyfrag/auth-client";
import { type AuthClient, call, type NodeRole } from "@keyfrag/rpc";
import { decodeJwt, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type AuthHarness, startAuthHarness } from "./testing/auth-harness.js";

let h: AuthHarness;
const clients = new Map<NodeRole, AuthClient>();

beforeAll(async () => {
  h = await startAuthHarness("auth-grpc");
  for (const role of ["gateway", "client", "policy"] as const) {
    clients.set(role, await h.client(role));
  }
});

afterAll(async () => {
  await h?.[Symbol.asyncDispose]();
});

const client = (role: NodeRole): AuthClient => {
  const c = clients.get(role);
  if (!c) throw new Error(`no ${role} client`);
  return c;
};

/** A verifier with its own NATS connection and gRPC client, as another service would have. */
async function independentVerifier(): Promise<TokenVerifier> {
  const verifier = await h.verifier({ role: "policy", refetchCooldownMs: 100 });
  await verifier.start();
  return verifier;
}

async function accessKeyMethod(name: string) {
  const res = await call(client("gateway"), "CreateAuthMethod", {
    name,
    access_key: { bound_cidrs: ["127.0.0.0/8", "10.0.0.0/8"] },
  });
  const accessId = res.method?.access_id ?? "";
  const loginOnce = () =>
    call(client("gateway"), "Authenticate", {
      access_id: accessId,
      access_key: res.access_key,
      source_address: "10.0.0.9",
    });
  return { accessId, loginOnce };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("gRPC service and token verifier", () => {
  it("issues tokens that verifiers accept, with the identity and lifetime", async () => {
    const { accessId, loginOnce } = await accessKeyMethod("svc/app");
    const res = await loginOnce();
    expect(res.identity).toMatchObject({
      access_id: accessId,
      auth_method: "svc/app",
      auth_type: "access-key",
    });
    const verifier = await independentVerifier();
    const verified = await verifier.verify(res.token);
    expect(verified.identity).toEqual({
      accessId,
      authMethod: "svc/app",
      authType: "access-key",
      subClaims: {},
    });
    expect(verified.expiresAtMs).toBe(Number(res.expires_at_ms));
    expect(Math.abs(verified.issuedAtMs - Date.now())).toBeLessThan(5_000);
  });

  it("refuses expired, foreign, unsigned, HS256-confused, tampered and unknown-key tokens", async () => {
    const verifier = await independentVerifier();
    const { kid, privateKey } = h.auth.keys.current();
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: "p-abcdefghijkl",
      jti: "j-1",
      kf_am: "x",
      kf_at: "access-key",
      kf_sc: {},
      kf_iat_ms: Date.now(),
    };
    const ours = (
      over: { iss?: string; aud?: string; exp?: number } = {},
      key = privateKey,
      k = kid,
    ) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "EdDSA", kid: k })
        .setIssuer(over.iss ?? "keyfrag")
        .setAudience(over.aud ?? "keyfrag")
        .setIssuedAt(now - 10)
        .setExpirationTime(over.exp ?? now + 300)
        .sign(key);
    const good = await ours();
    expect((await verifier.verify(good)).identity.accessId).toBe("p-abcdefghijkl");
    const [header, payload, signature] = good.split(".");
    const publicPem = createPublicKey(privateKey)
      .export({ format: "pem", type: "spki" })
      .toString();
    const stranger = generateKeyPairSync("ed25519").privateKey;
    const cases: [string, string][] = [
      [await ours({ exp: now - 5 }), "token expired"],
      [await ours({ iss: "someone" }), "token issuer mismatch"],
      [await ours({ aud: "other" }), "token audience mismatch"],
      [`${b64({ alg: "none", kid })}.${payload}.`, "token algorithm not accepted"],
      [
        await new SignJWT(claims)
          .setProtectedHeader({ alg: "HS256", kid })
          .setIssuer("keyfrag")
          .setAudience("keyfrag")
          .setExpirationTime("5m")
          .sign(new TextEncoder().encode(publicPem)),
        "token algorithm not accepted",
      ],
      [
        `${header}.${b64({ ...claims, sub: "p-zzzzzzzzzzzz", iss: "keyfrag", aud: "keyfrag", exp: now + 300 })}.${signature}`,
        "token signature invalid",
      ],
      [await ours({}, stranger, "unknown-kid"), "token signed by an unknown key"],
      [await ours({}, stranger), "token signature invalid"],
      ["garbage", "malformed token"],
    ];
    for (const [token, message] of cases) {
      await expect(verifier.verify(token)).rejects.toMatchObject({
        code: "unauthenticated",
        message,
      });
    }
  });

  it("spreads revocations of a token and of an access id to independent verifiers within a second", async () => {
    const { accessId, loginOnce } = await accessKeyMethod("svc/revoked");
    const [a, b] = [await loginOnce(), await loginOnce()];
    const first = await independentVerifier();
    const second = await independentVerifier();
    await second.verify(a.token);
    await second.verify(b.token);

    const waitRevoked = async (verifier: TokenVerifier, token: string) => {
      const start = Date.now();
      for (;;) {
        try {
          await verifier.verify(token);
        } catch (err) {
          expect(err).toMatchObject({ message: "token revoked" });
          return Date.now() - start;
        }
        if (Date.now() - start > 2_000) throw new Error("revocation never arrived");
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    let started = Date.now();
    await call(client("gateway"), "RevokeToken", { token: a.token });
    await waitRevoked(second, a.token);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(first.verify(a.token)).rejects.toThrow("token revoked");
    await second.verify(b.token);

    started = Date.now();
    await call(client("gateway"), "RevokeToken", { access_id: accessId });
    await waitRevoked(second, b.token);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Tokens issued after the revocation are fine, and a fresh verifier learns the list.
    const later = await loginOnce();
    await second.verify(later.token);
    const third = await independentVerifier();
    await expect(third.verify(a.token)).rejects.toThrow("token revoked");
    await expect(third.verify(b.token)).rejects.toThrow("token revoked");
    await third.verify(later.token);
    const listed = await call(client("policy"), "ListRevocations", {});
    expect(listed.revocations).toEqual(
      expect.arrayContaining([expect.objectContaining({ access_id: accessId })]),
    );
    // Revoking an expired token of ours is a no-op; a foreign token is refused.
    await expect(call(client("gateway"), "RevokeToken", { token: "x.y.z" })).rejects.toMatchObject({
      code: "invalid-argument",
    });
  });

  it("re-lists revocations after a NATS reconnect, since announcements may have been missed", async () => {
    const { accessId, loginOnce } = await accessKeyMethod("svc/reconnect");
    const token = (await loginOnce()).token;
    const nc = await h.connect("verifier-reconnect");
    const verifier = await h.verifier({ role: "policy", nc });
    await verifier.start();
    await verifier.verify(token);
    // A revocation this verifier never hears about: written where ListRevocations reads it.
    const now = Date.now();
    await h.redis.client.hset(
      `${h.prefix}:revocations`,
      `access:${accessId}`,
      JSON.stringify({ accessId, issuedBeforeMs: now, expiresAtMs: now + 60_000 }),
    );
    await verifier.verify(token);
    await nc.reconnect();
    const start = Date.now();
    for (;;) {
      const error = await verifier.verify(token).then(
        () => undefined,
        (err: unknown) => err,
      );
      if (error) {
        expect(error).toMatchObject({ message: "token revoked" });
        break;
      }
      if (Date.now() - start > 5_000) throw new Error("no re-sync after reconnect");
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it("keeps tokens of rotated keys and of other replicas verifiable", async () => {
    const { loginOnce } = await accessKeyMethod("svc/rotating");
    const verifier = await independentVerifier();
    const before = await loginOnce();
    const oldKid = h.auth.keys.current().kid;
    await h.auth.keys.rotate();
    expect(h.auth.keys.current().kid).not.toBe(oldKid);
    const after = await loginOnce();
    await verifier.verify(before.token);
    await verifier.verify(after.token);

    // A second replica (or a restart) publishes its own key; the first's keys stay listed.
    const nc = await h.connect("replica-2");
    const replica = h.build(nc);
    await replica.start();
    const { method, accessKey = "" } = await replica.methods.create(
      {
        name: "svc/replica",
        description: "",
        token_ttl_seconds: 60,
        method: "access_key",
        access_key: { bound_cidrs: [] },
      },
      { caller: "test" },
    );
    const issued = await replica.login.authenticate({
      accessId: method.accessId,
      credential: { kind: "access_key", value: accessKey },
      sourceAddress: "10.0.0.1",
      callerRole: "gateway",
    });
    expect(issued.expiresAtMs - Date.now()).toBeLessThanOrEqual(60_000);
    expect((await verifier.verify(issued.token)).identity.authMethod).toBe("svc/replica");
    const jwks = JSON.parse((await replica.tokens.tokenKeys()).jwks) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(
      expect.arrayContaining([oldKid, h.auth.keys.current().kid]),
    );
    replica.stop();
    await nc.close();
  });

  it("refetches the keys once when a token names a key it has not heard of", async () => {
    const verifier = await independentVerifier();
    // A key that reached Redis but whose announcement this verifier missed.
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const jwk = { ...publicKey.export({ format: "jwk" }), kid: "missed", alg: "EdDSA" };
    await h.redis.client.hset(
      `${h.prefix}:token-keys`,
      "missed",
      JSON.stringify({ kid: "missed", jwk, notAfterMs: Date.now() + 60_000 }),
    );
    const token = await new SignJWT({
      jti: "j-missed",
      kf_am: "x",
      kf_at: "jwt",
      kf_sc: { sub: ["a"] },
      kf_iat_ms: Date.now(),
    })
      .setProtectedHeader({ alg: "EdDSA", kid: "missed" })
      .setSubject("p-abcdefghijkl")
      .setIssuer("keyfrag")
      .setAudience("keyfrag")
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(privateKey);
    expect((await verifier.verify(token)).identity.subClaims).toEqual({ sub: ["a"] });
    await h.redis.client.hdel(`${h.prefix}:token-keys`, "missed");
  });

  it("trusts no key announced on NATS, only what GetTokenKeys returns, and never drops a live key", async () => {
    const verifier = await independentVerifier();
    const forger = generateKeyPairSync("ed25519");
    const jwk = { ...forger.publicKey.export({ format: "jwk" }), kid: "forged", alg: "EdDSA" };
    h.nats.nc.publish(
      `${h.cluster}.auth.keys`,
      JSON.stringify({ kid: "forged", jwk, notAfterMs: Date.now() + 60_000 }),
    );
    await h.nats.nc.flush();
    await new Promise((r) => setTimeout(r, 300)); // time for the hinted refetch (100 ms cooldown)
    const forged = await new SignJWT({
      jti: "j-forged",
      kf_am: "admin",
      kf_at: "access-key",
      kf_sc: {},
      kf_iat_ms: Date.now(),
    })
      .setProtectedHeader({ alg: "EdDSA", kid: "forged" })
      .setSubject("p-abcdefghijkl")
      .setIssuer("keyfrag")
      .setAudience("keyfrag")
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(forger.privateKey);
    await expect(verifier.verify(forged)).rejects.toThrow("token signed by an unknown key");

    // A known key missing from a later snapshot stays until its notAfter.
    const { loginOnce } = await accessKeyMethod("svc/snapshot");
    const token = (await loginOnce()).token;
    await verifier.verify(token);
    const field = h.auth.keys.current().kid;
    const saved = await h.redis.client.hget(`${h.prefix}:token-keys`, field);
    await h.redis.client.hdel(`${h.prefix}:token-keys`, field);
    await verifier.resync();
    await verifier.verify(token);
    await h.redis.client.hset(`${h.prefix}:token-keys`, field, saved ?? "");
  });

  it("takes no revocation from NATS, only from ListRevocations", async () => {
    const { accessId, loginOnce } = await accessKeyMethod("svc/forged-revocation");
    const token = (await loginOnce()).token;
    const verifier = await independentVerifier();
    const now = Date.now();
    h.nats.nc.publish(
      `${h.cluster}.auth.revocations`,
      JSON.stringify({ accessId, issuedBeforeMs: now + 60_000, expiresAtMs: now + 60_000 }),
    );
    await h.nats.nc.flush();
    await new Promise((r) => setTimeout(r, 200));
    await verifier.verify(token);
  });

  it("revokes every token of a deleted method at once", async () => {
    const { accessId, loginOnce } = await accessKeyMethod("svc/deleted");
    const token = (await loginOnce()).token;
    const verifier = await independentVerifier();
    await verifier.verify(token);
    const started = Date.now();
    await call(client("gateway"), "DeleteAuthMethod", { access_id: accessId });
    for (;;) {
      const error = await verifier.verify(token).then(
        () => undefined,
        (err: unknown) => err,
      );
      if (error) {
        expect(error).toMatchObject({ message: "token revoked" });
        break;
      }
      if (Date.now() - started > 1_000) throw new Error("the deleted method's token still works");
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it("stamps issue and revocation times from Redis, not from a replica's skewed clock", async () => {
    const { accessId, loginOnce } = await accessKeyMethod("svc/skewed");
    // This replica's clock runs an hour ahead: with it, the token would look issued after the
    // revocation below and survive it.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_600_000 });
    let token: string;
    try {
      token = (await loginOnce()).token;
    } finally {
      vi.useRealTimers();
    }
    const [seconds] = await h.redis.client.time();
    const iatMs = decodeJwt(token).kf_iat_ms as number;
    expect(Math.abs(iatMs - Number(seconds) * 1000)).toBeLessThan(5_000);
    const verifier = await independentVerifier();
    await call(client("gateway"), "RevokeToken", { access_id: accessId });
    await verifier.resync();
    await expect(verifier.verify(token)).rejects.toThrow("token revoked");
  });

  it("requires a gateway to say the end user's address", async () => {
    const { accessId } = await accessKeyMethod("svc/no-source");
    await expect(
      call(client("gateway"), "Authenticate", { access_id: accessId, access_key: "x" }),
    ).rejects.toMatchObject({
      code: "invalid-argument",
      message: expect.stringMatching(/source_address/),
    });
  });

  it("answers each RPC only to its roles", async () => {
    await expect(
      call(client("client"), "Authenticate", { access_id: "p-abcdefghijkl", access_key: "x" }),
    ).rejects.toMatchObject({ code: "permission-denied" });
    await expect(
      call(client("client"), "CreateAuthMethod", { name: "x", access_key: {} }),
    ).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(call(client("client"), "GetTokenKeys", {})).rejects.toMatchObject({
      code: "permission-denied",
    });
    const keys = await call(client("policy"), "GetTokenKeys", {});
    expect(keys).toMatchObject({ issuer: "keyfrag", audience: "keyfrag" });
    await expect(
      call(client("policy"), "RevokeToken", { access_id: "p-abcdefghijkl" }),
    ).rejects.toMatchObject({
      code: "permission-denied",
    });
  });
});
