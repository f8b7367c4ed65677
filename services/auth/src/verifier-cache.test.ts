/**
 * A verifier's cache of verified tokens, against a real auth service over mTLS and real NATS and
 * Redis: a token answered from memory is still refused as soon as the verifier knows it is
 * revoked or expired, and only the very token that was verified is ever answered from memory.
 */

import type { TokenVerifier } from "@keyfrag/auth-client";
import { call } from "@keyfrag/rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthHarness } from "./testing/auth-harness.js";

let h: AuthHarness;
let gateway: Awaited<ReturnType<AuthHarness["client"]>>;

beforeAll(async () => {
  h = await startAuthHarness("verifier-cache");
  gateway = await h.client("gateway");
});

afterAll(async () => {
  await h?.[Symbol.asyncDispose]();
});

/** A started verifier as a gateway has one: its own NATS connection and auth client. */
async function startedVerifier(
  options: { cacheMaxEntries?: number; revocationRelistMs?: number } = {},
): Promise<TokenVerifier> {
  const verifier = await h.verifier(options);
  await verifier.start();
  return verifier;
}

const method = (name: string) => h.method(name);

/** Verifies twice; the second answer is the first one, shared from memory. */
async function verifiedAndCached(verifier: TokenVerifier, token: string) {
  const first = await verifier.verify(token);
  expect(await verifier.verify(token)).toBe(first);
  return first;
}

describe("a cached token", () => {
  it("is refused on the next call once the verifier has learned its revocation", async () => {
    const verifier = await startedVerifier({ revocationRelistMs: 3_600_000 });
    const { issue } = await method("cache/revoked-token");
    const token = await issue();
    const other = await issue();
    await verifiedAndCached(verifier, token);
    await verifiedAndCached(verifier, other);
    await call(gateway, "RevokeToken", { token });
    // What the announcement triggers, awaited here so that the next call is the first after it.
    await verifier.resync();
    await expect(verifier.verify(token)).rejects.toThrow("token revoked");
    await verifier.verify(other);
  });

  it("is refused on the next call once its access id's revocation is learned", async () => {
    const verifier = await startedVerifier({ revocationRelistMs: 3_600_000 });
    const { accessId, issue } = await method("cache/revoked-access-id");
    const token = await issue();
    await verifiedAndCached(verifier, token);
    await call(gateway, "RevokeToken", { access_id: accessId });
    await verifier.resync();
    await expect(verifier.verify(token)).rejects.toThrow("token revoked");
  });

  it("is refused within 1 s of its revocation, through the announcement alone", async () => {
    // No periodic re-list within the test: only the NATS announcement can tell the verifier.
    const verifier = await startedVerifier({ revocationRelistMs: 3_600_000 });
    const { issue } = await method("cache/announced");
    const token = await issue();
    await verifiedAndCached(verifier, token);
    await call(gateway, "RevokeToken", { token });
    const revokedAt = Date.now();
    for (;;) {
      const refused = await verifier.verify(token).then(
        () => false,
        (err: Error) => err.message === "token revoked",
      );
      if (refused) break;
      expect(Date.now() - revokedAt).toBeLessThan(1_000);
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it("is refused once it has expired", async () => {
    const verifier = await startedVerifier();
    const { issue } = await method("cache/expiring");
    const token = await issue(1);
    const { expiresAtMs } = await verifiedAndCached(verifier, token);
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAtMs - Date.now()) + 20));
    await expect(verifier.verify(token)).rejects.toThrow("token expired");
  });
});

describe("the cache of verified tokens", () => {
  it("never answers for a token whose signature was altered", async () => {
    const verifier = await startedVerifier();
    const { issue } = await method("cache/tampered");
    const token = await issue();
    await verifiedAndCached(verifier, token);
    const [header, payload, signature = ""] = token.split(".");
    // The first character carries six whole bits of the signature: always a different one.
    const altered = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    await expect(verifier.verify(`${header}.${payload}.${altered}`)).rejects.toThrow(
      "token signature invalid",
    );
    await verifier.verify(token);
  });

  it("keeps at most its bound, forgetting the least recently used first", async () => {
    const verifier = await startedVerifier({ cacheMaxEntries: 2 });
    const { issue } = await method("cache/bounded");
    const [a, b, c] = [await issue(), await issue(), await issue()];
    const fromA = await verifiedAndCached(verifier, a);
    const fromB = await verifiedAndCached(verifier, b);
    // a used last: b is the least recently used when c comes in.
    expect(await verifier.verify(a)).toBe(fromA);
    await verifier.verify(c);
    expect(await verifier.verify(a)).toBe(fromA);
    const again = await verifier.verify(b);
    expect(again).not.toBe(fromB);
    expect(again).toEqual(fromB);
  });

  it("keeps its tokens when the same keys are listed again", async () => {
    const verifier = await startedVerifier();
    const { issue } = await method("cache/resync");
    const token = await issue();
    const first = await verifiedAndCached(verifier, token);
    await verifier.resync();
    expect(await verifier.verify(token)).toBe(first);
  });

  it("answers nothing from memory when disabled", async () => {
    const verifier = await startedVerifier({ cacheMaxEntries: 0 });
    const { issue } = await method("cache/disabled");
    const token = await issue();
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).not.toBe(first);
  });
});
