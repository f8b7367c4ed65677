/**
 * Benchmark of a running keyfrag cluster: `pnpm bench` from the repo root (after the crypto
 * micro-benchmark), or `node --import tsx test/bench/cluster-bench.ts` (`pnpm exec tsx …` works
 * too, but on Ctrl-C the tsx CLI SIGKILLs a script whose event loop is busy for more than
 * ~60 ms, which leaves the cluster directory and test Redis/NATS state behind; plain node lets
 * the SIGINT handler stop the cluster). Run `pnpm build` first: the cluster runs the compiled
 * services.
 *
 * It starts the end-to-end harness's cluster — 3 slots × 3 replicas (9 fragment-manager
 * processes) and one coordinator, gRPC with mTLS, against the test Redis and NATS — and
 * measures, through the real processes:
 *
 * 1. derive (threshold OPRF, 3-of-3) and 2. sign (FROST Ed25519, 3-of-3) with 1, 8 and 64
 *    concurrent callers: Promise-based loops in this one process, one `dfc.derive(name,
 *    [input])` / `dfc.sign(name, message)` per op, WARMUP then DURATION seconds per level. Two
 *    clients: "gateway" — a dfc-client as a gateway would run it (the coordinator's key view
 *    cached for coordinatorKeySource's default 5 s, so an op is 3 replica RPCs for derive, 6
 *    for sign); "harness" — `cluster.dfc`, the end-to-end tests' client, which asks the
 *    coordinator for ClusterStatus and GetKey before every op. Every result is checked (derive
 *    output equal to a reference; signature verified with node:crypto).
 * 3. key creation (DKG + replication, bounded concurrency) and RefreshKey for 1, 100 and 1,000
 *    AES keys: the keys are created cumulatively (1, then 99 more, then 900 more), then all of
 *    them are refreshed once one at a time and once with bounded concurrency.
 * 4. status: keys created (16 at a time) up to 1,000 and 10,000 in the registry
 *    (KEYFRAG_BENCH_STATUS_KEYS, KEYFRAG_BENCH_STATUS_CREATE_CONCURRENCY); at each level, once
 *    every node announces them all, ClusterStatus pages are timed and every page walked, and the
 *    heartbeats' size and the idle cluster's CPU are measured.
 *
 * Environment: KEYFRAG_BENCH_SECONDS (measured seconds per load level, default 5),
 * KEYFRAG_BENCH_WARMUP_SECONDS (default 1), KEYFRAG_BENCH_MAX_KEYS (largest refresh level run,
 * default 1000; e.g. 100 skips the 1,000-key level), KEYFRAG_BENCH_KEY_LEVELS (the key levels, default
 * "1,100,1000"), KEYFRAG_BENCH_CREATE_CONCURRENCY and
 * KEYFRAG_BENCH_REFRESH_CONCURRENCY (default 16 each: as many as the coordinator runs ceremonies at
 * once; the issue's first figures were 4 at a time), KEYFRAG_BENCH_TIMEOUT_MINUTES (the whole
 * run is aborted, and the cluster stopped, after this long; default 60), KEYFRAG_KEEP_CLUSTER=1
 * keeps the cluster directory (service logs) after the run. KEYFRAG_BENCH_CONCURRENCY ("1,16")
 * replaces the load levels; KEYFRAG_BENCH_PARTS (derive, sign, keys, status) and KEYFRAG_BENCH_CLIENTS
 * (gateway, harness) run only some parts or clients (default: all); KEYFRAG_BENCH_REFRESH_MODES
 * (sequential, concurrent) the refresh modes of each key level.
 *
 * It also reports CPU use per phase (from /proc: this process, the fragment managers, the
 * coordinator, local Redis + NATS, everything else) and counts the services' warnings/errors.
 *
 * Everything — the callers and all 10 services — shares one machine, so the numbers are lower
 * bounds of what a deployment with one machine per node would do. The callers run in one
 * Node process, whose single thread does the client-side cryptography (blinding, proof
 * verification, combining, signature aggregation): it saturates first.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import {
  coordinatorKeySource,
  createDfcClient,
  type DfcClient,
  grpcReplicaPort,
  type ReplicaPort,
} from "../../libs/dfc-client/src/index.js";
import { call, clientCredentials } from "../../libs/rpc/src/index.js";
import { type Cluster, startCluster } from "../cluster/src/index.js";
import {
  CLOCK_TICKS,
  describe,
  envLevels,
  envNumber,
  infrastructurePids,
  machineCpuSeconds,
  percentile,
  printMachine,
  printTable,
  printTotalRuntime,
  StopRequested,
  watchStops,
} from "./bench-kit.js";

// ---------------------------------------------------------------------------------------------
// Settings

const DURATION_MS = envNumber("KEYFRAG_BENCH_SECONDS", 5, 0.1) * 1000;
const WARMUP_MS = envNumber("KEYFRAG_BENCH_WARMUP_SECONDS", 1, 0) * 1000;
const MAX_KEYS = envNumber("KEYFRAG_BENCH_MAX_KEYS", 1000, 1);
/**
 * Ceremonies sent at once. The coordinator runs at most 16 (DKG or refresh) at a time and queues
 * the rest: 16 measures what it does with its bound; 4 left it waiting on round trips.
 */
const CREATE_CONCURRENCY = envNumber("KEYFRAG_BENCH_CREATE_CONCURRENCY", 16, 1);
const REFRESH_CONCURRENCY = envNumber("KEYFRAG_BENCH_REFRESH_CONCURRENCY", 16, 1);
const TIMEOUT_MS = envNumber("KEYFRAG_BENCH_TIMEOUT_MINUTES", 60, 1) * 60_000;

const CONCURRENCY_LEVELS = envLevels("KEYFRAG_BENCH_CONCURRENCY", [1, 8, 64]);
/** Which parts to run (comma-separated): derive, sign (load levels), keys (creation + refresh). */
const PARTS = envList("KEYFRAG_BENCH_PARTS", ["derive", "sign", "keys", "status"]);
/** Keys in the registry at which the status part measures ClusterStatus and heartbeats. */
const STATUS_LEVELS = envLevels("KEYFRAG_BENCH_STATUS_KEYS", [1_000, 10_000]);
const STATUS_CREATE_CONCURRENCY = envNumber("KEYFRAG_BENCH_STATUS_CREATE_CONCURRENCY", 16, 1);
/** Which refresh modes run at each key level: sequential, concurrent. */
const REFRESH_MODES = envList("KEYFRAG_BENCH_REFRESH_MODES", ["sequential", "concurrent"]);
/** Which clients run the load levels: gateway, harness. */
const CLIENTS = envList("KEYFRAG_BENCH_CLIENTS", ["gateway", "harness"]);
/** Key counts at which creation and refresh are measured (cumulative). */
const KEY_LEVELS = envLevels("KEYFRAG_BENCH_KEY_LEVELS", [1, 100, 1000]);
/** A load level stops early after this many failed ops. */
const MAX_LOAD_ERRORS = 200;
/** Same per-call deadline and hedging as the harness's `cluster.dfc`. */
const CLIENT_DEADLINE_MS = 3_000;
const CLIENT_HEDGE_AFTER_MS = 500;
const CREATE_DEADLINE_MS = 120_000;
const REFRESH_DEADLINE_MS = 120_000;
/** Sequential calls per coordinator read sample. */
const READ_SAMPLES = 20;

const enc = new TextEncoder();

/** A comma-separated list from `name`, each item one of `all` (default: all of them). */
function envList(name: string, all: readonly string[]): string[] {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return [...all];
  const items = raw.split(",").map((s) => s.trim());
  const bad = items.filter((i) => !all.includes(i));
  if (bad.length > 0)
    throw new Error(`${name}: unknown ${bad.join(", ")} (one of ${all.join(", ")})`);
  return items;
}
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

// ---------------------------------------------------------------------------------------------
// Statistics and output

/** About three significant digits; thousands separators from 1,000 up. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (x >= 1000) return Math.round(x).toLocaleString("en-US");
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** Failures seen in one measurement: how many, and the first distinct messages. */
class Failures {
  count = 0;
  readonly messages = new Map<string, number>();
  add(err: unknown): void {
    this.count++;
    // Group messages that differ only in timings or ports.
    const m = describe(err)
      .replace(/\d+\.\d+s/g, "#s")
      .replace(/:\d{2,5}\b/g, ":#")
      .slice(0, 300);
    // A new message goes to stderr at once: a run that dies (or is stopped) later still shows it.
    if (!this.messages.has(m) && this.messages.size < 5) console.error(`  ! ${m}`);
    if (this.messages.has(m) || this.messages.size < 5)
      this.messages.set(m, (this.messages.get(m) ?? 0) + 1);
  }
}

/** Every failure message of the run, printed at the end. */
const allFailures: { what: string; failures: Failures }[] = [];

// ---------------------------------------------------------------------------------------------
// Load generation

interface LoadResult {
  /** Ops started in the measured window that succeeded. */
  ops: number;
  /** Every op that ended, warm-up and failures included. */
  attempts: number;
  /** Failed ops, warm-up included. */
  errors: number;
  /** From the start of the measured window to the last measured op's end. */
  seconds: number;
  sorted: number[];
}

/**
 * `concurrency` callers each run `op` in a loop for WARMUP_MS + DURATION_MS (an op started
 * before the end is awaited). Only ops started after the warm-up are measured.
 */
async function runLoad(
  concurrency: number,
  op: (caller: number, i: number) => Promise<void>,
  failures: Failures,
): Promise<LoadResult> {
  const begin = performance.now();
  const measureFrom = begin + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const latencies: number[] = [];
  let lastEnd = measureFrom;
  let attempts = 0;
  const caller = async (c: number) => {
    for (let i = 0; performance.now() < end && failures.count < MAX_LOAD_ERRORS; i++) {
      const t0 = performance.now();
      attempts++;
      try {
        await op(c, i);
        const t1 = performance.now();
        if (t0 >= measureFrom) {
          latencies.push(t1 - t0);
          if (t1 > lastEnd) lastEnd = t1;
        }
      } catch (err) {
        failures.add(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, c) => caller(c)));
  return {
    ops: latencies.length,
    attempts,
    errors: failures.count,
    seconds: (lastEnd - measureFrom) / 1000,
    sorted: latencies.sort((a, b) => a - b),
  };
}

interface BatchResult {
  ops: number;
  errors: number;
  seconds: number;
  sorted: number[];
  /** Server-side durations (ms) the op returned, if any, ascending. */
  serverSorted: number[];
}

/**
 * Runs `op(0..count-1)` with at most `concurrency` in flight; stops starting new ones after
 * max(10, count / 10) failures.
 */
async function runBatch(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<number | undefined>,
  failures: Failures,
): Promise<BatchResult> {
  const maxErrors = Math.max(10, Math.ceil(count / 10));
  const latencies: number[] = [];
  const server: number[] = [];
  let next = 0;
  const begin = performance.now();
  const worker = async () => {
    while (next < count && failures.count < maxErrors) {
      const i = next++;
      const t0 = performance.now();
      try {
        const s = await op(i);
        latencies.push(performance.now() - t0);
        if (s !== undefined) server.push(s);
      } catch (err) {
        failures.add(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return {
    ops: latencies.length,
    errors: failures.count,
    seconds: (performance.now() - begin) / 1000,
    sorted: latencies.sort((a, b) => a - b),
    serverSorted: server.sort((a, b) => a - b),
  };
}

/** Latencies (ms, ascending) of `n` sequential calls of `fn`. */
async function sample(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Clients

interface RpcCounts {
  evaluate: number;
  signCommit: number;
  signPreprocess: number;
  signShare: number;
  replicaErrors: number;
  /** Where the replica errors of the current load level are recorded. */
  replicaFailures?: Failures;
}

const total = (c: RpcCounts) => c.evaluate + c.signCommit + c.signPreprocess + c.signShare;

/** A ReplicaPort that counts the calls it forwards (to see hedging and retries). */
function countingPort(inner: ReplicaPort, counts: RpcCounts): ReplicaPort {
  return {
    evaluate: (replica, req, deadlineMs) => {
      counts.evaluate++;
      return inner.evaluate(replica, req, deadlineMs);
    },
    signCommit: (replica, req, deadlineMs) => {
      counts.signCommit++;
      return inner.signCommit(replica, req, deadlineMs);
    },
    signPreprocess: (replica, req, deadlineMs) => {
      counts.signPreprocess++;
      if (!inner.signPreprocess) throw new Error("the port has no signPreprocess");
      return inner.signPreprocess(replica, req, deadlineMs);
    },
    signShare: (replica, req, deadlineMs) => {
      counts.signShare++;
      return inner.signShare(replica, req, deadlineMs);
    },
  };
}

function ed25519PublicKey(groupPublicKey: Uint8Array): KeyObject {
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), groupPublicKey]);
  return createPublicKey({ key: spki, format: "der", type: "spki" });
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; "–" elsewhere)

/** CPU seconds (user + system) process `pid` has used, or undefined. */
async function processCpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm) ": state is the first; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

interface CpuSnapshot {
  at: number;
  bench: number;
  fragmentManagers: number;
  coordinator: number;
  infrastructure: number;
  machine: number;
}

let infraPids: number[] = [];

async function cpuSnapshot(cluster: Cluster): Promise<CpuSnapshot> {
  const sum = async (pids: readonly (number | undefined)[]) => {
    let t = 0;
    for (const pid of pids) t += (await processCpuSeconds(pid)) ?? Number.NaN;
    return t;
  };
  const u = process.cpuUsage();
  return {
    at: performance.now(),
    bench: (u.user + u.system) / 1e6,
    fragmentManagers: await sum(cluster.nodes.map((n) => n.process.child?.pid)),
    coordinator: await sum(cluster.coordinators.map((c) => c.process.child?.pid)),
    infrastructure: infraPids.length ? await sum(infraPids) : Number.NaN,
    machine: await machineCpuSeconds(),
  };
}

/** Cores busy between two snapshots: this process, FMs, coordinator, Redis+NATS, others, all. */
function coresUsed(a: CpuSnapshot, b: CpuSnapshot): string[] {
  const s = (b.at - a.at) / 1000;
  const d = (k: keyof Omit<CpuSnapshot, "at">) => (b[k] - a[k]) / s;
  const known = d("bench") + d("fragmentManagers") + d("coordinator") + (d("infrastructure") || 0);
  return [
    fmt(d("bench")),
    fmt(d("fragmentManagers")),
    fmt(d("coordinator")),
    fmt(d("infrastructure")),
    fmt(Math.max(0, d("machine") - known)),
    fmt(d("machine")),
  ];
}

const CPU_HEADERS = [
  "bench process",
  "9 fragment managers",
  "coordinator",
  "Redis + NATS",
  "other processes",
  "machine",
] as const;

// ---------------------------------------------------------------------------------------------
// Sections

const DERIVE_KEY = "/bench/derive";
const SIGN_KEY = "/bench/sign";

async function loadSection(
  cluster: Cluster,
  clients: { name: string; dfc: DfcClient; counts?: RpcCounts }[],
): Promise<void> {
  const coordinator = cluster.coordinator();
  await call(
    coordinator,
    "CreateKey",
    { name: DERIVE_KEY, algorithm: "AES256GCM", slots: 3, threshold: 3 },
    { deadlineMs: CREATE_DEADLINE_MS },
  );
  await call(
    coordinator,
    "CreateKey",
    { name: SIGN_KEY, algorithm: "ED25519", slots: 3, threshold: 3 },
    { deadlineMs: CREATE_DEADLINE_MS },
  );
  const input = enc.encode("bench-document-1");
  const reference = (await cluster.dfc.derive(DERIVE_KEY, [input])).outputs[0] as Uint8Array;
  const first = await cluster.dfc.sign(SIGN_KEY, enc.encode("bench-sign-check"));
  const publicKey = ed25519PublicKey(first.view.key.groupPublicKey);
  if (!verify(null, enc.encode("bench-sign-check"), publicKey, first.signature))
    throw new Error("sanity check failed: the first signature does not verify");

  const ops = {
    derive: (dfc: DfcClient) => async () => {
      const { outputs } = await dfc.derive(DERIVE_KEY, [input]);
      const out = outputs[0];
      if (!out || !Buffer.from(out).equals(reference))
        throw new Error("derive returned a different output than the reference");
    },
    sign: (dfc: DfcClient) => async (caller: number, i: number) => {
      const message = enc.encode(`bench message ${caller}/${i}`);
      const { signature } = await dfc.sign(SIGN_KEY, message);
      if (!verify(null, message, publicKey, signature))
        throw new Error("signature does not verify");
    },
  };

  for (const [title, operation, perOp] of [
    ["Derive (threshold OPRF, 3-of-3, one 16-byte input per op)", "derive", 3],
    ["Sign (FROST Ed25519, 3-of-3, ~20-byte message per op)", "sign", 6],
  ] as const) {
    if (!PARTS.includes(operation)) continue;
    console.log(`### ${title}`);
    console.log("");
    const rows: string[][] = [];
    const cpuRows: string[][] = [];
    for (const client of clients) {
      for (const concurrency of CONCURRENCY_LEVELS) {
        const failures = new Failures();
        allFailures.push({ what: `${operation}/${client.name}/c=${concurrency}`, failures });
        const before = client.counts ? { ...client.counts } : undefined;
        if (client.counts) {
          client.counts.replicaFailures = new Failures();
          allFailures.push({
            what: `replica errors (tolerated: hedged, retried) of ${operation}/${client.name}/c=${concurrency}`,
            failures: client.counts.replicaFailures,
          });
        }
        const cpuBefore = await cpuSnapshot(cluster);
        const r = await runLoad(concurrency, ops[operation](client.dfc), failures);
        cpuRows.push([
          operation,
          client.name,
          String(concurrency),
          ...coresUsed(cpuBefore, await cpuSnapshot(cluster)),
        ]);
        let rpcs = "–";
        let replicaErrors = "–";
        if (client.counts && before) {
          rpcs = r.attempts ? fmt((total(client.counts) - total(before)) / r.attempts) : "–";
          replicaErrors = String(client.counts.replicaErrors - before.replicaErrors);
        }
        const row = [
          operation,
          client.name,
          String(concurrency),
          String(r.ops),
          fmt(r.ops / r.seconds),
          fmt(percentile(r.sorted, 0.5)),
          fmt(percentile(r.sorted, 0.99)),
          fmt(r.sorted.at(-1) ?? Number.NaN),
          String(r.errors),
          rpcs,
          replicaErrors,
        ];
        rows.push(row);
        console.error(`  … ${row.join(" | ")}`);
      }
    }
    printTable(
      [
        "operation",
        "client",
        "concurrency",
        "ops",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "replica RPCs/op",
        "replica errors",
      ],
      rows,
      2,
    );
    console.log(
      `(${perOp} replica RPCs per op when no request is hedged or retried${operation === "sign" ? " and signing takes two rounds; with commitments fetched ahead 3 SignShare plus the background SignPreprocess (16 nonces per slot per call)" : ""}; "harness" adds 2 coordinator RPCs per op: ClusterStatus and GetKey.)`,
    );
    console.log("");
    console.log(`CPU cores busy during each ${operation} level (warm-up included):`);
    console.log("");
    printTable(["operation", "client", "concurrency", ...CPU_HEADERS], cpuRows, 2);
  }
}

/**
 * Client operations (one derive and one sign caller, through `dfc`) running until `stop()`:
 * what a refresh must not disturb.
 */
function backgroundClients(dfc: DfcClient) {
  const input = enc.encode("during-refresh");
  const failures = new Failures();
  let ops = 0;
  let running = true;
  const loop = async (op: () => Promise<unknown>) => {
    while (running) {
      try {
        await op();
        ops++;
      } catch (err) {
        failures.add(err);
      }
    }
  };
  const done = Promise.all([
    loop(() => dfc.derive(DERIVE_KEY, [input])),
    loop(() => dfc.sign(SIGN_KEY, input)),
  ]);
  return {
    failures,
    async stop(): Promise<{ ops: number; errors: number }> {
      running = false;
      await done;
      return { ops, errors: failures.count };
    },
  };
}

async function refreshSection(cluster: Cluster, dfc?: DfcClient): Promise<void> {
  const coordinator = cluster.coordinator();
  const levels = KEY_LEVELS.filter((n) => n <= MAX_KEYS);
  const skipped = KEY_LEVELS.filter((n) => n > MAX_KEYS);
  const names: string[] = [];
  const createRows: string[][] = [];
  const refreshRows: string[][] = [];
  const readRows: string[][] = [];
  const cpuRows: string[][] = [];
  const readRow = async (label: string) => {
    const getKey = await sample(READ_SAMPLES, () =>
      call(coordinator, "GetKey", { name: DERIVE_KEY, version: 0 }),
    );
    const status = await sample(READ_SAMPLES, () =>
      call(coordinator, "ClusterStatus", {}, { deadlineMs: 30_000 }),
    );
    readRows.push([
      label,
      fmt(percentile(getKey, 0.5)),
      fmt(percentile(getKey, 0.99)),
      fmt(percentile(status, 0.5)),
      fmt(percentile(status, 0.99)),
    ]);
  };
  await readRow("2 (derive + sign keys)");

  const refresh = async (name: string) =>
    Number(
      (
        await call(
          coordinator,
          "RefreshKey",
          { name, version: 0 },
          { deadlineMs: REFRESH_DEADLINE_MS },
        )
      ).duration_ms,
    );

  for (const level of levels) {
    console.error(`  … ${level} key(s): creating ${level - names.length}`);
    const start = names.length;
    const failures = new Failures();
    allFailures.push({ what: `create ${start + 1}..${level}`, failures });
    const createCpu = await cpuSnapshot(cluster);
    const created = await runBatch(
      level - start,
      CREATE_CONCURRENCY,
      async (i) => {
        const name = `/bench/refresh/${String(start + i).padStart(4, "0")}`;
        await call(
          coordinator,
          "CreateKey",
          { name, algorithm: "AES256GCM", slots: 3, threshold: 3 },
          { deadlineMs: CREATE_DEADLINE_MS },
        );
        names.push(name);
        return undefined;
      },
      failures,
    );
    cpuRows.push([
      `create keys ${start + 1}–${level}, ${Math.min(CREATE_CONCURRENCY, level - start)} at a time`,
      ...coresUsed(createCpu, await cpuSnapshot(cluster)),
    ]);
    createRows.push([
      `${start + 1}–${level}`,
      String(Math.min(CREATE_CONCURRENCY, level - start)),
      String(created.ops),
      fmt(created.seconds),
      fmt(created.ops / created.seconds),
      fmt(percentile(created.sorted, 0.5)),
      fmt(percentile(created.sorted, 0.99)),
      String(created.errors),
    ]);
    await readRow(`${names.length + 2}`);

    const modes = [
      ...(REFRESH_MODES.includes("sequential") || level === 1 ? [1] : []),
      ...(REFRESH_MODES.includes("concurrent") && level > 1 ? [REFRESH_CONCURRENCY] : []),
    ];
    for (const concurrency of modes) {
      console.error(`  … refreshing ${names.length} key(s), ${concurrency} at a time`);
      const f = new Failures();
      allFailures.push({ what: `refresh ${names.length} keys, c=${concurrency}`, failures: f });
      const batch = [...names];
      const refreshCpu = await cpuSnapshot(cluster);
      // The concurrent refresh runs with client operations going on, which must not fail.
      const clients = dfc && concurrency > 1 ? backgroundClients(dfc) : undefined;
      if (clients)
        allFailures.push({
          what: `client ops during refresh of ${batch.length} keys`,
          failures: clients.failures,
        });
      const r = await runBatch(batch.length, concurrency, (i) => refresh(batch[i] as string), f);
      const during = await clients?.stop();
      cpuRows.push([
        `refresh ${batch.length} keys, ${concurrency === 1 ? "sequential" : `${concurrency} at a time`}`,
        ...coresUsed(refreshCpu, await cpuSnapshot(cluster)),
      ]);
      refreshRows.push([
        String(batch.length),
        concurrency === 1 ? "sequential" : `${concurrency} concurrent`,
        String(r.ops),
        fmt(r.seconds),
        fmt((r.seconds * 1000) / batch.length),
        fmt(r.ops / r.seconds),
        fmt(percentile(r.sorted, 0.5)),
        fmt(percentile(r.sorted, 0.99)),
        fmt(percentile(r.serverSorted, 0.5)),
        String(r.errors),
        during ? `${during.ops} / ${during.errors}` : "–",
      ]);
    }
  }

  console.log(`### Key creation (AES256GCM, 3 slots, threshold 3: DKG + replication to 9 nodes)`);
  console.log("");
  printTable(
    ["keys", "concurrency", "created", "total s", "keys/s", "p50 ms", "p99 ms", "errors"],
    createRows,
  );
  console.log(`### Refresh (coordinator RefreshKey, deadline ${REFRESH_DEADLINE_MS / 1000} s)`);
  console.log("");
  printTable(
    [
      "keys",
      "mode",
      "refreshed",
      "total s",
      "ms/key",
      "keys/s",
      "p50 ms",
      "p99 ms",
      "server p50 ms",
      "errors",
      "client ops / failed meanwhile",
    ],
    refreshRows,
    2,
  );
  console.log(
    "(p50/p99: one RefreshKey as the caller sees it; server p50: the duration_ms the coordinator reports, lock wait excluded. Keys are created cumulatively, so each level refreshes every key created so far. Client ops: one derive and one sign caller through the gateway client while the concurrent refresh runs.)",
  );
  for (const s of skipped)
    console.log(
      `- the ${s.toLocaleString("en-US")}-key level was skipped (KEYFRAG_BENCH_MAX_KEYS=${MAX_KEYS})`,
    );
  console.log("");
  console.log("CPU cores busy during each phase:");
  console.log("");
  printTable(["phase", ...CPU_HEADERS], cpuRows);
  console.log(
    `### Coordinator reads vs. keys in the registry (${READ_SAMPLES} sequential calls each)`,
  );
  console.log("");
  printTable(
    [
      "keys in registry",
      "GetKey p50 ms",
      "GetKey p99 ms",
      "ClusterStatus p50 ms",
      "ClusterStatus p99 ms",
    ],
    readRows,
  );

  // Sanity: a refreshed key still derives the same output as before the refreshes.
  if (names[0]) {
    const out = await cluster.dfc.derive(names[0], [enc.encode("after refresh")]);
    const info = await call(coordinator, "GetKey", { name: names[0], version: 0 });
    console.log(
      `Sanity: ${names[0]} is at epoch ${info.public_data?.epoch} and derives (${hex(out.outputs[0] as Uint8Array).slice(0, 16)}…) through the refreshed fragments.`,
    );
    console.log("");
  }
}

/** Counts warn/error lines of every service log, by service and message. */
async function logSummary(cluster: Cluster): Promise<void> {
  const files = (await readdir(cluster.paths.logs)).map((name) => join(cluster.paths.logs, name));
  const counts = new Map<string, number>();
  let lines = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => "");
    for (const line of text.split("\n")) {
      if (!line.startsWith("{")) continue;
      lines++;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; service?: string };
        if ((entry.level ?? 0) < 40) continue;
        const key = `${entry.level === 40 ? "warn" : "error"} | ${entry.service ?? "?"} | ${entry.msg ?? "?"}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } catch {
        // not a log entry
      }
    }
  }
  console.log(`### Service logs (${files.length} files, ${lines} lines): warnings and errors`);
  console.log("");
  if (counts.size === 0) console.log("None.");
  else
    printTable(
      ["level | service | message", "count"],
      [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, String(n)]),
    );
  console.log("");
}

// ---------------------------------------------------------------------------------------------
// Run

/**
 * ClusterStatus and heartbeats against the number of keys: keys are created (real DKGs,
 * STATUS_CREATE_CONCURRENCY at a time) up to each level of KEYFRAG_BENCH_STATUS_KEYS; once every
 * node's heartbeats announce them all, it times ClusterStatus pages at the coordinator, walks
 * every page, and measures the heartbeats' size on NATS and the CPU the idle cluster spends
 * (heartbeats and the coordinator's repair pass).
 */
async function statusSection(cluster: Cluster): Promise<void> {
  const coordinator = cluster.coordinator();
  const rows: string[][] = [];
  const heartbeatRows: string[][] = [];
  const createRows: string[][] = [];
  const status = (req: { page_size?: number; page_token?: string } = {}) =>
    call(coordinator, "ClusterStatus", req, { deadlineMs: 30_000 });
  let created = 0;
  // Heartbeats as they cross NATS: the latest size per node.
  const sizes = new Map<string, number>();
  const sub = cluster.nats.nc.subscribe(`${cluster.clusterName}.topology.heartbeat`, {
    callback: (_e, m) => {
      try {
        const hb = JSON.parse(JSON.parse(Buffer.from(m.data).toString()).heartbeat) as {
          nodeId: string;
        };
        sizes.set(hb.nodeId, m.data.length);
      } catch {
        // not a heartbeat this bench can read
      }
    },
  });
  const measure = async (label: string) => {
    const total = (await status({ page_size: 1 })).key_count;
    // Every node announces every key version it holds (the coordinator fetched the sets).
    const want = (await status({ page_size: 1 })).nodes.length;
    const deadline = Date.now() + 600_000;
    for (;;) {
      const s = await status({ page_size: 1 });
      const behind = s.nodes.filter((n) => n.key_versions_held < total).length;
      if (behind === 0 && s.nodes.length === want) break;
      if (Date.now() > deadline) throw new Error(`${behind} node(s) never reported ${total} keys`);
      await new Promise((r) => setTimeout(r, 500));
    }
    sizes.clear();
    const idleCpu = await cpuSnapshot(cluster);
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = coresUsed(idleCpu, await cpuSnapshot(cluster));
    const first = await sample(50, () => status());
    const big = await sample(20, () => status({ page_size: 1_000 }));
    const walkStart = performance.now();
    let pages = 0;
    let token = "";
    do {
      const page = await status({ page_size: 1_000, page_token: token });
      token = page.next_page_token;
      pages++;
    } while (token);
    const walk = performance.now() - walkStart;
    rows.push([
      label,
      total.toLocaleString("en-US"),
      fmt(percentile(first, 0.5)),
      fmt(percentile(first, 0.99)),
      fmt(percentile(big, 0.5)),
      fmt(percentile(big, 0.99)),
      `${pages} pages, ${fmt(walk)} ms`,
    ]);
    const bytes = [...sizes.values()];
    heartbeatRows.push([
      total.toLocaleString("en-US"),
      fmt(Math.max(...bytes)),
      idle[1] ?? "–",
      idle[2] ?? "–",
    ]);
  };

  try {
    await measure("before");
    for (const level of STATUS_LEVELS) {
      const existing = (await status({ page_size: 1 })).key_count;
      const toCreate = Math.max(0, level - existing);
      console.error(`  … status: creating ${toCreate} key(s) to reach ${level}`);
      const failures = new Failures();
      allFailures.push({ what: `status: create to ${level} keys`, failures });
      const r = await runBatch(
        toCreate,
        STATUS_CREATE_CONCURRENCY,
        async () => {
          const name = `/bench/status/${String(created++).padStart(6, "0")}`;
          await call(
            coordinator,
            "CreateKey",
            { name, algorithm: "AES256GCM", slots: 3, threshold: 3 },
            { deadlineMs: CREATE_DEADLINE_MS },
          );
          return undefined;
        },
        failures,
      );
      if (toCreate > 0)
        createRows.push([
          `${existing.toLocaleString("en-US")} → ${level.toLocaleString("en-US")}`,
          String(STATUS_CREATE_CONCURRENCY),
          String(r.ops),
          fmt(r.seconds),
          fmt(r.ops / r.seconds),
          fmt(percentile(r.sorted, 0.5)),
          fmt(percentile(r.sorted, 0.99)),
          String(r.errors),
        ]);
      await measure(`${level.toLocaleString("en-US")} level`);
    }
  } finally {
    sub.unsubscribe();
  }

  console.log("### ClusterStatus vs. keys in the registry (coordinator, sequential calls)");
  console.log("");
  printTable(
    [
      "point",
      "keys",
      "first page (100) p50 ms",
      "first page (100) p99 ms",
      "page of 1,000 p50 ms",
      "page of 1,000 p99 ms",
      "every page (1,000 each)",
    ],
    rows,
  );
  console.log(
    "(50 calls for the first page, 20 for a page of 1,000; each answer lists the 9 nodes with what they hold of the page's keys.)",
  );
  console.log("");
  console.log("### Heartbeats vs. keys held (9 fragment managers, heartbeat every 300 ms)");
  console.log("");
  printTable(
    [
      "keys",
      "largest heartbeat bytes",
      "9 fragment managers idle, cores",
      "coordinator idle, cores",
    ],
    heartbeatRows,
  );
  console.log(
    "(Idle: 5 s with no requests, so the fragment managers send heartbeats and the coordinator reads them and runs its repair pass every 500 ms.)",
  );
  console.log("");
  if (createRows.length > 0) {
    console.log("### Key creation for the status levels");
    console.log("");
    printTable(
      ["keys", "concurrency", "created", "total s", "keys/s", "p50 ms", "p99 ms", "errors"],
      createRows,
    );
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  console.log("## keyfrag cluster benchmark");
  console.log("");
  console.log(`- date: ${new Date().toISOString()}`);
  printMachine();
  console.log(
    "- cluster: 3 slots × 3 replicas = 9 fragment managers + 1 coordinator (separate Node processes), gRPC + mTLS, heartbeat 300 ms, coordinator repair pass every 500 ms (harness defaults)",
  );
  console.log(
    `- method: per load level ${WARMUP_MS / 1000} s warm-up then ${DURATION_MS / 1000} s measured, N callers as Promise loops in this process; client deadline ${CLIENT_DEADLINE_MS} ms, hedge after ${CLIENT_HEDGE_AFTER_MS} ms; key creation ${CREATE_CONCURRENCY} at a time; refresh sequential and ${REFRESH_CONCURRENCY} at a time`,
  );
  console.log(
    `- **all processes share this one ${cpu.length}-CPU machine**: the callers (blinding, verifying and combining in this process), the 10 services, Redis and NATS compete for CPU, so these numbers are lower bounds, not what a deployment with a machine per node would do`,
  );
  console.log("");

  let cluster: Cluster | undefined;
  let port: ReturnType<typeof grpcReplicaPort> | undefined;
  let disposing: Promise<void> | undefined;
  const dispose = () => {
    disposing ??= (async () => {
      port?.close();
      const c = cluster;
      if (c) {
        if (process.env.KEYFRAG_KEEP_CLUSTER) console.log(`Cluster directory kept: ${c.dir}`);
        await c[Symbol.asyncDispose]();
      }
    })();
    return disposing;
  };
  // Signals and the watchdog stop the cluster, then exit. The handlers stay installed for the
  // whole run (a second signal while stopping is only reported).
  let stopping: { why: string; code: number } | undefined;
  const abort = (why: string, code: number) => {
    if (stopping) {
      console.error(`${why}: already stopping the cluster`);
      return;
    }
    stopping = { why, code };
    console.error(`\n${why}: stopping the cluster`);
    // While the cluster is starting, the main flow stops it as soon as startCluster returns.
    if (!cluster) return;
    dispose().then(
      () => process.exit(code),
      (err: unknown) => {
        console.error("stopping the cluster failed:", err);
        process.exit(code);
      },
    );
  };
  const stops = watchStops(abort, TIMEOUT_MS);

  try {
    const t0 = performance.now();
    infraPids = await infrastructurePids();
    cluster = await startCluster();
    if (stopping) throw new StopRequested(stopping.why, stopping.code);
    console.log(`Cluster started in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
    console.log("");

    const counts: RpcCounts = {
      evaluate: 0,
      signCommit: 0,
      signPreprocess: 0,
      signShare: 0,
      replicaErrors: 0,
    };
    port = grpcReplicaPort(clientCredentials(await cluster.tls("gateway", "gateway-bench")));
    const gateway = createDfcClient({
      keys: coordinatorKeySource(cluster.coordinator()),
      port: countingPort(port, counts),
      deadlineMs: CLIENT_DEADLINE_MS,
      hedgeAfterMs: CLIENT_HEDGE_AFTER_MS,
      onReplicaError: ({ replica, error }) => {
        counts.replicaErrors++;
        counts.replicaFailures?.add(new Error(`${replica.nodeId}: ${describe(error)}`));
      },
    });

    await loadSection(
      cluster,
      [
        { name: "gateway", dfc: gateway, counts },
        { name: "harness", dfc: cluster.dfc },
      ].filter((c) => CLIENTS.includes(c.name)),
    );
    if (PARTS.includes("keys")) await refreshSection(cluster, gateway);
    if (PARTS.includes("status")) await statusSection(cluster);

    const failed = allFailures.filter((f) => f.failures.count > 0);
    if (failed.length > 0) {
      console.log("### Failures");
      console.log("");
      for (const { what, failures } of failed) {
        console.log(`- ${what}: ${failures.count}`);
        for (const [m, n] of failures.messages) console.log(`  - ${n}× ${m}`);
      }
      console.log("");
    }
    await logSummary(cluster);
  } catch (err) {
    // Failures caused by stopping (services that got the terminal's SIGINT too) are not errors.
    if (stopping && !(err instanceof StopRequested)) {
      console.error(`while stopping: ${describe(err)}`);
      throw new StopRequested(stopping.why, stopping.code);
    }
    throw err;
  } finally {
    stops.stopWatchdog();
    await dispose();
    stops.release();
  }
  printTotalRuntime(started);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof StopRequested) {
      console.error(err.message);
      process.exit(err.code);
    }
    console.error(err);
    process.exit(1);
  },
);
