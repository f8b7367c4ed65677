/**
 * The coordinator's idle cost against the number of keys, up to 100,000: `node --import tsx
 * test/bench/coordinator-scale-bench.ts` (not part of `pnpm bench`'s default run: it needs no
 * cluster, only Redis, and takes a minute or two at 100,000 keys).
 *
 * What it runs, in this one process, is the leader's side of the real coordinator: its key
 * registry on real Redis (records written through the leader's fenced writes), its topology of
 * 9 fragment managers (3 slots × 3 replicas) and its key service's repair pass, as main.ts
 * wires them. The fragment managers are not started (100,000 keys × 9 replicas of fragment files
 * is more than this machine holds); the topology is fed what they would announce and answer:
 * one heartbeat per node with a digest per held-key set, and HeldKeys' answers for every set,
 * each node holding every key at its current epoch. Every key is a copy of one real key's
 * public data (one in-process DKG) under its own name and key id. Nothing needs repair, so the
 * pass must call no fragment manager (a port that counts and refuses every call checks it).
 *
 * Per level of KEYFRAG_BENCH_SCALE_KEYS (default "1000,10000,100000"), cumulatively:
 * - the leader's take-over (the index of key versions, where the code has one);
 * - the repair loop every KEYFRAG_BENCH_REPAIR_MS (500, the test cluster's setting) for
 *   KEYFRAG_BENCH_SECONDS (default 10): CPU of this process in cores, the pass's duration, the
 *   event loop's largest delay, and the latency of a ClusterStatus page read (registry.page of
 *   100 keys and what every node holds of them, as the handler builds it) issued every 10 ms
 *   meanwhile — what a ClusterStatus caller waits for when a pass blocks the event loop.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  HELD_KEY_SETS,
  type HeldKey,
  heldKeySetDigest,
  heldKeySetOf,
} from "../../libs/bus/src/index.js";
import {
  generateIdentityKeyPair,
  keyIdFromName,
  keyPublicDigest,
  keyPublicToJson,
} from "../../libs/crypto/src/index.js";
import { runDkg } from "../../libs/crypto/test/helpers.js";
import {
  createKeyRegistry,
  type KeyRecord,
} from "../../services/coordinator/src/keys/key-registry.js";
import { createKeyService } from "../../services/coordinator/src/keys/key-service.js";
import { createLeaderElection } from "../../services/coordinator/src/leader/leader-election.js";
import { createTopology } from "../../services/coordinator/src/topology/topology.js";
import { testRedis } from "../support/src/index.js";
import { envLevels, envNumber, fmt, percentile, printMachine, printTable } from "./bench-kit.js";

const LEVELS = envLevels("KEYFRAG_BENCH_SCALE_KEYS", [1_000, 10_000, 100_000]);
const SECONDS = envNumber("KEYFRAG_BENCH_SECONDS", 10, 1);
const REPAIR_MS = envNumber("KEYFRAG_BENCH_REPAIR_MS", 500, 10);
const SLOTS = 3;
const REPLICAS = 3;
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const quiet = { info() {}, warn() {}, error() {} };

async function main(): Promise<void> {
  console.log("## coordinator at scale (in-process, real Redis)");
  console.log("");
  printMachine();
  console.log(
    `- repair pass every ${REPAIR_MS} ms for ${SECONDS} s per level; a ClusterStatus page of 100 read every 10 ms meanwhile`,
  );
  console.log("");
  await using redis = await testRedis();
  const namespace = redis.key("coord");
  const leader = createLeaderElection({ redis: redis.client, namespace, id: "c1", ttlMs: 30_000 });
  await leader.start();
  const registry = createKeyRegistry(redis.client, namespace, leader);
  const topology = createTopology({ staleAfterMs: 3_600_000 });
  let portCalls = 0;
  const refuse = () => {
    portCalls++;
    return Promise.reject(new Error("no fragment manager in this benchmark"));
  };
  const port = new Proxy({}, { get: () => refuse }) as never;
  const keys = createKeyService({ topology, registry, fragments: () => port, log: quiet });
  const { key } = runDkg("ristretto255", 3, 3);
  const pub = { json: keyPublicToJson(key), digest: hex(keyPublicDigest(key)) };
  const identity = Array.from({ length: SLOTS }, () => hex(generateIdentityKeyPair().publicKey));
  const held: HeldKey[][] = Array.from({ length: HELD_KEY_SETS }, () => []);
  let sentAt = 1;

  /** Every node announces (and answers) every key recorded so far. */
  function feedTopology(): void {
    sentAt++;
    for (let slot = 1; slot <= SLOTS; slot++) {
      for (let r = 0; r < REPLICAS; r++) {
        const nodeId = `fm-${slot}${String.fromCharCode(97 + r)}`;
        topology.observe({
          nodeId,
          region: r === 2 ? "region-b" : "region-a",
          zone: `az-${r === 1 ? 2 : 1}`,
          slot,
          address: `127.0.0.1:${1000 + 10 * slot + r}`,
          identityPublicKey: identity[slot - 1] as string,
          certificate: "",
          keySets: held.flatMap((entries, set) =>
            entries.length
              ? [{ set, count: entries.length, digest: heldKeySetDigest(entries) }]
              : [],
          ),
          sentAt,
        });
        for (const [set, entries] of held.entries()) topology.applyHeldSet(nodeId, set, entries);
      }
    }
  }

  const rows: string[][] = [];
  let created = 0;
  try {
    for (const level of LEVELS) {
      const t0 = performance.now();
      const batch: Promise<void>[] = [];
      for (; created < level; created++) {
        const name = `/bench/scale/${String(created).padStart(6, "0")}`;
        const keyId = hex(keyIdFromName(name));
        const rec: KeyRecord = {
          name,
          keyId,
          version: 1,
          algorithm: "AES256GCM",
          public: pub.json,
          createdAt: 1,
          lastRefreshAt: 1,
        };
        held[heldKeySetOf(keyId)]?.push({ keyId, version: 1, epoch: 0, digest: pub.digest });
        batch.push(registry.create(rec));
        if (batch.length >= 500) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
      feedTopology();
      const seeded = performance.now() - t0;

      const takeOverStart = performance.now();
      await keys.loadIndex();
      const takeOverMs = performance.now() - takeOverStart;

      const first = performance.now();
      await keys.repair();
      const firstPass = performance.now() - first;

      const passes: number[] = [];
      const reads: number[] = [];
      const delay = monitorEventLoopDelay({ resolution: 5 });
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      let stop = false;
      let busy = false;
      const loop = setInterval(() => {
        if (busy) return;
        busy = true;
        const s = performance.now();
        keys
          .repair()
          .then(() => passes.push(performance.now() - s))
          .finally(() => {
            busy = false;
          });
      }, REPAIR_MS);
      const reader = (async () => {
        while (!stop) {
          const s = performance.now();
          const page = await keys.pageKeys(0, 100);
          for (const n of topology.nodes())
            for (const rec of page.records) n.keys.get(`${rec.keyId}/v${rec.version}`);
          reads.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      delay.enable();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      stop = true;
      clearInterval(loop);
      await reader;
      while (busy) await new Promise((r) => setTimeout(r, 5));
      delay.disable();
      const cpu = process.cpuUsage(cpu0);
      const wall = performance.now() - wall0;
      passes.sort((a, b) => a - b);
      reads.sort((a, b) => a - b);
      rows.push([
        level.toLocaleString("en-US"),
        fmt(seeded / 1000),
        fmt(takeOverMs),
        fmt(firstPass),
        fmt(percentile(passes, 0.5)),
        fmt((cpu.user + cpu.system) / 1000 / wall),
        fmt(delay.max / 1e6),
        fmt(percentile(reads, 0.5)),
        fmt(percentile(reads, 0.99)),
        String(reads.length),
        String(portCalls),
      ]);
      console.error(`  … ${level} keys done`);
    }
  } finally {
    await leader.stop();
  }
  printTable(
    [
      "keys",
      "seeding s",
      "take-over ms",
      "first pass ms",
      "pass p50 ms",
      "process cores",
      "event loop max delay ms",
      "page read p50 ms",
      "page read p99 ms",
      "page reads",
      "fragment calls",
    ],
    rows,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
