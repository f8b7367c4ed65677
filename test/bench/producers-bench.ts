/**
 * Benchmark of keyfrag's dynamic secrets (the producers service) with PostgreSQL: `node
 * --import tsx test/bench/producers-bench.ts` from the repo root (plain node rather than the tsx
 * CLI, so Ctrl-C reaches the SIGINT handler that cleans up; see cluster-bench.ts). Run `pnpm
 * build` first: the cluster runs the compiled services.
 *
 * It starts the end-to-end harness's whole platform with the producers service
 * (`startFullCluster({ producersEnv })`: 9 fragment managers, a coordinator, policy, audit, auth,
 * secrets, gateway and producers as processes), a PostgreSQL database of its own (testPostgres)
 * and a target on it whose user prefix no other run uses, and measures, through the gateway with
 * the bootstrap admin's token:
 *
 * 1. Issue: GetDynamicSecretValue of a PostgreSQL dynamic secret (the driver's default creation
 *    statement, TTL 600 s, so nothing expires during the run) at 1, 8 and 32 concurrent callers
 *    (Promise loops on one gRPC channel), WARMUP then DURATION seconds per level. Every issue
 *    creates a real role; every result is checked (a password and a user name with the
 *    target's prefix, equal to the lease's external id), and afterwards every issued role is
 *    looked up in pg_roles. Baseline, same loops: the driver's own statements sent straight to
 *    PostgreSQL with pg, once with a new connection per role and once over a pool (the producers
 *    service itself runs them over its per-target pool of admin connections, KF_TARGET_POOL_SIZE
 *    default 4, whose unsealed credentials stay in memory KF_TARGET_CREDENTIALS_TTL, default
 *    60 s, after last use: so the target's credentials are unsealed through the fragment cluster
 *    once per run, not per issue). The difference is what keyfrag adds: gateway authentication,
 *    policy and audit, and the lease and its revocation job in Redis.
 * 2. Revoke: every lease of 1. with RevokeLease, 8 at a time, over the same pool (baseline: the
 *    driver's revoke statements for the baseline's roles, 8 at a time); then KEYFRAG_BENCH_PREFIX_LEASES fresh
 *    leases revoked by one RevokeLeasesByPrefix, timed until the last of their roles is gone
 *    from pg_roles (polled every 50 ms). That path runs through the revocation queue, i.e. at
 *    the service's KF_REVOKE_CONCURRENCY (default 8).
 * 3. Scale: KEYFRAG_BENCH_LEASES (default 100,000) leases due in 1 hour, written with the
 *    service's own lease store and revocation queue (createLeaseStore, createRevocations) under
 *    the running process's Redis prefix, 1,000 at a time: issuing that many through the gateway
 *    would take too long here. Reported: Redis INFO used_memory before and after (and per
 *    lease), MEMORY USAGE of the service's keys by kind, the producers process's stop (SIGTERM)
 *    and start-until-ready times and RSS with no leases and with all of them held, issue
 *    latency with them held, and their removal (lease store remove + revocations cancel).
 *
 * Everything it makes is removed, also on Ctrl-C: its roles, its database, its Redis keys (the
 * cluster's dispose deletes the run's prefix; the run checks that no key is left under it).
 *
 * Environment: KEYFRAG_BENCH_SECONDS (measured seconds per level, default 5),
 * KEYFRAG_BENCH_WARMUP_SECONDS (default 1), KEYFRAG_BENCH_CONCURRENCY (default "1,8,32"),
 * KEYFRAG_BENCH_PREFIX_LEASES (default 200), KEYFRAG_BENCH_LEASES (default 100000; 0 skips
 * part 3), KEYFRAG_BENCH_STARTUP_RUNS (restarts per lease count, default 3),
 * KEYFRAG_BENCH_TIMEOUT_MINUTES (default 30), KEYFRAG_KEEP_CLUSTER=1 (keep the cluster's
 * directory and logs).
 *
 * Everything shares one machine — callers, the 14 service processes, PostgreSQL, Redis and
 * NATS — so the keyfrag numbers are lower bounds of a deployment's.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { cpus } from "node:os";
import { Redis } from "ioredis";
import pg from "pg";
import {
  type CallOptions,
  call,
  type GatewayClient,
  KeyfragError,
} from "../../libs/rpc/src/index.js";
import {
  createLeaseStore,
  createRevocations,
  type LeaseRecord,
  userNamePrefix,
} from "../../services/producers/src/index.js";
import {
  bearer,
  type FullCluster,
  type ServiceNode,
  startFullCluster,
  waitFor,
} from "../cluster/src/index.js";
import {
  type TestPostgres,
  type TestRedis,
  testPostgres,
  testRedis,
} from "../support/src/index.js";
import {
  describe,
  envLevels,
  envNumber,
  fmt,
  machineCpuSeconds,
  percentile,
  printMachine,
  printTable,
  printTotalRuntime,
  processCpuSeconds,
  StopRequested,
  watchStops,
} from "./bench-kit.js";

// ---------------------------------------------------------------------------------------------
// Settings

const DURATION_MS = envNumber("KEYFRAG_BENCH_SECONDS", 5, 0.1) * 1000;
const WARMUP_MS = envNumber("KEYFRAG_BENCH_WARMUP_SECONDS", 1, 0) * 1000;
const CONCURRENCY_LEVELS = envLevels("KEYFRAG_BENCH_CONCURRENCY", [1, 8, 32]);
const PREFIX_LEASES = Math.floor(envNumber("KEYFRAG_BENCH_PREFIX_LEASES", 200, 1));
const HELD_LEASES = Math.floor(envNumber("KEYFRAG_BENCH_LEASES", 100_000, 0));
const STARTUP_RUNS = Math.floor(envNumber("KEYFRAG_BENCH_STARTUP_RUNS", 3, 1));
const TIMEOUT_MS = envNumber("KEYFRAG_BENCH_TIMEOUT_MINUTES", 30, 1) * 60_000;

/** Long enough that no lease of the run expires while it is measured. */
const LEASE_TTL_SECONDS = 600;
/** The held leases of part 3 fall due this far ahead: they never run during the run. */
const HELD_EXPIRY_MS = 3_600_000;
const REVOKE_CONCURRENCY = 8;
/** Leases written (or removed) at once in part 3. */
const WRITE_CHUNK = 1000;
/** A level stops early after this many failed ops. */
const MAX_LOAD_ERRORS = 200;
/** Generous: at 32 callers on 2 cores an issue may queue for seconds; failures should be real. */
const CALL_DEADLINE_MS = 60_000;
/** RevokeLeasesByPrefix walks every lease under the prefix before it answers. */
const PREFIX_DEADLINE_MS = 300_000;
/** The driver's timeouts, so the baseline's connections behave like the driver's. */
const PG_STATEMENT_TIMEOUT_MS = 30_000;
const PG_CONNECT_TIMEOUT_MS = 5_000;
/** Extra producers settings: no periodic sweep, which would list the target's roles meanwhile. */
const PRODUCERS_ENV = { KF_SWEEP_INTERVAL_MS: "0" };

// ---------------------------------------------------------------------------------------------
// Statistics and output

const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
const seconds = (ms: number) => `${fmt(ms / 1000)} s`;
const count = (n: number) => n.toLocaleString("en-US");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Failures seen in one measurement: how many, and the first distinct messages. */
class Failures {
  count = 0;
  readonly messages = new Map<string, number>();
  add(err: unknown): void {
    this.count++;
    // Group messages that differ only in timings, ports or generated names.
    const m = describe(err)
      .replace(/\d+(\.\d+)?\s?m?s\b/g, "#s")
      .replace(/:\d{2,5}\b/g, ":#")
      .replace(/\b[a-z0-9]+_[a-z0-9]{6}_[a-z0-9]{12}\b/g, "<role>")
      .slice(0, 300);
    if (this.messages.has(m) || this.messages.size < 5)
      this.messages.set(m, (this.messages.get(m) ?? 0) + 1);
  }
}

const allFailures: { what: string; failures: Failures }[] = [];

function failuresFor(what: string): Failures {
  const failures = new Failures();
  allFailures.push({ what, failures });
  return failures;
}

/** Result checks that failed (wrong data, leftovers): the run reports them and exits 1. */
const problems: string[] = [];

function check(ok: boolean, what: string): void {
  if (!ok) {
    problems.push(what);
    console.error(`  !! ${what}`);
  }
}

// ---------------------------------------------------------------------------------------------
// CPU and memory accounting (Linux /proc; "–" elsewhere)

/** Resident memory of process `pid` in bytes, or NaN. */
async function processRssBytes(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? Number.NaN : Number(kb) * 1024;
  } catch {
    return Number.NaN;
  }
}

const CPU_HEADERS = ["cores: bench", "gateway", "producers", "FMs+coord", "other", "machine"];

interface CpuSnapshot {
  at: number;
  /** bench, gateway, producers, fragment managers + coordinator, machine. */
  values: number[];
}

const pidOf = (n: { process: { child?: { pid?: number } | undefined } }) => n.process.child?.pid;

async function cpuSnapshot(full: FullCluster): Promise<CpuSnapshot> {
  const u = process.cpuUsage();
  const sum = async (pids: (number | undefined)[]) => {
    let t = 0;
    for (const pid of pids) t += await processCpuSeconds(pid);
    return t;
  };
  return {
    at: performance.now(),
    values: [
      (u.user + u.system) / 1e6,
      await sum([pidOf(full.gateway)]),
      await sum([full.producers ? pidOf(full.producers) : undefined]),
      await sum([...full.fragments.nodes, ...full.fragments.coordinators].map(pidOf)),
      await machineCpuSeconds(),
    ],
  };
}

/** Cores busy between two snapshots, in CPU_HEADERS order ("other" = machine − the rest). */
function coresUsed(a: CpuSnapshot, b: CpuSnapshot): string[] {
  const s = (b.at - a.at) / 1000;
  const d = b.values.map((v, i) => (v - (a.values[i] ?? Number.NaN)) / s);
  const [bench = 0, gateway = 0, producers = 0, fragments = 0, machine = 0] = d;
  const other = Math.max(0, machine - bench - gateway - producers - fragments);
  return [fmt(bench), fmt(gateway), fmt(producers), fmt(fragments), fmt(other), fmt(machine)];
}

// ---------------------------------------------------------------------------------------------
// Load generation

/** Set when the run is being stopped: loops start no new op (which could make a role). */
let halted = false;

interface LoadResult {
  /** Ops that succeeded (started in the measured window, for timed loads). */
  ops: number;
  errors: number;
  /** Measured seconds. */
  seconds: number;
  sorted: number[];
  /** Cores busy (warm-up included), CPU_HEADERS order. */
  cpu: string[];
}

/**
 * `concurrency` callers each run `op` in a loop for WARMUP_MS + DURATION_MS (an op started
 * before the end is awaited). Only ops started after the warm-up are measured.
 */
async function runLoad(
  full: FullCluster,
  concurrency: number,
  op: (caller: number) => Promise<void>,
  failures: Failures,
): Promise<LoadResult> {
  const cpuBefore = await cpuSnapshot(full);
  const begin = performance.now();
  const measureFrom = begin + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const latencies: number[] = [];
  let lastEnd = measureFrom;
  const caller = async (c: number) => {
    while (performance.now() < end && failures.count < MAX_LOAD_ERRORS && !halted) {
      const t0 = performance.now();
      try {
        await op(c);
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
    errors: failures.count,
    seconds: (lastEnd - measureFrom) / 1000,
    sorted: latencies.sort((a, b) => a - b),
    cpu: coresUsed(cpuBefore, await cpuSnapshot(full)),
  };
}

/** Runs `op(0..count-1)` with at most `concurrency` in flight, every one timed. */
async function runBatch(
  full: FullCluster,
  total: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
  failures: Failures,
): Promise<LoadResult> {
  const cpuBefore = await cpuSnapshot(full);
  const latencies: number[] = [];
  let next = 0;
  const begin = performance.now();
  const worker = async () => {
    while (next < total && failures.count < MAX_LOAD_ERRORS && !halted) {
      const i = next++;
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        failures.add(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return {
    ops: latencies.length,
    errors: failures.count,
    seconds: (performance.now() - begin) / 1000,
    sorted: latencies.sort((a, b) => a - b),
    cpu: coresUsed(cpuBefore, await cpuSnapshot(full)),
  };
}

interface Measurement {
  operation: string;
  system: string;
  concurrency: number;
  result: LoadResult;
}

function record(rows: Measurement[], m: Measurement): void {
  rows.push(m);
  const r = m.result;
  console.error(
    `  … ${m.system} ${m.operation} c=${m.concurrency}: ${r.ops} ops, ${fmt(r.ops / r.seconds)} ops/s, p50 ${fmt(percentile(r.sorted, 0.5))} ms, p99 ${fmt(percentile(r.sorted, 0.99))} ms, ${r.errors} errors`,
  );
}

function printMeasurements(rows: readonly Measurement[]): void {
  printTable(
    [
      "operation",
      "system",
      "clients",
      "ops",
      "ops/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "errors",
      ...CPU_HEADERS,
    ],
    rows.map((m) => {
      const r = m.result;
      return [
        m.operation,
        m.system,
        String(m.concurrency),
        String(r.ops),
        fmt(r.ops / r.seconds),
        fmt(percentile(r.sorted, 0.5)),
        fmt(percentile(r.sorted, 0.99)),
        fmt(r.sorted.at(-1) ?? Number.NaN),
        String(r.errors),
        ...r.cpu,
      ];
    }),
    2,
  );
}

// ---------------------------------------------------------------------------------------------
// The gateway, as the admin

/** Call options with a valid admin token (logs in again before the token's end). */
function adminSession(gw: GatewayClient, creds: { accessId: string; accessKey: string }) {
  let token = "";
  let expiresAt = 0;
  let login: Promise<void> | undefined;
  const byDeadline = new Map<number, CallOptions>();
  return async (deadlineMs = CALL_DEADLINE_MS): Promise<CallOptions> => {
    if (Date.now() > expiresAt - 120_000) {
      login ??= call(gw, "Auth", { access_id: creds.accessId, access_key: creds.accessKey })
        .then((res) => {
          token = res.token;
          expiresAt = Number(res.expires_at_ms);
          byDeadline.clear();
        })
        .finally(() => {
          login = undefined;
        });
      await login;
    }
    let options = byDeadline.get(deadlineMs);
    if (!options) {
      options = bearer(token, deadlineMs);
      byDeadline.set(deadlineMs, options);
    }
    return options;
  };
}

type Admin = ReturnType<typeof adminSession>;

interface Issued {
  leaseId: string;
  username: string;
}

/** Issues one credential of `ds` and checks it; throws if it is not a usable credential. */
async function issue(gw: GatewayClient, admin: Admin, ds: string, rolePrefix: string) {
  const res = await call(gw, "GetDynamicSecretValue", { name: ds }, await admin());
  const value = JSON.parse(res.value_json) as Record<string, unknown>;
  const { username, password } = value;
  if (
    typeof username !== "string" ||
    !username.startsWith(rolePrefix) ||
    typeof password !== "string" ||
    password.length < 16 ||
    !res.lease?.id.startsWith(`${ds}/`) ||
    res.lease.external_id !== username
  ) {
    throw new Error(`GetDynamicSecretValue ${ds} returned no usable credential`);
  }
  return { leaseId: res.lease.id, username };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL directly: the driver's statements (services/producers/src/drivers/postgres.ts)

function pgClient(url: string): pg.Client {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    statement_timeout: PG_STATEMENT_TIMEOUT_MS,
    application_name: "keyfrag-bench",
  });
  client.on("error", () => {});
  return client;
}

async function withPgClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = pgClient(url);
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function inTransaction(client: pg.ClientBase, statements: readonly string[]): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const statement of statements) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** The driver's default creation: one role, in a transaction. */
async function createRole(client: pg.ClientBase, name: string): Promise<void> {
  const password = randomBytes(16).toString("hex");
  const until = new Date(Date.now() + LEASE_TTL_SECONDS * 1000).toISOString();
  await inTransaction(client, [
    `CREATE ROLE "${name}" WITH LOGIN PASSWORD '${password}' VALID UNTIL '${until}';`,
  ]);
}

/** The driver's revoke: NOLOGIN, end its sessions, reassign and drop what it owns, drop it. */
async function dropRole(client: pg.ClientBase, name: string): Promise<void> {
  const exists = async () =>
    ((await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).rowCount ?? 0) > 0;
  if (!(await exists())) return;
  await client.query(`ALTER ROLE "${name}" NOLOGIN`);
  const { rows } = await client.query<{ version: number }>(
    "SELECT current_setting('server_version_num')::int AS version",
  );
  const terminate =
    (rows[0]?.version ?? 0) >= 140000
      ? "pg_terminate_backend(pid, 5000)"
      : "pg_terminate_backend(pid)";
  await client.query(
    `SELECT ${terminate} FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
  await inTransaction(client, [
    `REASSIGN OWNED BY "${name}" TO CURRENT_USER`,
    `DROP OWNED BY "${name}"`,
    `DROP ROLE IF EXISTS "${name}"`,
  ]);
}

/** How many of `names` exist as roles. */
async function rolesLeft(pool: pg.Pool, names: readonly string[]): Promise<number> {
  if (names.length === 0) return 0;
  const { rows } = await pool.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_roles WHERE rolname = ANY($1)",
    [names],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Roles whose name starts with one of `prefixes`. */
async function rolesWithPrefixes(pool: pg.Pool, prefixes: readonly string[]): Promise<string[]> {
  if (prefixes.length === 0) return [];
  const { rows } = await pool.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles
      WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS p WHERE starts_with(rolname, p))
      ORDER BY rolname`,
    [prefixes],
  );
  return rows.map((r) => r.rolname);
}

// ---------------------------------------------------------------------------------------------
// Redis

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

const KEY_KINDS = ["lease records", "revocation jobs (BullMQ)", "indexes + catalog"] as const;
type KeyKind = (typeof KEY_KINDS)[number];

/** Keys and MEMORY USAGE (exact: SAMPLES 0) under `prefix`, by kind. */
async function keyUsage(
  redis: Redis,
  prefix: string,
): Promise<Record<KeyKind, { keys: number; bytes: number }>> {
  const usage = Object.fromEntries(KEY_KINDS.map((k) => [k, { keys: 0, bytes: 0 }])) as Record<
    KeyKind,
    { keys: number; bytes: number }
  >;
  const kindOf = (key: string): KeyKind =>
    key.startsWith(`${prefix}:lease:`)
      ? "lease records"
      : key.startsWith(`${prefix}:bull:`)
        ? "revocation jobs (BullMQ)"
        : "indexes + catalog";
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 2000);
    const sizes = await Promise.all(
      keys.map((k) => redis.call("MEMORY", "USAGE", k, "SAMPLES", "0") as Promise<number | null>),
    );
    keys.forEach((k, i) => {
      const u = usage[kindOf(k)];
      u.keys++;
      u.bytes += sizes[i] ?? 0;
    });
    cursor = next;
  } while (cursor !== "0");
  return usage;
}

/** Number of keys under `prefix` (SCAN, so it never blocks a shared Redis). */
async function keysUnder(redis: Redis, prefix: string): Promise<number> {
  let n = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 2000);
    n += keys.length;
    cursor = next;
  } while (cursor !== "0");
  return n;
}

// ---------------------------------------------------------------------------------------------
// Run state (what cleanup must find, also after Ctrl-C)

interface Run {
  full?: FullCluster;
  pgDb?: TestPostgres;
  monitor?: TestRedis;
  /** Name prefixes of every role this run may have made. */
  rolePrefixes: string[];
  /** Pools and connections of the bench itself. */
  closers: (() => Promise<void> | void)[];
}

// ---------------------------------------------------------------------------------------------
// Part 1 and 2: issue and revoke

interface Setup {
  full: FullCluster;
  gw: GatewayClient;
  admin: Admin;
  pgDb: TestPostgres;
  target: string;
  /** The user name prefix of the target's roles. */
  rolePrefix: string;
  /** Prefix of the baseline's roles. */
  basePrefix: string;
  folder: string;
}

async function issueAndRevokeSections(s: Setup, run: Run): Promise<void> {
  const { full, gw, admin, pgDb } = s;
  const rows: Measurement[] = [];
  const issueDs = `${s.folder}/issue`;
  const maxLevel = Math.max(...CONCURRENCY_LEVELS);
  const pool = new pg.Pool({
    connectionString: pgDb.url,
    max: Math.max(maxLevel, REVOKE_CONCURRENCY),
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    statement_timeout: PG_STATEMENT_TIMEOUT_MS,
    application_name: "keyfrag-bench",
  });
  pool.on("error", () => {});
  run.closers.push(() => (pool.ended ? undefined : pool.end()));

  const issued: Issued[] = [];
  const baseRoles = { connection: [] as string[], pooled: [] as string[] };
  let baseCounter = 0;
  const baseName = () => `${s.basePrefix}${baseCounter++}`;

  console.log("### 1. Issue PostgreSQL credentials");
  console.log("");
  for (const c of CONCURRENCY_LEVELS) {
    record(rows, {
      operation: "issue",
      system: "keyfrag (gateway)",
      concurrency: c,
      result: await runLoad(
        full,
        c,
        async () => {
          issued.push(await issue(gw, admin, issueDs, s.rolePrefix));
        },
        failuresFor(`keyfrag issue c=${c}`),
      ),
    });
    record(rows, {
      operation: "CREATE ROLE",
      system: "pg, connection per role",
      concurrency: c,
      result: await runLoad(
        full,
        c,
        async () => {
          const name = baseName();
          baseRoles.connection.push(name);
          await withPgClient(pgDb.url, (client) => createRole(client, name));
        },
        failuresFor(`pg create (connection per role) c=${c}`),
      ),
    });
    record(rows, {
      operation: "CREATE ROLE",
      system: "pg, pooled",
      concurrency: c,
      result: await runLoad(
        full,
        c,
        async () => {
          const name = baseName();
          baseRoles.pooled.push(name);
          const client = await pool.connect();
          try {
            await createRole(client, name);
          } finally {
            client.release();
          }
        },
        failuresFor(`pg create (pooled) c=${c}`),
      ),
    });
  }
  const issuedRoles = issued.map((i) => i.username);
  const present = await rolesLeft(pool, issuedRoles);
  check(
    present === issued.length,
    `${issued.length} credentials issued, but ${present} of their roles exist in pg_roles`,
  );
  printMeasurements(rows);
  const ratio: string[][] = [];
  for (const c of CONCURRENCY_LEVELS) {
    const find = (system: string) =>
      rows.find((m) => m.system === system && m.concurrency === c)?.result;
    const k = find("keyfrag (gateway)");
    const conn = find("pg, connection per role");
    const pooled = find("pg, pooled");
    if (!k || !conn || !pooled) continue;
    const rate = (r: LoadResult) => r.ops / r.seconds;
    const p50 = (r: LoadResult) => percentile(r.sorted, 0.5);
    ratio.push([
      String(c),
      fmt(rate(k)),
      fmt(rate(conn)),
      fmt(rate(pooled)),
      `${fmt(rate(conn) / rate(k))}×`,
      fmt(p50(k)),
      fmt(p50(conn)),
      fmt(p50(k) - p50(conn)),
    ]);
  }
  printTable(
    [
      "clients",
      "keyfrag ops/s",
      "pg/conn ops/s",
      "pg pooled ops/s",
      "pg/conn ÷ keyfrag",
      "keyfrag p50 ms",
      "pg/conn p50 ms",
      "keyfrag adds ms (p50)",
    ],
    ratio,
  );
  console.log(
    `(every issued role checked in pg_roles afterwards: ${present} of ${issued.length} present. Both systems run the same CREATE ROLE … LOGIN PASSWORD … VALID UNTIL in a transaction; pg/conn opens a new connection per role as keyfrag's driver does. cores: this process, gateway, producers, 9 fragment managers + coordinator, everything else (PostgreSQL, Redis, NATS, control plane, secrets), the whole machine.)`,
  );
  console.log("");

  // ---- 2. Revoke
  console.log("### 2. Revoke");
  console.log("");
  const revokeRows: Measurement[] = [];
  record(revokeRows, {
    operation: "RevokeLease",
    system: "keyfrag (gateway)",
    concurrency: REVOKE_CONCURRENCY,
    result: await runBatch(
      full,
      issued.length,
      REVOKE_CONCURRENCY,
      async (i) => {
        const lease = issued[i] as Issued;
        const res = await call(gw, "RevokeLease", { lease_id: lease.leaseId }, await admin());
        if (res.state !== "revoked") throw new Error(`RevokeLease answered state ${res.state}`);
      },
      failuresFor("keyfrag RevokeLease"),
    ),
  });
  const leftAfterRevoke = await rolesLeft(pool, issuedRoles);
  check(leftAfterRevoke === 0, `${leftAfterRevoke} roles remain after RevokeLease of all`);
  record(revokeRows, {
    operation: "DROP ROLE",
    system: "pg, connection per role",
    concurrency: REVOKE_CONCURRENCY,
    result: await runBatch(
      full,
      baseRoles.connection.length,
      REVOKE_CONCURRENCY,
      (i) =>
        withPgClient(pgDb.url, (client) => dropRole(client, baseRoles.connection[i] as string)),
      failuresFor("pg drop (connection per role)"),
    ),
  });
  record(revokeRows, {
    operation: "DROP ROLE",
    system: "pg, pooled",
    concurrency: REVOKE_CONCURRENCY,
    result: await runBatch(
      full,
      baseRoles.pooled.length,
      REVOKE_CONCURRENCY,
      async (i) => {
        const client = await pool.connect();
        try {
          await dropRole(client, baseRoles.pooled[i] as string);
        } finally {
          client.release();
        }
      },
      failuresFor("pg drop (pooled)"),
    ),
  });
  const baseLeft = await rolesWithPrefixes(pool, [s.basePrefix]);
  check(baseLeft.length === 0, `${baseLeft.length} baseline roles remain after the drops`);

  // By prefix: a fresh batch of leases, then one call; the queue does the work.
  const bulkDs = `${s.folder}/bulk`;
  const bulk: Issued[] = [];
  record(revokeRows, {
    operation: `issue ${PREFIX_LEASES} for the prefix`,
    system: "keyfrag (gateway)",
    concurrency: REVOKE_CONCURRENCY,
    result: await runBatch(
      full,
      PREFIX_LEASES,
      REVOKE_CONCURRENCY,
      async () => {
        bulk.push(await issue(gw, admin, bulkDs, s.rolePrefix));
      },
      failuresFor("keyfrag issue for RevokeLeasesByPrefix"),
    ),
  });
  printMeasurements(revokeRows);

  const bulkRoles = bulk.map((b) => b.username);
  const before = await rolesLeft(pool, bulkRoles);
  check(before === bulk.length, `${bulk.length} issued for the prefix, ${before} roles exist`);
  const t0 = performance.now();
  const res = await call(
    gw,
    "RevokeLeasesByPrefix",
    { prefix: `${bulkDs}/` },
    await admin(PREFIX_DEADLINE_MS),
  );
  const answered = performance.now() - t0;
  check(res.queued === bulk.length, `RevokeLeasesByPrefix queued ${res.queued} of ${bulk.length}`);
  let rolesGone = Number.NaN;
  let leasesGone = Number.NaN;
  const limit = Math.max(120_000, bulk.length * 1000);
  while (performance.now() - t0 < limit && !halted) {
    if (Number.isNaN(rolesGone) && (await rolesLeft(pool, bulkRoles)) === 0)
      rolesGone = performance.now() - t0;
    if (Number.isNaN(leasesGone)) {
      const page = await call(
        gw,
        "ListLeases",
        { prefix: `${bulkDs}/`, page_size: 1 },
        await admin(),
      );
      if (page.leases.length === 0) leasesGone = performance.now() - t0;
    }
    if (!Number.isNaN(rolesGone) && !Number.isNaN(leasesGone)) break;
    await sleep(50);
  }
  check(
    !Number.isNaN(rolesGone),
    `roles of RevokeLeasesByPrefix still present after ${seconds(limit)}`,
  );
  printTable(
    [
      "RevokeLeasesByPrefix",
      "leases",
      "call answered",
      "all roles gone",
      "all leases gone",
      "roles revoked/s",
    ],
    [
      [
        `${bulkDs}/`,
        String(bulk.length),
        seconds(answered),
        seconds(rolesGone),
        seconds(leasesGone),
        fmt(bulk.length / (rolesGone / 1000)),
      ],
    ],
  );
  console.log(
    `(RevokeLease and the pg baseline revoke ${REVOKE_CONCURRENCY} at a time with the driver's statements: NOLOGIN, end sessions, REASSIGN OWNED, DROP OWNED, DROP ROLE. RevokeLeasesByPrefix marks every lease due and answers; the revocation queue then revokes them at KF_REVOKE_CONCURRENCY (default 8); times from the call, roles polled in pg_roles every 50 ms.)`,
  );
  console.log("");
}

// ---------------------------------------------------------------------------------------------
// Part 3: many held leases

interface Restart {
  stopMs: number;
  startMs: number;
  rssBytes: number;
}

async function restartProducers(node: ServiceNode): Promise<Restart> {
  const t0 = performance.now();
  await node.stop("SIGTERM");
  const t1 = performance.now();
  await node.start();
  const t2 = performance.now();
  // Let the worker connect and settle before its memory is read.
  await sleep(1000);
  return { stopMs: t1 - t0, startMs: t2 - t1, rssBytes: await processRssBytes(pidOf(node)) };
}

const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

async function heldLeasesSection(s: Setup, run: Run, monitor: Redis): Promise<void> {
  const { full, gw, admin } = s;
  const producers = full.producers as ServiceNode;
  const prefix = producers.redisPrefix;
  const bullPrefix = `${prefix}:bull`;
  const holdDs = `${s.folder}/hold`;
  const n = HELD_LEASES;
  console.log(`### 3. ${count(n)} scheduled leases`);
  console.log("");

  const reachable = () =>
    waitFor(
      async () => {
        await call(gw, "GetDynamicSecret", { name: holdDs }, await admin());
        return true;
      },
      30_000,
      "the gateway to reach the restarted producers service",
    );
  const restarts = async (what: string) => {
    const runs: Restart[] = [];
    for (let i = 0; i < STARTUP_RUNS && !halted; i++) {
      runs.push(await restartProducers(producers));
      const r = runs.at(-1) as Restart;
      console.error(
        `  … producers restart (${what}): stop ${fmt(r.stopMs)} ms, ready after ${fmt(r.startMs)} ms, RSS ${mib(r.rssBytes)}`,
      );
    }
    await reachable();
    return runs;
  };

  const emptyRestarts = await restarts("no leases");

  // The service's own code, on the running process's keys.
  const storeRedis = new Redis(full.env.redis.url, { maxRetriesPerRequest: 3 });
  const bullRedis = new Redis(full.env.redis.url, { maxRetriesPerRequest: null });
  run.closers.push(() => storeRedis.disconnect());
  run.closers.push(() => bullRedis.disconnect());
  const store = createLeaseStore(storeRedis, prefix);
  const revocations = createRevocations({
    connection: bullRedis,
    prefix: bullPrefix,
    // start() is never called here: nothing is processed and nothing logs.
    log: { warn: () => undefined } as unknown as Parameters<typeof createRevocations>[0]["log"],
    expiredLeases: async () => [],
  });
  run.closers.push(() => revocations.close().catch(() => undefined));
  const creds = await full.adminCredentials();
  const runTag = randomBytes(2).toString("hex");
  const now = Date.now();
  const lease = (i: number): LeaseRecord => ({
    // The random part is 20 characters like the service's own, and is the job id too.
    id: `${holdDs}/b${runTag}${String(i).padStart(15, "0")}`,
    dynamicSecret: holdDs,
    target: s.target,
    type: "postgresql",
    externalId: `kf_bench_${i}`,
    createdAtMs: now,
    expiresAtMs: now + HELD_EXPIRY_MS,
    maxExpiresAtMs: now + HELD_EXPIRY_MS,
    state: "active",
    lastError: "",
    failingSinceMs: 0,
    revokeAttempts: 0,
    accessId: creds.accessId,
  });
  const delayedKey = `${bullPrefix}:revocations:delayed`;

  const leasesBefore = await store.count();
  const delayedBefore = await monitor.zcard(delayedKey);
  const usageBefore = await keyUsage(monitor, prefix);
  const memBefore = await usedMemory(monitor);

  const tw = performance.now();
  for (let from = 0; from < n && !halted; from += WRITE_CHUNK) {
    const to = Math.min(n, from + WRITE_CHUNK);
    await Promise.all(
      Array.from({ length: to - from }, async (_, j) => {
        const l = lease(from + j);
        await store.create(l);
        await revocations.schedule(l);
      }),
    );
    if ((to / WRITE_CHUNK) % 20 === 0) console.error(`  … ${count(to)} leases written`);
  }
  const writeMs = performance.now() - tw;
  const memAfter = await usedMemory(monitor);
  const usageAfter = await keyUsage(monitor, prefix);
  const leasesHeld = (await store.count()) - leasesBefore;
  const delayedHeld = (await monitor.zcard(delayedKey)) - delayedBefore;
  check(leasesHeld === n, `${count(leasesHeld)} leases in the store after writing ${count(n)}`);
  check(
    delayedHeld === n,
    `${count(delayedHeld)} delayed revocation jobs after writing ${count(n)}`,
  );
  console.error(`  … wrote ${count(n)} leases + jobs in ${seconds(writeMs)}`);

  const heldRestarts = await restarts(`${count(n)} leases`);
  // Still all there after the restarts, and none ran.
  check(
    (await store.count()) - leasesBefore === n,
    "the held leases did not survive the producers restarts",
  );
  check(
    (await monitor.zcard(delayedKey)) - delayedBefore === n,
    "the held leases' jobs did not survive the producers restarts",
  );

  // Issue with them held (then revoke those), for comparison with part 1 at one caller.
  const rows: Measurement[] = [];
  const extra: Issued[] = [];
  record(rows, {
    operation: `issue, ${count(n)} leases held`,
    system: "keyfrag (gateway)",
    concurrency: 1,
    result: await runLoad(
      full,
      1,
      async () => {
        extra.push(await issue(gw, admin, `${s.folder}/issue`, s.rolePrefix));
      },
      failuresFor("keyfrag issue with the held leases"),
    ),
  });
  record(rows, {
    operation: `RevokeLease, ${count(n)} leases held`,
    system: "keyfrag (gateway)",
    concurrency: 1,
    result: await runBatch(
      full,
      extra.length,
      1,
      async (i) => {
        const l = extra[i] as Issued;
        await call(gw, "RevokeLease", { lease_id: l.leaseId }, await admin());
      },
      failuresFor("keyfrag RevokeLease with the held leases"),
    ),
  });
  printMeasurements(rows);

  // Remove them as the service does for a forgotten lease.
  const tr = performance.now();
  for (let from = 0; from < n && !halted; from += WRITE_CHUNK) {
    const to = Math.min(n, from + WRITE_CHUNK);
    await Promise.all(
      Array.from({ length: to - from }, async (_, j) => {
        const l = lease(from + j);
        await store.remove(l);
        await revocations.cancel(l.id);
      }),
    );
  }
  const removeMs = performance.now() - tr;
  const memRemoved = await usedMemory(monitor);
  const leasesLeft = (await store.count()) - leasesBefore;
  const delayedLeft = (await monitor.zcard(delayedKey)) - delayedBefore;
  check(leasesLeft === 0, `${count(leasesLeft)} held leases left after their removal`);
  check(delayedLeft === 0, `${count(delayedLeft)} held leases' jobs left after their removal`);
  console.error(`  … removed ${count(n)} leases + jobs in ${seconds(removeMs)}`);

  const perLease = (bytes: number) => (n > 0 ? fmt(bytes / n) : "–");
  const memRows: string[][] = [
    [
      "Redis used_memory (whole server)",
      mib(memBefore),
      mib(memAfter),
      mib(memAfter - memBefore),
      perLease(memAfter - memBefore),
    ],
  ];
  let usageTotal = 0;
  for (const kind of KEY_KINDS) {
    const b = usageBefore[kind];
    const a = usageAfter[kind];
    usageTotal += a.bytes - b.bytes;
    memRows.push([
      `MEMORY USAGE, ${kind} (${count(b.keys)} → ${count(a.keys)} keys)`,
      mib(b.bytes),
      mib(a.bytes),
      mib(a.bytes - b.bytes),
      perLease(a.bytes - b.bytes),
    ]);
  }
  memRows.push([
    "MEMORY USAGE, all the service's keys",
    "",
    "",
    mib(usageTotal),
    perLease(usageTotal),
  ]);
  printTable(
    ["Redis", "no leases", `${count(n)} leases`, "difference", "bytes per lease"],
    memRows,
  );

  const stat = (runs: readonly Restart[], f: (r: Restart) => number) => {
    const xs = runs.map(f);
    return `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
  };
  printTable(
    ["producers process", "no leases", `${count(n)} leases`],
    [
      [
        "ready after start, ms: median (min–max)",
        stat(emptyRestarts, (r) => r.startMs),
        stat(heldRestarts, (r) => r.startMs),
      ],
      [
        "stop on SIGTERM, ms: median (min–max)",
        stat(emptyRestarts, (r) => r.stopMs),
        stat(heldRestarts, (r) => r.stopMs),
      ],
      [
        "RSS 1 s after ready, MiB: median (min–max)",
        stat(emptyRestarts, (r) => r.rssBytes / 2 ** 20),
        stat(heldRestarts, (r) => r.rssBytes / 2 ** 20),
      ],
    ],
  );
  printTable(
    ["held leases (lease store create + revocations schedule)", "leases", "seconds", "per second"],
    [
      [
        `written, ${WRITE_CHUNK} at a time`,
        count(n),
        fmt(writeMs / 1000),
        fmt(n / (writeMs / 1000)),
      ],
      [
        `removed (lease store remove + revocations cancel), ${WRITE_CHUNK} at a time`,
        count(n),
        fmt(removeMs / 1000),
        fmt(n / (removeMs / 1000)),
      ],
    ],
  );
  console.log(
    `(each held lease is a real lease record of ${holdDs} on target ${s.target}, state active, due in 1 hour: one JSON value, entries in 4 indexes and one delayed BullMQ job, under the running producers process's prefix. Restarts: SIGTERM, wait for exit, then spawn until the ready line, ${STARTUP_RUNS} times each. used_memory is the whole server's (other runs sharing it move it); MEMORY USAGE counts the service's keys only. After the removal used_memory was ${mib(memRemoved)}.)`,
  );
  console.log("");
}

// ---------------------------------------------------------------------------------------------
// Run

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  const runTag = randomBytes(3).toString("hex");
  const runId = `${Date.now().toString(36)}-${runTag}`;
  console.log("## keyfrag dynamic secrets benchmark (producers, PostgreSQL)");
  console.log("");
  console.log(`- date: ${new Date().toISOString()}, run ${runId}`);
  printMachine();
  console.log(
    `- method: per level ${WARMUP_MS / 1000} s warm-up then ${DURATION_MS / 1000} s measured; clients ${CONCURRENCY_LEVELS.join(", ")} (Promise loops in this process on one gRPC channel); TLS, the admin's token, no retries, ${CALL_DEADLINE_MS / 1000} s deadline; lease TTL ${LEASE_TTL_SECONDS} s`,
  );

  const run: Run = { rolePrefixes: [], closers: [] };
  let disposing: Promise<void> | undefined;
  const dispose = () => {
    disposing ??= (async () => {
      halted = true;
      // The cluster first: once the producers service is gone, nothing makes roles any more.
      if (run.full) {
        if (process.env.KEYFRAG_KEEP_CLUSTER)
          console.log(`Cluster directory kept: ${run.full.env.dir}`);
        await Promise.resolve(run.full[Symbol.asyncDispose]()).catch((err: unknown) =>
          console.error("stopping the cluster failed:", describe(err)),
        );
      }
      for (const close of run.closers.reverse()) await Promise.resolve(close()).catch(() => {});
      if (run.pgDb) {
        const pgDb = run.pgDb;
        const left = await rolesWithPrefixes(pgDb.pool, run.rolePrefixes).catch(() => []);
        for (const name of left) {
          await withPgClient(pgDb.url, (c) => dropRole(c, name)).catch((err: unknown) =>
            console.error(`could not drop role ${name}: ${describe(err)}`),
          );
        }
        if (left.length > 0) console.error(`  … dropped ${left.length} roles left behind`);
        const still = await rolesWithPrefixes(pgDb.pool, run.rolePrefixes).catch(() => []);
        check(still.length === 0, `${still.length} roles of this run could not be dropped`);
        await Promise.resolve(pgDb[Symbol.asyncDispose]()).catch((err: unknown) =>
          console.error("dropping the database failed:", describe(err)),
        );
      }
    })();
    return disposing;
  };
  let stopping: { why: string; code: number } | undefined;
  const abort = (why: string, code: number) => {
    if (stopping) return;
    stopping = { why, code };
    halted = true;
    console.error(`\n${why}: stopping`);
    // While the cluster is starting, the main flow stops as soon as startFullCluster returns.
    if (!run.full) return;
    dispose()
      .then(() => run.monitor?.[Symbol.asyncDispose]())
      .then(
        () => process.exit(code),
        (err: unknown) => {
          console.error("cleaning up failed:", err);
          process.exit(code);
        },
      );
  };
  const stops = watchStops(abort, TIMEOUT_MS);

  let runPrefix = "";
  let dbsizeBefore = Number.NaN;
  try {
    run.monitor = await testRedis();
    const monitor = run.monitor.client;
    dbsizeBefore = await monitor.dbsize();
    run.pgDb = await testPostgres();
    const pgDb = run.pgDb;
    const t0 = performance.now();
    run.full = await startFullCluster({ producersEnv: PRODUCERS_ENV });
    const full = run.full;
    runPrefix = full.env.redis.prefix;
    if (stopping) throw new StopRequested(stopping.why, stopping.code);
    console.error(`  … cluster started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(
      "- cluster: started by this run (startFullCluster with the producers service): 9 fragment managers (3 slots × 3 replicas), 1 coordinator, policy, audit, auth, secrets, gateway, producers — separate Node processes, mTLS between them; the test Redis, NATS and PostgreSQL",
    );
    console.log(
      `- **everything shares this ${cpu.length}-CPU machine** (callers, services, PostgreSQL, Redis, NATS): the keyfrag numbers are lower bounds`,
    );
    console.log("");

    const gw = full.client();
    const admin = adminSession(gw, await full.adminCredentials());
    const folder = `/bench/producers/${runId}`;
    const target = `${folder}/pg`;
    // Unique per run, so the cleanup (and the target's sweeper) see only this run's roles.
    const userPrefix = `b${runTag}_`;
    const basePrefix = `kfbase${runTag}_`;
    run.rolePrefixes.push(userPrefix, basePrefix);
    const url = new URL(pgDb.url);
    await call(
      gw,
      "CreateTarget",
      {
        name: target,
        type: "postgresql",
        connection: {
          host: url.hostname,
          port: url.port || "5432",
          database: pgDb.database,
          username: decodeURIComponent(url.username) || "postgres",
        },
        credentials: { password: decodeURIComponent(url.password) },
        user_prefix: userPrefix,
      },
      await admin(),
    );
    for (const name of ["issue", "bulk", "hold"]) {
      await call(
        gw,
        "CreateDynamicSecret",
        {
          name: `${folder}/${name}`,
          type: "postgresql",
          target,
          user_ttl_seconds: LEASE_TTL_SECONDS,
          max_ttl_seconds: LEASE_TTL_SECONDS,
        },
        await admin(),
      );
    }
    const rolePrefix = userNamePrefix({ name: target, userPrefix });
    console.log(
      `- target: ${target} (PostgreSQL database ${pgDb.database}, user prefix ${userPrefix}, roles ${rolePrefix}…); dynamic secrets ${folder}/{issue,bulk,hold}, default creation statement, TTL ${LEASE_TTL_SECONDS} s`,
    );
    console.log("");
    const setup: Setup = { full, gw, admin, pgDb, target, rolePrefix, basePrefix, folder };

    await issueAndRevokeSections(setup, run);
    if (HELD_LEASES > 0 && !halted) await heldLeasesSection(setup, run, monitor);

    const failed = allFailures.filter((f) => f.failures.count > 0);
    if (failed.length > 0) {
      console.log("### Failures");
      console.log("");
      for (const { what, failures } of failed) {
        console.log(`- ${what}: ${failures.count}`);
        for (const [m, k] of failures.messages) console.log(`  - ${k}× ${m}`);
      }
      console.log("");
    }
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
    if (!stopping) {
      const monitor = run.monitor;
      if (monitor && runPrefix) {
        const left = await keysUnder(monitor.client, runPrefix);
        const dbsizeAfter = await monitor.client.dbsize();
        check(left === 0, `${left} Redis keys left under ${runPrefix}`);
        console.log(
          `Cleanup: Redis keys under this run's prefix ${runPrefix}: ${left}; DBSIZE ${dbsizeBefore} before the run, ${dbsizeAfter} after${dbsizeAfter === dbsizeBefore ? "" : " (other runs share this Redis)"}; PostgreSQL roles and database of this run dropped.`,
        );
      }
    }
    await run.monitor?.[Symbol.asyncDispose]();
    stops.release();
  }
  if (problems.length > 0) {
    console.log("");
    console.log("### Checks that failed");
    console.log("");
    for (const p of problems) console.log(`- ${p}`);
    console.log("");
  }
  printTotalRuntime(started);
  if (problems.length > 0) throw new Error(`${problems.length} checks failed`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof StopRequested) process.exit(err.code);
    if (err instanceof KeyfragError) console.error(`${err.code}: ${err.message}`);
    else console.error(err);
    process.exit(1);
  },
);
