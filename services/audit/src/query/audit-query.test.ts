import { randomUUID } from "node:crypto";
import type { AuditEvent } from "@keyfrag/bus";
import { InvalidArgumentError } from "@keyfrag/rpc";
import { testRedis } from "@keyfrag/test-support";
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../chain/audit-record.js";
import { createChainStore } from "../chain/chain-store.js";
import { type AuditQuery, createAuditQueries, parsePageSize, parseQuery } from "./audit-query.js";

const auditKey = new Uint8Array(32).fill(5);

const T0 = 1_700_000_000_000;
const ACTORS = ["alice", "bob", "carol"];
const ACTIONS = ["read", "write", "delete"];
const RESULTS = ["allowed", "denied", "error"] as const;

// 60 events; several share a millisecond so ordering ties are exercised.
function events(): AuditEvent[] {
  return Array.from({ length: 60 }, (_, i) => ({
    id: randomUUID(),
    time: T0 + Math.floor(i / 3) * 1000,
    service: "gateway",
    actor: { authMethod: "ak", accessId: ACTORS[i % 3] ?? "", subClaims: {}, sourceAddress: "" },
    action: ACTIONS[Math.floor(i / 2) % 3] ?? "",
    path: i % 4 === 0 ? `/prod/db/${i}` : `/dev/app/${i}`,
    result: RESULTS[i % 5 === 0 ? 1 : i % 7 === 0 ? 2 : 0] ?? "allowed",
    requestId: "",
    leaseId: "",
    reason: "",
    fields: {},
  }));
}

const q = (over: Partial<AuditQuery> = {}): AuditQuery => ({
  sinceMs: 0,
  untilMs: 0,
  actor: "",
  action: "",
  pathPrefix: "",
  result: "",
  ...over,
});

// Newest first: time descending, then seq descending.
const newestFirst = (a: AuditRecord, b: AuditRecord) => b.time - a.time || b.seq - a.seq;

describe("audit queries", () => {
  it("filters, orders newest first and pages without gaps or duplicates", async () => {
    await using redis = await testRedis();
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    // Appended out of time order, as replicas and late events can do.
    const all = events();
    await chain.append([...all.slice(30), ...all.slice(0, 30)]);
    const stored = (await chain.records(Array.from({ length: 60 }, (_, i) => i + 1))).filter(
      (r): r is AuditRecord => r !== null,
    );
    const queries = createAuditQueries({ redis: redis.client, chain });
    await chain.buildPathIndex();

    const cases: [Partial<AuditQuery>, (r: AuditRecord) => boolean][] = [
      [{}, () => true],
      [
        { sinceMs: T0 + 5000, untilMs: T0 + 9000 },
        (r) => r.time >= T0 + 5000 && r.time <= T0 + 9000,
      ],
      [{ sinceMs: T0 + 15000 }, (r) => r.time >= T0 + 15000],
      [{ untilMs: T0 + 2000 }, (r) => r.time <= T0 + 2000],
      [{ actor: "bob" }, (r) => r.actor.accessId === "bob"],
      [{ action: "write" }, (r) => r.action === "write"],
      [{ pathPrefix: "/prod/" }, (r) => r.path.startsWith("/prod/")],
      [{ pathPrefix: "/prod/db/1" }, (r) => r.path.startsWith("/prod/db/1")],
      [{ pathPrefix: "/pr" }, (r) => r.path.startsWith("/pr")],
      [{ result: "denied" }, (r) => r.result === "denied"],
      [
        { actor: "alice", result: "allowed", pathPrefix: "/dev", sinceMs: T0 + 3000 },
        (r) =>
          r.actor.accessId === "alice" &&
          r.result === "allowed" &&
          r.path.startsWith("/dev") &&
          r.time >= T0 + 3000,
      ],
    ];
    for (const [filter, keep] of cases) {
      const expected = stored
        .filter(keep)
        .sort(newestFirst)
        .map((r) => r.seq);
      expect(expected.length).toBeGreaterThan(0);
      // Walk it in pages of 7.
      const got: number[] = [];
      let token = "";
      let pages = 0;
      do {
        const page = await queries.page(q(filter), 7, token);
        expect(page.records.length).toBeLessThanOrEqual(7);
        got.push(...page.records.map((r) => r.seq));
        token = page.nextPageToken;
        pages++;
      } while (token && pages < 100);
      expect(got, JSON.stringify(filter)).toEqual(expected);
      const exported: number[] = [];
      for await (const chunk of queries.all(q(filter), 4))
        exported.push(...chunk.map((r) => r.seq));
      expect(exported).toEqual(expected);
    }
    // Exactly a page's worth: no empty extra page.
    const bob = await queries.page(q({ actor: "bob" }), 20, "");
    expect(bob.records).toHaveLength(20);
    expect(bob.nextPageToken).toBe("");
  });

  it("an action named as the CLI names it (get-secret-value) finds the gateway's records", async () => {
    await using redis = await testRedis();
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const queries = createAuditQueries({ redis: redis.client, chain });
    const [read, login] = events();
    if (!read || !login) throw new Error("no events");
    await chain.append([
      { ...read, action: "gateway.get-secret-value" },
      { ...login, service: "auth", action: "auth.login" },
    ]);
    const short = await queries.page(parseQuery({ action: "get-secret-value" }), 10, "");
    expect(short.records.map((r) => r.action)).toEqual(["gateway.get-secret-value"]);
    const full = await queries.page(parseQuery({ action: "auth.login" }), 10, "");
    expect(full.records.map((r) => r.action)).toEqual(["auth.login"]);
  });

  it("refuses bad input, naming the field", async () => {
    await using redis = await testRedis();
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const queries = createAuditQueries({ redis: redis.client, chain });
    expect(() => parseQuery({ since_ms: "-5" })).toThrow(/since_ms/);
    expect(() => parseQuery({ since_ms: "10", until_ms: "5" })).toThrow(/until_ms/);
    expect(() => parseQuery({ result: "maybe" })).toThrow(InvalidArgumentError);
    expect(() => parseQuery({ result: "maybe" })).toThrow(/result/);
    expect(() => parsePageSize(1001)).toThrow(/page_size/);
    expect(parsePageSize(0)).toBe(100);
    await expect(queries.page(q(), 10, "garbage!")).rejects.toThrow(/page_token/);
    await chain.append(events());
    const first = await queries.page(q({ actor: "bob" }), 2, "");
    await expect(queries.page(q({ actor: "alice" }), 2, first.nextPageToken)).rejects.toThrow(
      /page_token/,
    );
  });

  it("answers a path query from the path index, not by walking the whole chain", async () => {
    await using redis = await testRedis();
    const chain = createChainStore({ redis: redis.client, prefix: redis.prefix, auditKey });
    const all = events();
    const noise = Array.from({ length: 3_000 }, (_, i) => ({
      ...all[1],
      id: randomUUID(),
      path: `/dev/noise/${i}`,
    })) as AuditEvent[];
    const wanted = all.filter((e) => e.path.startsWith("/prod/db/"));
    await chain.append([...wanted, ...noise]);
    // Records stored before the path index existed: drop their entries, then build it.
    for (const prefix of ["/prod/", "/prod/db/"]) {
      await redis.client.del(chain.keys.index("path", prefix));
    }
    let read = 0;
    const counting = {
      ...chain,
      records: (seqs: readonly number[]) => {
        read += seqs.length;
        return chain.records(seqs);
      },
    };
    const queries = createAuditQueries({ redis: redis.client, chain: counting });
    const query = q({ pathPrefix: "/prod/db/" });
    // Before the index is built the time index is walked, and the answer is still right.
    expect((await queries.page(query, 100, "")).records).toHaveLength(wanted.length);
    await chain.buildPathIndex();
    read = 0;
    const page = await queries.page(query, 100, "");
    expect(page.records.map((r) => r.path).sort()).toEqual(wanted.map((e) => e.path).sort());
    expect(read).toBe(wanted.length);
  });
});
