import { describe, expect, it } from "vitest";
import { type ChangesPage, pollSecretChanges } from "./change-poll.js";
import { createSecretCache } from "./secret-cache.js";

/** The secrets service's change log as ListChanges answers it (services/secrets change-log.ts). */
function changeLog(keep = 1_000) {
  const entries: { seq: number; name: string }[] = [];
  let seq = 0;
  let floor = 0;
  return {
    record(name: string) {
      seq++;
      const i = entries.findIndex((e) => e.name === name);
      if (i >= 0) entries.splice(i, 1);
      entries.push({ seq, name });
      while (entries.length > keep) floor = entries.shift()?.seq ?? floor;
    },
    async list(after: number, limit: number): Promise<ChangesPage> {
      if (after === 0) return { last: seq || ++seq, names: [], truncated: false };
      if (after < floor || after > seq) return { last: seq, names: [], truncated: true };
      const found = entries.filter((e) => e.seq > after).slice(0, limit);
      const last = found.length === limit ? (found.at(-1)?.seq ?? seq) : seq;
      return { last, names: found.map((e) => e.name), truncated: false };
    },
  };
}

const filled = () => {
  const cache = createSecretCache({ ttlMs: 600_000, maxStaleMs: 600_000, maxEntries: 100 });
  for (const name of ["/a", "/b", "/c"]) {
    cache.put(cache.ticket(), 0, [{ name, version: 1, value: Buffer.from(name) }]);
  }
  return cache;
};

describe("polling the change log", () => {
  it("drops a value whose change event was lost at the next poll, not after the TTL", async () => {
    const log = changeLog();
    const cache = filled();
    const poll = pollSecretChanges({
      listChanges: (a, l) => log.list(a, l),
      cache,
      intervalMs: 60_000,
    });
    await poll.poll();
    for (const name of ["/a", "/b", "/c"]) {
      cache.put(cache.ticket(), 0, [{ name, version: 1, value: Buffer.from(name) }]);
    }
    log.record("/b"); // changed upstream; its NATS event never arrived
    await poll.poll();
    expect(cache.fresh(["/b"], 0)).toBeUndefined();
    expect(cache.fresh(["/a", "/c"], 0)).toHaveLength(2);
  });

  it("reads every page, and tells who wants to know which items changed", async () => {
    const log = changeLog();
    const cache = filled();
    const seen: string[] = [];
    const poll = pollSecretChanges({
      listChanges: (a, l) => log.list(a, l),
      cache,
      intervalMs: 60_000,
      pageSize: 2,
      onChange: (name) => seen.push(name),
    });
    await poll.poll();
    for (const name of ["/1", "/2", "/3", "/4", "/5"]) log.record(name);
    await poll.poll();
    expect(seen).toEqual(["/1", "/2", "/3", "/4", "/5"]);
  });

  it("drops everything when the log no longer reaches back to its last position", async () => {
    const log = changeLog(2);
    const cache = filled();
    let resets = 0;
    const poll = pollSecretChanges({
      listChanges: (a, l) => log.list(a, l),
      cache,
      intervalMs: 60_000,
      onReset: () => resets++,
    });
    await poll.poll();
    cache.put(cache.ticket(), 0, [{ name: "/a", version: 1, value: Buffer.from("a") }]);
    for (const name of ["/x", "/y", "/z"]) log.record(name);
    await poll.poll();
    expect(resets).toBe(1);
    expect(cache.size).toBe(0);
  });
});
