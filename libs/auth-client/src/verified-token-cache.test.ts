import { describe, expect, it } from "vitest";
import {
  type CachedVerification,
  createVerifiedTokenCache,
  isCacheableToken,
  tokenDigest,
} from "./verified-token-cache.js";

const entry = (kid: string, verified: string): CachedVerification<string> => ({
  verified,
  kid,
  key: {},
  issuer: "keyfrag",
  audience: "keyfrag",
  expiresAtMs: Date.now() + 60_000,
});

describe("the verified-token cache", () => {
  it("keeps at most its bound, dropping the least recently used", () => {
    const cache = createVerifiedTokenCache<string>(2);
    cache.set("a", entry("k", "A"));
    cache.set("b", entry("k", "B"));
    cache.get("a");
    cache.set("c", entry("k", "C"));
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.verified).toBe("A");
    expect(cache.get("c")?.verified).toBe("C");
  });

  it("forgets every token of a key that went, and only those", () => {
    const cache = createVerifiedTokenCache<string>(10);
    cache.set("a", entry("old", "A"));
    cache.set("b", entry("new", "B"));
    cache.set("c", entry("old", "C"));
    cache.dropKey("old");
    expect(cache.size).toBe(1);
    expect(cache.get("b")?.verified).toBe("B");
  });

  it("keeps nothing with a bound of 0", () => {
    const cache = createVerifiedTokenCache<string>(0);
    cache.set("a", entry("k", "A"));
    expect(cache.get("a")).toBeUndefined();
    expect(() => createVerifiedTokenCache(-1)).toThrow(RangeError);
  });
});

describe("which tokens are remembered, and under what", () => {
  it("digests the whole token: one changed signature character is another entry", () => {
    expect(tokenDigest("h.p.sig1")).not.toBe(tokenDigest("h.p.sig2"));
    expect(tokenDigest("h.p.sig1")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("stores compact JWS tokens only: no two of them share their UTF-8 with another string", () => {
    expect(isCacheableToken("eyJh.eyJz.c2ln")).toBe(true);
    // Two lone surrogates encode to the same UTF-8 replacement bytes.
    expect(tokenDigest("a.b.\uD800")).toBe(tokenDigest("a.b.\uDFFF"));
    expect(isCacheableToken("a.b.\uD800")).toBe(false);
    expect(isCacheableToken("a.b.c.d")).toBe(false);
    expect(isCacheableToken("a.b.c\n")).toBe(false);
  });
});
