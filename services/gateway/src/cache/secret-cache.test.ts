import { describe, expect, it } from "vitest";
import { createSecretCache, type SecretValue } from "./secret-cache.js";

const value = (name: string, version: number, text: string): SecretValue => ({
  name,
  version,
  value: Buffer.from(text),
});
const texts = (values: SecretValue[] | undefined) =>
  values?.map((v) => `${v.name}@${v.version}=${Buffer.from(v.value).toString()}`);

function clockedCache(options: { ttlMs?: number; maxStaleMs?: number; maxEntries?: number } = {}) {
  let t = 1_000_000;
  const cache = createSecretCache({
    ttlMs: options.ttlMs ?? 1_000,
    maxStaleMs: options.maxStaleMs ?? 10_000,
    maxEntries: options.maxEntries ?? 100,
    now: () => t,
  });
  return { cache, advance: (ms: number) => (t += ms) };
}

describe("secret cache", () => {
  it("holds values encrypted: the plaintext is nowhere in the stored bytes", () => {
    const { cache } = clockedCache();
    const plaintext = "correct-horse-battery-staple-0123456789";
    cache.put(cache.ticket(), 0, [value("/app/db", 3, plaintext)]);
    const stored = cache.storedBytes();
    expect(stored).toHaveLength(1);
    const needle = Buffer.from(plaintext);
    for (const bytes of stored) {
      expect(bytes.includes(needle)).toBe(false);
      expect(bytes.includes(needle.subarray(0, 8))).toBe(false);
      // iv + tag + ciphertext of the same length as the value (GCM adds no padding).
      expect(bytes.length).toBe(12 + 16 + needle.length);
    }
    expect(texts(cache.fresh(["/app/db"], 0))).toEqual([`/app/db@3=${plaintext}`]);
    // Two caches never share a key: the same value seals to different bytes.
    const other = clockedCache().cache;
    other.put(other.ticket(), 0, [value("/app/db", 3, plaintext)]);
    expect(other.storedBytes()[0]?.equals(stored[0] as Buffer)).toBe(false);
  });

  it("serves the newest version (version 0) and explicit versions while fresh", () => {
    const { cache } = clockedCache();
    cache.put(cache.ticket(), 0, [value("/a", 2, "two"), value("/b", 7, "seven")]);
    cache.put(cache.ticket(), 1, [value("/a", 1, "one")]);
    expect(texts(cache.fresh(["/a", "/b"], 0))).toEqual(["/a@2=two", "/b@7=seven"]);
    expect(texts(cache.fresh(["/a"], 1))).toEqual(["/a@1=one"]);
    expect(texts(cache.fresh(["/a"], 2))).toEqual(["/a@2=two"]);
    // All or nothing: one name missing means the read goes upstream.
    expect(cache.fresh(["/a", "/c"], 0)).toBeUndefined();
    expect(cache.fresh(["/a"], 5)).toBeUndefined();
  });

  it("expires entries after the TTL; stale lookups reach back to max-stale", () => {
    const { cache, advance } = clockedCache({ ttlMs: 1_000, maxStaleMs: 5_000 });
    cache.put(cache.ticket(), 0, [value("/a", 1, "x")]);
    advance(999);
    expect(cache.fresh(["/a"], 0)).toBeDefined();
    advance(2);
    expect(cache.fresh(["/a"], 0)).toBeUndefined();
    expect(texts(cache.stale(["/a"], 0))).toEqual(["/a@1=x"]);
    advance(4_000);
    expect(cache.stale(["/a"], 0)).toBeUndefined();
  });

  it("drops an item on invalidation, and never keeps a read that started before it", () => {
    const { cache } = clockedCache();
    cache.put(cache.ticket(), 0, [value("/a", 1, "x"), value("/b", 1, "y")]);
    cache.put(cache.ticket(), 1, [value("/a", 1, "x")]);
    cache.invalidate("/a");
    expect(cache.fresh(["/a"], 0)).toBeUndefined();
    expect(cache.fresh(["/a"], 1)).toBeUndefined();
    expect(cache.stale(["/a"], 0)).toBeUndefined();
    expect(cache.fresh(["/b"], 0)).toBeDefined();

    const ticket = cache.ticket();
    cache.invalidate("/b"); // a change lands while the read is in flight
    cache.put(ticket, 0, [value("/b", 1, "y-old"), value("/c", 1, "z")]);
    expect(cache.fresh(["/b"], 0)).toBeUndefined();
    expect(cache.fresh(["/c"], 0)).toBeDefined();

    const beforeClear = cache.ticket();
    cache.clear();
    cache.put(beforeClear, 0, [value("/d", 1, "w")]);
    expect(cache.size).toBe(0);
  });

  it("keeps at most maxEntries values, dropping the oldest", () => {
    const { cache } = clockedCache({ maxEntries: 3 });
    for (let i = 1; i <= 5; i++) cache.put(cache.ticket(), 0, [value(`/s${i}`, 1, `v${i}`)]);
    expect(cache.size).toBe(3);
    expect(cache.fresh(["/s1"], 0)).toBeUndefined();
    expect(cache.fresh(["/s2"], 0)).toBeUndefined();
    expect(texts(cache.fresh(["/s3", "/s4", "/s5"], 0))).toEqual([
      "/s3@1=v3",
      "/s4@1=v4",
      "/s5@1=v5",
    ]);
  });

  it("does nothing when the TTL is 0, and nothing after close", () => {
    const off = createSecretCache({ ttlMs: 0, maxStaleMs: 10_000, maxEntries: 10 });
    off.put(off.ticket(), 0, [value("/a", 1, "x")]);
    expect(off.enabled).toBe(false);
    expect(off.size).toBe(0);
    expect(off.stale(["/a"], 0)).toBeUndefined();

    const { cache } = clockedCache();
    cache.put(cache.ticket(), 0, [value("/a", 1, "x")]);
    cache.close();
    expect(cache.fresh(["/a"], 0)).toBeUndefined();
    cache.put(cache.ticket(), 0, [value("/a", 1, "x")]);
    expect(cache.size).toBe(0);
  });
});
