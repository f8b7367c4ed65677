/**
 * Benchmark of the keyfrag gateway as SDK users reach it: `node --import tsx
 * test/bench/gateway-bench.ts` from the repo root (plain node rather than the tsx CLI, so
 * Ctrl-C reaches the SIGINT handler that stops the cluster; see cluster-bench.ts). Run
 * `pnpm build` first: the cluster runs the compiled services.
 *
 * Target: by default it starts the end-to-end harness's whole platform (`startFullCluster`: 9
 * fragment managers, a coordinator, policy, audit, auth, secrets and the gateway as processes)
 * and uses its bootstrap admin. Against a running `pnpm start` cluster instead, set
 * KEYFRAG_BENCH_GATEWAY=host:port, KEYFRAG_BENCH_CA_FILE (e.g. .keyfrag/pki/ca.pem) and either
 * KEYFRAG_BENCH_ACCESS_ID + KEYFRAG_BENCH_ACCESS_KEY or KEYFRAG_BENCH_CREDENTIALS_FILE (e.g.
 * .keyfrag/admin-credentials.json). Items are created under /bench/gateway/<run id>/ and left
 * there (an existing cluster keeps them).
 *
 * Measured through @keyfrag/sdk over TLS with the admin's token, at 1, 16 and 128 concurrent
 * callers (Promise loops in this process, spread over up to KEYFRAG_BENCH_SDK_CLIENTS SDK client
 * instances, each with its own HTTP/2 connection), WARMUP then DURATION seconds per level:
 * - GetSecretValue "repeat": 8 secrets (1 KiB values) read over and over (a value cache, if the
 *   gateway has one, serves these);
 * - GetSecretValue "unique": every read names a secret never read before, created just before
 *   the level (pool sized from the Decrypt rate at that level, so it lasts the whole level);
 * - CreateSecret of 1 KiB: every op a new secret (one derive and one item write each);
 * - Encrypt of 1 KiB, Decrypt of 1 KiB (64 ciphertexts made beforehand, cycled) under an
 *   AES256GCM DFC key; Sign of 32 bytes with an ED25519 DFC key (FROST).
 * - GetSshCertificate: an SSH issuer (the producers service, started for this row) over an
 *   Ed25519 DFC CA key certifies one user key for a principal; every certificate is checked as
 *   sshd would (the user key, the principal, validity, and its signature against the CA key);
 * - over REST (the gateway's HTTPS listener, Akeyless V2 conventions, keep-alive connections,
 *   JSON bodies): "REST get-secret-value repeat" (the same 8 secrets) and "REST encrypt 1 KiB"
 *   (base64 plaintext), beside their gRPC rows; against an existing cluster only with
 *   KEYFRAG_BENCH_REST=host:port.
 * Every result is checked (values and plaintexts compared, every 16th signature verified).
 *
 * Baseline, same loops in the same process: single-process node:crypto AES-256-GCM encrypt and
 * decrypt of 1 KiB with a fixed key (and, for Sign, an Ed25519 signature of 32 bytes with a
 * fixed key), each op preceded by a setImmediate yield so N loops interleave as N callers do.
 * The ratio table divides one by the other per operation: the cost of distribution.
 *
 * Environment: KEYFRAG_BENCH_SECONDS (measured seconds per level, default 5),
 * KEYFRAG_BENCH_WARMUP_SECONDS (default 1), KEYFRAG_BENCH_CONCURRENCY (default "1,16,128"),
 * KEYFRAG_BENCH_CREATE_CONCURRENCY (CreateSecret calls in flight while filling the unique-read
 * pools, default 8), KEYFRAG_BENCH_SDK_CLIENTS (default 16), KEYFRAG_BENCH_UNIQUE_MAX (largest unique-read pool
 * per level, default 5000), KEYFRAG_BENCH_TIMEOUT_MINUTES (default 20), KEYFRAG_KEEP_CLUSTER=1
 * (keep the started cluster's directory and logs), KEYFRAG_BENCH_OPS (only the operations whose
 * names contain one of these comma-separated words, case-insensitive, e.g. "encrypt,decrypt,unique";
 * default all; the cached reads beside 64 Decrypt callers only with a word containing "beside"), KEYFRAG_BENCH_GATEWAY_ENV (extra settings of the started gateway, e.g.
 * "KF_CRYPTO_THREADS=2,KF_DERIVE_BATCH=16"); with KEYFRAG_CPU_PROF naming the gateway (see test/cluster's process.ts) the gateway is stopped
 * with SIGTERM at the end, so that its CPU profile is written.
 *
 * Everything shares one machine — callers, gateway, 9 fragment managers, the other services,
 * Redis and NATS — so the gateway numbers are lower bounds of a deployment's. The CPU ms/op
 * columns (CPU time of the gateway, and of every keyfrag process, per successful op, warm-up
 * included) are the figure to compare between runs on a shared machine.
 * Cached reads, the issue's figure: KEYFRAG_BENCH_OPS="getsecretvalue repeat"
 * KEYFRAG_BENCH_CONCURRENCY=1,16,64; SSH certificates: KEYFRAG_BENCH_OPS=ssh.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign as signEd25519,
  verify as verifyEd25519,
} from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { cpus } from "node:os";
import {
  createKeyfragClient,
  type KeyfragClient,
  type KeyfragCredentials,
} from "../../libs/sdk/src/index.js";
import { type FullCluster, startFullCluster } from "../cluster/src/index.js";
import {
  describe,
  envLevels,
  envNumber,
  fmt,
  infrastructurePids,
  machineCpuSeconds,
  percentile,
  printMachine,
  printTable,
  printTotalRuntime,
  processCpuSeconds,
  watchStops,
} from "./bench-kit.js";

// ---------------------------------------------------------------------------------------------
// Settings

const DURATION_MS = envNumber("KEYFRAG_BENCH_SECONDS", 5, 0.1) * 1000;
const WARMUP_MS = envNumber("KEYFRAG_BENCH_WARMUP_SECONDS", 1, 0) * 1000;
const CONCURRENCY_LEVELS = envLevels("KEYFRAG_BENCH_CONCURRENCY", [1, 16, 128]);
const SDK_CLIENTS = Math.floor(envNumber("KEYFRAG_BENCH_SDK_CLIENTS", 16, 1));
const UNIQUE_MAX = Math.floor(envNumber("KEYFRAG_BENCH_UNIQUE_MAX", 5000, 1));
const TIMEOUT_MS = envNumber("KEYFRAG_BENCH_TIMEOUT_MINUTES", 20, 1) * 60_000;
/** Cached reads measured while DECRYPT_BESIDE Decrypt callers run (opt-in: a KEYFRAG_BENCH_OPS word with "beside"). */
const DECRYPT_BESIDE = 64;
const BESIDE_DECRYPTS = `GetSecretValue repeat beside ${DECRYPT_BESIDE} Decrypt callers`;
const OPS_FILTER = (process.env.KEYFRAG_BENCH_OPS ?? "")
  .split(",")
  .map((w) => w.trim().toLowerCase())
  .filter((w) => w !== "");
/** Whether KEYFRAG_BENCH_OPS selects `operation` (all are, without it). */
const selected = (operation: string) =>
  operation === BESIDE_DECRYPTS
    ? OPS_FILTER.some((w) => w.includes("beside"))
    : OPS_FILTER.length === 0 || OPS_FILTER.some((w) => operation.toLowerCase().includes(w));

const PAYLOAD_BYTES = 1024;
/** The SSH certificate row's operation name, and the principal its certificates are for. */
const SSH_CERTIFICATE = "GetSshCertificate";
const SSH_PRINCIPAL = "bench";
/** New secrets of 1 KiB, one per op (the pool-filling table below measures at a fixed count). */
const CREATE_SECRET = "CreateSecret 1 KiB";
const SIGN_BYTES = 32;
const REPEAT_SECRETS = 8;
const DECRYPT_CIPHERTEXTS = 64;
/** Every Nth signature is verified: verification costs this process CPU the callers need. */
const VERIFY_EVERY = 16;
/** Secrets created at once while filling a unique-read pool. */
const CREATE_CONCURRENCY = Math.floor(envNumber("KEYFRAG_BENCH_CREATE_CONCURRENCY", 8, 1));
/** A level stops early after this many failed ops. */
const MAX_LOAD_ERRORS = 200;
/** Generous: at 128 callers on 2 cores a call may queue for seconds; failures should be real. */
const CALL_DEADLINE_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Statistics and output

/** A ratio as "12.3×", or "–" when one side has no measurement. */
const times = (x: number) => (Number.isFinite(x) ? `${fmt(x)}×` : "–");

/** Failures seen in one measurement: how many, and the first distinct messages. */
class Failures {
  count = 0;
  readonly messages = new Map<string, number>();
  add(err: unknown): void {
    this.count++;
    // Group messages that differ only in timings or ports.
    const m = describe(err)
      .replace(/\d+(\.\d+)?\s?m?s\b/g, "#s")
      .replace(/:\d{2,5}\b/g, ":#")
      .slice(0, 300);
    if (this.messages.has(m) || this.messages.size < 5)
      this.messages.set(m, (this.messages.get(m) ?? 0) + 1);
  }
}

const allFailures: { what: string; failures: Failures }[] = [];

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; "–" elsewhere)

/** Process groups whose CPU is reported (known only for a cluster this run started). */
interface Watched {
  gateway: number[];
  fragmentManagers: number[];
  /** Coordinator, policy, audit, auth, secrets. */
  otherServices: number[];
  /** Local redis-server and nats-server, when they run on this machine. */
  infrastructure: number[];
}

const WATCHED_GROUPS = ["gateway", "fragmentManagers", "otherServices", "infrastructure"] as const;
const CPU_HEADERS = [
  "cores: bench",
  "gateway",
  "9 FMs",
  "other svcs",
  "Redis+NATS",
  "machine",
  "CPU ms/op: gateway",
  "keyfrag",
];

interface CpuSnapshot {
  at: number;
  bench: number;
  groups: number[];
  machine: number;
}

async function cpuSnapshot(w: Watched): Promise<CpuSnapshot> {
  const u = process.cpuUsage();
  const groups: number[] = [];
  for (const g of WATCHED_GROUPS) {
    let t = w[g].length ? 0 : Number.NaN;
    for (const pid of w[g]) t += await processCpuSeconds(pid);
    groups.push(t);
  }
  return {
    at: performance.now(),
    bench: (u.user + u.system) / 1e6,
    groups,
    machine: await machineCpuSeconds(),
  };
}

/**
 * Cores busy between two snapshots, in CPU_HEADERS order, then the CPU milliseconds per op (the
 * figure that survives a shared machine's load): of the gateway, and of every keyfrag process
 * (gateway, fragment managers, other services; not Redis and NATS, which other work shares).
 */
function coresUsed(a: CpuSnapshot, b: CpuSnapshot, ops: number): string[] {
  const s = (b.at - a.at) / 1000;
  const used = b.groups.map((g, i) => g - (a.groups[i] ?? Number.NaN));
  const [gateway = Number.NaN, fms = Number.NaN, others = Number.NaN] = used;
  const perOp = (cpuSeconds: number) => fmt(ops > 0 ? (cpuSeconds * 1000) / ops : Number.NaN);
  return [
    fmt((b.bench - a.bench) / s),
    ...used.map((g) => fmt(g / s)),
    fmt((b.machine - a.machine) / s),
    perOp(gateway),
    perOp(gateway + fms + others),
  ];
}

// ---------------------------------------------------------------------------------------------
// Load generation

/** Thrown by an op when its supply (the unique-read pool) is used up: the caller stops. */
class Exhausted extends Error {}

interface LoadResult {
  /** Ops started in the measured window that succeeded. */
  ops: number;
  errors: number;
  /** From the start of the measured window to the last measured op's end. */
  seconds: number;
  sorted: number[];
  /** Whether a caller ran out of work before the window ended. */
  exhausted: boolean;
  /** Cores busy (bench, gateway, FMs, machine) and CPU ms per op, warm-up included. */
  cpu: string[];
}

/**
 * `concurrency` callers each run `op` in a loop for WARMUP_MS + DURATION_MS (an op started
 * before the end is awaited). Only ops started after the warm-up are measured.
 */
async function runLoad(
  concurrency: number,
  op: (caller: number, i: number) => Promise<void>,
  failures: Failures,
  watched: Watched,
): Promise<LoadResult> {
  const cpuBefore = await cpuSnapshot(watched);
  const begin = performance.now();
  const measureFrom = begin + WARMUP_MS;
  const end = measureFrom + DURATION_MS;
  const latencies: number[] = [];
  let lastEnd = measureFrom;
  let exhausted = false;
  /** Every op that succeeded, warm-up included: what the CPU snapshots' window did. */
  let done = 0;
  const caller = async (c: number) => {
    for (let i = 0; performance.now() < end && failures.count < MAX_LOAD_ERRORS; i++) {
      const t0 = performance.now();
      try {
        await op(c, i);
        done++;
        const t1 = performance.now();
        if (t0 >= measureFrom) {
          latencies.push(t1 - t0);
          if (t1 > lastEnd) lastEnd = t1;
        }
      } catch (err) {
        if (err instanceof Exhausted) {
          exhausted = true;
          return;
        }
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
    exhausted,
    cpu: coresUsed(cpuBefore, await cpuSnapshot(watched), done),
  };
}

/** Runs `op(0..count-1)` with at most `concurrency` in flight; stops after 10 failures. */
async function runBatch(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
  failures: Failures,
): Promise<{ ops: number; seconds: number; sorted: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const begin = performance.now();
  const worker = async () => {
    while (next < count && failures.count < 10) {
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
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return {
    ops: latencies.length,
    seconds: (performance.now() - begin) / 1000,
    sorted: latencies.sort((a, b) => a - b),
  };
}

// ---------------------------------------------------------------------------------------------
// Target: a cluster this run starts, or one already running

interface Target {
  address: string;
  /** The gateway's REST listener (host:port), when known. */
  rest?: string;
  ca: Buffer;
  credentials: KeyfragCredentials;
  description: string;
  watched: Watched;
  full?: FullCluster;
}

async function existingTarget(address: string): Promise<Target> {
  const caFile = process.env.KEYFRAG_BENCH_CA_FILE;
  if (!caFile) throw new Error("KEYFRAG_BENCH_GATEWAY needs KEYFRAG_BENCH_CA_FILE (the CA's PEM)");
  let accessId = process.env.KEYFRAG_BENCH_ACCESS_ID ?? "";
  let accessKey = process.env.KEYFRAG_BENCH_ACCESS_KEY ?? "";
  const file = process.env.KEYFRAG_BENCH_CREDENTIALS_FILE;
  if ((!accessId || !accessKey) && file) {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as {
      access_id?: string;
      access_key?: string;
    };
    accessId ||= parsed.access_id ?? "";
    accessKey ||= parsed.access_key ?? "";
  }
  if (!accessId || !accessKey) {
    throw new Error(
      "KEYFRAG_BENCH_GATEWAY needs KEYFRAG_BENCH_ACCESS_ID and KEYFRAG_BENCH_ACCESS_KEY, or KEYFRAG_BENCH_CREDENTIALS_FILE",
    );
  }
  const rest = process.env.KEYFRAG_BENCH_REST;
  return {
    address,
    ...(rest ? { rest } : {}),
    ca: readFileSync(caFile),
    credentials: { accessId, accessKey },
    description: `the running cluster at ${address} (CA ${caFile}); its processes' CPU is not attributed`,
    watched: {
      gateway: [],
      fragmentManagers: [],
      otherServices: [],
      infrastructure: await infrastructurePids(),
    },
  };
}

const pids = (nodes: readonly { process: { child?: { pid?: number } | undefined } }[]) =>
  nodes.map((n) => n.process.child?.pid).filter((p): p is number => p !== undefined);

async function startedTarget(full: FullCluster): Promise<Target> {
  return {
    address: full.gateway.address,
    rest: full.gatewayRest,
    ca: (await full.env.pki.tls("client")).ca,
    credentials: await full.adminCredentials(),
    description:
      "started by this run (startFullCluster): 9 fragment managers (3 slots × 3 replicas), 1 coordinator, policy, audit, auth, secrets, gateway — separate Node processes, mTLS between them, the test Redis and NATS",
    watched: {
      gateway: pids([full.gateway]),
      fragmentManagers: pids(full.fragments.nodes),
      otherServices: pids([
        ...full.fragments.coordinators,
        ...Object.values(full.control.nodes),
        full.secrets,
        ...(full.producers ? [full.producers] : []),
      ]),
      infrastructure: await infrastructurePids(),
    },
    full,
  };
}

/**
 * `count` SDK clients, each with its own channel and connection (a local subchannel pool: grpc-js
 * would otherwise share one connection between channels to the same address). The first logs
 * in; the others reuse its token, and log in themselves only when it is due for renewal.
 */
async function openClients(target: Target, count: number): Promise<KeyfragClient[]> {
  const base = {
    address: target.address,
    ca: target.ca,
    credentials: target.credentials,
    deadlineMs: CALL_DEADLINE_MS,
    // Errors are what they are: no UNAVAILABLE retries hiding an overloaded gateway.
    retries: 0,
    channelOptions: { "grpc.use_local_subchannel_pool": 1 },
  };
  const first = createKeyfragClient(base);
  const login = await first.auth();
  const clients = [first];
  for (let i = 1; i < count; i++) {
    clients.push(
      createKeyfragClient({
        ...base,
        token: login.token,
        tokenExpiresAtMs: Number(login.expires_at_ms),
      }),
    );
  }
  // Connect every channel before measuring (a TLS handshake is not a request).
  await Promise.all(clients.map((c) => c.describePermissions()));
  return clients;
}

// ---------------------------------------------------------------------------------------------
// Operations

interface Measurement {
  operation: string;
  system: "gateway" | "baseline";
  concurrency: number;
  result: LoadResult;
  note?: string;
}

const measurements: Measurement[] = [];

function record(m: Measurement): void {
  measurements.push(m);
  const r = m.result;
  console.error(
    `  … ${m.system} ${m.operation} c=${m.concurrency}: ${r.ops} ops, ${fmt(r.ops / r.seconds)} ops/s, p50 ${fmt(percentile(r.sorted, 0.5))} ms, p99 ${fmt(percentile(r.sorted, 0.99))} ms, ${r.errors} errors${m.note ? ` (${m.note})` : ""}`,
  );
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

function ed25519Spki(raw: Uint8Array): KeyObject {
  const der = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]);
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

/** SSH wire format: a uint32 length, then that many bytes. */
function sshString(bytes: Uint8Array | string): Buffer {
  const b = Buffer.from(bytes);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** An OpenSSH public key line of a raw Ed25519 public key. */
function sshEd25519Line(raw: Uint8Array, comment: string): string {
  const blob = Buffer.concat([sshString("ssh-ed25519"), sshString(raw)]);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

/** The raw public key of an Ed25519 KeyObject. */
function rawEd25519(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(-32);
}

/**
 * Checks an OpenSSH Ed25519 user certificate (PROTOCOL.certkeys) the way sshd would before
 * trusting it: it certifies `userKey` for `principal`, is valid now, and its signature verifies
 * with the Ed25519 CA key of `caLine` (the issuer's ca_public_key) over the certificate's bytes.
 */
function verifySshCertificate(line: string, caLine: string, userKey: Buffer, principal: string) {
  const blob = Buffer.from(line.split(" ")[1] ?? "", "base64");
  let at = 0;
  const bytes = () => {
    const n = blob.readUInt32BE(at);
    const b = blob.subarray(at + 4, at + 4 + n);
    if (b.length !== n) throw new Error("SSH certificate: truncated");
    at += 4 + n;
    return b;
  };
  const u64 = () => {
    const v = blob.readBigUInt64BE(at);
    at += 8;
    return v;
  };
  const strings = (b: Buffer) => {
    const out: string[] = [];
    for (let i = 0; i < b.length; ) {
      const n = b.readUInt32BE(i);
      out.push(b.subarray(i + 4, i + 4 + n).toString());
      i += 4 + n;
    }
    return out;
  };
  if (bytes().toString() !== "ssh-ed25519-cert-v01@openssh.com")
    throw new Error("SSH certificate: not an Ed25519 certificate");
  bytes(); // nonce
  if (!bytes().equals(userKey)) throw new Error("SSH certificate: certifies another key");
  u64(); // serial
  if (blob.readUInt32BE(at) !== 1) throw new Error("SSH certificate: not a user certificate");
  at += 4;
  bytes(); // key id
  if (!strings(bytes()).includes(principal))
    throw new Error(`SSH certificate: not for principal ${principal}`);
  const now = BigInt(Math.floor(Date.now() / 1000));
  const validAfter = u64();
  const validBefore = u64();
  if (validAfter > now + 60n || validBefore <= now)
    throw new Error("SSH certificate: not valid now");
  bytes(); // critical options
  bytes(); // extensions
  bytes(); // reserved
  const signatureKey = bytes();
  const signed = blob.subarray(0, at);
  const signature = bytes();
  const ca = Buffer.from(caLine.split(" ")[1] ?? "", "base64");
  if (!signatureKey.equals(ca)) throw new Error("SSH certificate: signed by another CA key");
  const caRaw = ca.subarray(ca.length - 32);
  const sig = signature.subarray(signature.length - 64);
  if (
    !signature.subarray(0, 4 + 11).equals(sshString("ssh-ed25519")) ||
    !verifyEd25519(null, signed, ed25519Spki(caRaw), sig)
  )
    throw new Error("SSH certificate: the CA signature does not verify");
}

/** The single-process baseline: node:crypto, fixed keys, the same loops. */
function baselineOps() {
  const key = randomBytes(32);
  const plaintext = randomBytes(PAYLOAD_BYTES);
  const seal = () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, body, tag: cipher.getAuthTag() };
  };
  const sealed = seal();
  const open = () => {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.body), decipher.final()]);
  };
  if (!open().equals(plaintext)) throw new Error("baseline AES-256-GCM does not round-trip");
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const message = randomBytes(SIGN_BYTES);
  if (!verifyEd25519(null, message, publicKey, signEd25519(null, message, privateKey)))
    throw new Error("baseline Ed25519 does not verify");
  return {
    "AES-256-GCM encrypt 1 KiB": async () => {
      await yieldNow();
      seal();
    },
    "AES-256-GCM decrypt 1 KiB": async () => {
      await yieldNow();
      open();
    },
    "Ed25519 sign 32 B": async () => {
      await yieldNow();
      signEd25519(null, message, privateKey);
    },
  };
}

/** Which baseline each gateway operation is compared with. */
const BASELINE_OF: Record<string, string> = {
  "GetSecretValue repeat": "AES-256-GCM decrypt 1 KiB",
  "GetSecretValue unique": "AES-256-GCM decrypt 1 KiB",
  [CREATE_SECRET]: "AES-256-GCM encrypt 1 KiB",
  "Encrypt 1 KiB": "AES-256-GCM encrypt 1 KiB",
  "Decrypt 1 KiB": "AES-256-GCM decrypt 1 KiB",
  "Sign 32 B": "Ed25519 sign 32 B",
  [SSH_CERTIFICATE]: "Ed25519 sign 32 B",
  "REST get-secret-value repeat": "AES-256-GCM decrypt 1 KiB",
  "REST encrypt 1 KiB": "AES-256-GCM encrypt 1 KiB",
};

/** POSTs a JSON body to the REST listener; the parsed answer, or an error naming the status. */
function restCall(
  agent: Agent,
  base: string,
  path: string,
  body: object,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
        timeout: CALL_DEADLINE_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) reject(new Error(`REST ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as Record<string, unknown>);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`REST ${path}: timed out`)));
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

async function gatewaySection(target: Target, runId: string): Promise<void> {
  const folder = `/bench/gateway/${runId}`;
  const aesKey = `${folder}/aes`;
  const signKey = `${folder}/ed25519`;
  const maxClients = Math.min(SDK_CLIENTS, Math.max(...CONCURRENCY_LEVELS));
  const clients = await openClients(target, maxClients);
  const admin = clients[0] as KeyfragClient;
  try {
    const t0 = performance.now();
    await admin.createDfcKey({ name: aesKey, algorithm: "AES256GCM" });
    await admin.createDfcKey({ name: signKey, algorithm: "ED25519" });
    const { public_key: raw } = await admin.getPublicKey({ key_name: signKey });
    const signPublicKey = ed25519Spki(raw);

    const value = (name: string) => {
      // Distinct, checkable 1 KiB values: the name, padded.
      const v = Buffer.alloc(PAYLOAD_BYTES, 0x2e);
      v.write(name);
      return v;
    };
    const repeatNames = Array.from({ length: REPEAT_SECRETS }, (_, i) => `${folder}/repeat/${i}`);
    for (const name of repeatNames) await admin.createSecret({ name, value: value(name) });

    const plaintext = randomBytes(PAYLOAD_BYTES);
    const ciphertexts: Buffer[] = [];
    for (let i = 0; i < DECRYPT_CIPHERTEXTS; i++) {
      ciphertexts.push((await admin.encrypt({ key_name: aesKey, plaintext })).ciphertext);
    }
    const message = randomBytes(SIGN_BYTES);
    // SSH: an issuer over its own Ed25519 CA key, one user key certified over and over.
    const sshIssuer = `${folder}/ssh`;
    const sshUser = generateKeyPairSync("ed25519").publicKey;
    const sshUserRaw = rawEd25519(sshUser);
    const sshUserLine = sshEd25519Line(sshUserRaw, "bench@keyfrag");
    if (selected(SSH_CERTIFICATE)) {
      await admin.createDfcKey({ name: `${folder}/ssh-ca`, algorithm: "ED25519" });
      await admin.createDynamicSecret({
        name: sshIssuer,
        type: "ssh",
        user_ttl_seconds: 300,
        max_ttl_seconds: 600,
        ssh: { ca_key_name: `${folder}/ssh-ca`, allowed_principals: [SSH_PRINCIPAL] },
      });
    }
    console.error(
      `  … setup: 2 keys, ${REPEAT_SECRETS} secrets, ${DECRYPT_CIPHERTEXTS} ciphertexts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const clientOf = (caller: number) => clients[caller % clients.length] as KeyfragClient;
    const expectValue = (got: { name: string; value: Buffer }[], name: string) => {
      const [v] = got;
      if (!v || v.name !== name || !v.value.equals(value(name)))
        throw new Error(`GetSecretValue ${name} returned a wrong value`);
    };
    let signed = 0;
    // REST: one keep-alive connection per caller at most, the admin's token in every body.
    const restAgent = new Agent({ ca: target.ca, keepAlive: true, maxSockets: 256 });
    const restBase = target.rest ? `https://${target.rest}` : "";
    const creds = target.credentials;
    if (target.rest && !("accessKey" in creds))
      throw new Error("REST rows need access-key credentials");
    const restToken = target.rest
      ? String(
          (
            await restCall(restAgent, restBase, "/auth", {
              "access-id": creds.accessId,
              "access-key": "accessKey" in creds ? creds.accessKey : "",
            })
          ).token,
        )
      : "";
    const plaintextBase64 = plaintext.toString("base64");
    const restOps: Record<string, (caller: number, i: number) => Promise<void>> = target.rest
      ? {
          "REST get-secret-value repeat": async (caller, i) => {
            const name = repeatNames[(caller + i) % repeatNames.length] as string;
            const res = await restCall(restAgent, restBase, "/get-secret-value", {
              names: [name],
              token: restToken,
            });
            if (res[name] !== value(name).toString("utf8"))
              throw new Error(`REST get-secret-value ${name} returned a wrong value`);
          },
          "REST encrypt 1 KiB": async () => {
            const res = await restCall(restAgent, restBase, "/encrypt", {
              "key-name": aesKey,
              plaintext: plaintextBase64,
              "input-format": "base64",
              token: restToken,
            });
            if (typeof res.result !== "string" || res.result.length <= plaintextBase64.length)
              throw new Error("REST encrypt: short ciphertext");
          },
        }
      : {};
    // CreateSecret's names: the level and the caller's loop make each one new.
    let createLevel = 0;
    const ops: Record<string, (caller: number, i: number) => Promise<void>> = {
      ...restOps,
      [CREATE_SECRET]: async (caller, i) => {
        const name = `${folder}/create/${createLevel}/${caller}-${i}`;
        const item = await clientOf(caller).createSecret({ name, value: value(name) });
        if (item.name !== name) throw new Error(`CreateSecret ${name} answered another item`);
      },
      "GetSecretValue repeat": async (caller, i) => {
        const name = repeatNames[(caller + i) % repeatNames.length] as string;
        expectValue(await clientOf(caller).getSecretValue(name), name);
      },
      "Encrypt 1 KiB": async (caller) => {
        const res = await clientOf(caller).encrypt({ key_name: aesKey, plaintext });
        if (res.ciphertext.length <= PAYLOAD_BYTES) throw new Error("Encrypt: short ciphertext");
      },
      "Decrypt 1 KiB": async (caller, i) => {
        const ciphertext = ciphertexts[(caller + i) % ciphertexts.length] as Buffer;
        const res = await clientOf(caller).decrypt({ key_name: aesKey, ciphertext });
        if (!res.plaintext.equals(plaintext)) throw new Error("Decrypt: wrong plaintext");
      },
      "Sign 32 B": async (caller) => {
        const { signature } = await clientOf(caller).sign({ key_name: signKey, data: message });
        if (
          signed++ % VERIFY_EVERY === 0 &&
          !verifyEd25519(null, message, signPublicKey, signature)
        )
          throw new Error("Sign: the signature does not verify");
      },
      // Every certificate is checked against the CA key, as sshd would.
      [SSH_CERTIFICATE]: async (caller) => {
        const cert = await clientOf(caller).getSshCertificate({
          name: sshIssuer,
          public_key: sshUserLine,
          principals: [SSH_PRINCIPAL],
        });
        verifySshCertificate(cert.certificate, cert.ca_public_key, sshUserRaw, SSH_PRINCIPAL);
      },
    };

    const createRows: string[][] = [];
    let uniqueCreated = 0;
    for (const concurrency of CONCURRENCY_LEVELS) {
      createLevel = concurrency;
      let decryptRate = Number.NaN;
      for (const [operation, op] of Object.entries(ops)) {
        if (!selected(operation)) continue;
        const failures = new Failures();
        allFailures.push({ what: `gateway ${operation} c=${concurrency}`, failures });
        const result = await runLoad(concurrency, op, failures, target.watched);
        if (operation === "Decrypt 1 KiB") decryptRate = result.ops / result.seconds;
        record({ operation, system: "gateway", concurrency, result });
      }
      if (selected(BESIDE_DECRYPTS)) {
        // Cached reads while DECRYPT_BESIDE other callers keep the derive path busy: whether
        // reads wait behind the arithmetic (KF_CRYPTO_THREADS moves it off the event loop).
        const failures = new Failures();
        allFailures.push({ what: `gateway ${BESIDE_DECRYPTS} c=${concurrency}`, failures });
        let stop = false;
        const decrypt = ops["Decrypt 1 KiB"] as (caller: number, i: number) => Promise<void>;
        const background = Array.from({ length: DECRYPT_BESIDE }, async (_, caller) => {
          for (let i = 0; !stop; i++) await decrypt(caller, i).catch(() => undefined);
        });
        const repeat = ops["GetSecretValue repeat"] as (caller: number, i: number) => Promise<void>;
        const result = await runLoad(concurrency, repeat, failures, target.watched);
        stop = true;
        await Promise.all(background);
        record({ operation: BESIDE_DECRYPTS, system: "gateway", concurrency, result });
      }
      if (!selected("GetSecretValue unique")) continue;
      // Unique reads: an uncached read costs at least what a Decrypt does (one derive), plus
      // the secrets service, so the Decrypt rate bounds how many the level can consume; each
      // caller also holds one in flight at the warm-up's start and one at the end.
      const windowS = (WARMUP_MS + DURATION_MS) / 1000;
      // No Decrypt finished in the window (a level slower than its duration): a few per caller.
      const wanted =
        Number.isFinite(decryptRate) && decryptRate > 0
          ? Math.ceil(decryptRate * windowS * 1.5) + 2 * concurrency
          : 4 * concurrency;
      const poolSize = Math.max(concurrency, Math.min(UNIQUE_MAX, wanted));
      const names = Array.from(
        { length: poolSize },
        (_, i) => `${folder}/unique/${String(uniqueCreated + i).padStart(6, "0")}`,
      );
      uniqueCreated += poolSize;
      console.error(`  … creating ${poolSize} secrets for the unique reads at c=${concurrency}`);
      const createFailures = new Failures();
      allFailures.push({ what: `CreateSecret pool c=${concurrency}`, failures: createFailures });
      // Only secrets whose creation succeeded are read: a failed create is not a read error.
      const pool: string[] = [];
      const created = await runBatch(
        names.length,
        CREATE_CONCURRENCY,
        async (i) => {
          const name = names[i] as string;
          await clientOf(i).createSecret({ name, value: value(name) });
          pool.push(name);
        },
        createFailures,
      );
      createRows.push([
        String(names.length),
        String(CREATE_CONCURRENCY),
        String(created.ops),
        fmt(created.seconds),
        fmt(created.ops / created.seconds),
        fmt(percentile(created.sorted, 0.5)),
        fmt(percentile(created.sorted, 0.99)),
        String(createFailures.count),
      ]);
      let next = 0;
      const failures = new Failures();
      allFailures.push({ what: `gateway GetSecretValue unique c=${concurrency}`, failures });
      const result = await runLoad(
        concurrency,
        async (caller) => {
          if (next >= pool.length) throw new Exhausted();
          const name = pool[next++] as string;
          expectValue(await clientOf(caller).getSecretValue(name), name);
        },
        failures,
        target.watched,
      );
      record({
        operation: "GetSecretValue unique",
        system: "gateway",
        concurrency,
        result,
        ...(result.exhausted
          ? { note: `pool of ${pool.length} used up before the level ended` }
          : {}),
      });
    }

    console.log(
      `### CreateSecret (1 KiB, ${CREATE_CONCURRENCY} in flight) while filling the unique-read pools`,
    );
    console.log("");
    printTable(
      ["secrets", "concurrency", "created", "total s", "ops/s", "p50 ms", "p99 ms", "errors"],
      createRows,
    );
    restAgent.destroy();
  } finally {
    for (const c of clients) c.close();
  }
}

async function baselineSection(watched: Watched): Promise<void> {
  const ops = baselineOps();
  for (const concurrency of CONCURRENCY_LEVELS) {
    for (const [operation, op] of Object.entries(ops)) {
      if (!selected(operation)) continue;
      const failures = new Failures();
      allFailures.push({ what: `baseline ${operation} c=${concurrency}`, failures });
      const result = await runLoad(concurrency, op, failures, watched);
      record({ operation, system: "baseline", concurrency, result });
    }
  }
}

function report(): void {
  const order = [
    "GetSecretValue repeat",
    BESIDE_DECRYPTS,
    "GetSecretValue unique",
    CREATE_SECRET,
    "Encrypt 1 KiB",
    "Decrypt 1 KiB",
    "Sign 32 B",
    SSH_CERTIFICATE,
    "REST get-secret-value repeat",
    "REST encrypt 1 KiB",
    "AES-256-GCM encrypt 1 KiB",
    "AES-256-GCM decrypt 1 KiB",
    "Ed25519 sign 32 B",
  ];
  const sorted = [...measurements].sort(
    (a, b) =>
      order.indexOf(a.operation) - order.indexOf(b.operation) || a.concurrency - b.concurrency,
  );
  console.log("### Latency and throughput");
  console.log("");
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
    sorted.map((m) => {
      const r = m.result;
      return [
        m.operation + (m.note ? " *" : ""),
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
  for (const m of sorted.filter((x) => x.note))
    console.log(`\\* ${m.operation} at ${m.concurrency}: ${m.note}`);
  console.log(
    "(clients = concurrent in-flight loops; cores = CPU cores busy during the level, warm-up included: this process, the gateway, the 9 fragment managers together, coordinator + policy + audit + auth + secrets (+ producers), local Redis + NATS, the whole machine; CPU ms/op = CPU time per successful op over the same window, of the gateway and of every keyfrag process together — Redis and NATS left out, other work on this machine shares them.)",
  );
  console.log("");

  console.log("### Cost of distribution: gateway vs. single-process node:crypto");
  console.log("");
  const find = (system: string, operation: string, c: number) =>
    measurements.find(
      (m) => m.system === system && m.operation === operation && m.concurrency === c,
    )?.result;
  const rows: string[][] = [];
  for (const operation of order.filter((o) => BASELINE_OF[o])) {
    for (const c of CONCURRENCY_LEVELS) {
      const g = find("gateway", operation, c);
      const baseline = BASELINE_OF[operation] as string;
      const b = find("baseline", baseline, c);
      if (!g || !b) continue;
      const gRate = g.ops / g.seconds;
      const bRate = b.ops / b.seconds;
      const gP50 = percentile(g.sorted, 0.5);
      const bP50 = percentile(b.sorted, 0.5);
      const gP99 = percentile(g.sorted, 0.99);
      const bP99 = percentile(b.sorted, 0.99);
      rows.push([
        operation,
        baseline,
        String(c),
        fmt(gRate),
        fmt(bRate),
        times(bRate / gRate),
        fmt(gP50),
        fmt(bP50),
        times(gP50 / bP50),
        fmt(gP99),
        fmt(bP99),
        times(gP99 / bP99),
      ]);
    }
  }
  printTable(
    [
      "gateway operation",
      "baseline",
      "clients",
      "gw ops/s",
      "base ops/s",
      "ops/s ratio",
      "gw p50 ms",
      "base p50 ms",
      "p50 ratio",
      "gw p99 ms",
      "base p99 ms",
      "p99 ratio",
    ],
    rows,
    2,
  );
  console.log(
    "(ops/s ratio = baseline ÷ gateway: how many times more ops one process does alone; latency ratios = gateway ÷ baseline. The baseline's latency includes one setImmediate yield, the loops' turn-taking.)",
  );
  console.log("");
}

// ---------------------------------------------------------------------------------------------
// Run

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  console.log("## keyfrag gateway benchmark");
  console.log("");
  console.log(`- date: ${new Date().toISOString()}, run ${runId}`);
  printMachine();
  console.log(
    `- method: per level ${WARMUP_MS / 1000} s warm-up then ${DURATION_MS / 1000} s measured; clients ${CONCURRENCY_LEVELS.join(", ")} (Promise loops in this process over up to ${SDK_CLIENTS} SDK clients, one HTTP/2 connection each); TLS, the admin's token, no retries, ${CALL_DEADLINE_MS / 1000} s deadline`,
  );

  let full: FullCluster | undefined;
  let disposing: Promise<void> | undefined;
  const dispose = () => {
    disposing ??= (async () => {
      if (full) {
        if (process.env.KEYFRAG_KEEP_CLUSTER)
          console.log(`Cluster directory kept: ${full.env.dir}`);
        // SIGKILL (the harness's way) would leave no profile.
        if (process.env.KEYFRAG_CPU_PROF?.includes("gateway")) await full.gateway.stop("SIGTERM");
        await full[Symbol.asyncDispose]();
      }
    })();
    return disposing;
  };
  let stopping: { why: string; code: number } | undefined;
  const abort = (why: string, code: number) => {
    if (stopping) return;
    stopping = { why, code };
    console.error(`\n${why}: stopping`);
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
    let target: Target;
    const existing = process.env.KEYFRAG_BENCH_GATEWAY;
    if (existing) {
      target = await existingTarget(existing);
    } else {
      const t0 = performance.now();
      const gatewayEnv = Object.fromEntries(
        (process.env.KEYFRAG_BENCH_GATEWAY_ENV ?? "")
          .split(",")
          .filter((kv) => kv.includes("="))
          .map((kv) => [kv.slice(0, kv.indexOf("=")).trim(), kv.slice(kv.indexOf("=") + 1).trim()]),
      );
      // The SSH row needs the producers service (it issues; the gateway signs with FROST).
      full = await startFullCluster({
        gatewayEnv,
        ...(selected(SSH_CERTIFICATE) ? { producersEnv: {} } : {}),
      });
      target = await startedTarget(full);
      console.error(`  … cluster started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    console.log(`- cluster: ${target.description}`);
    console.log(
      `- **everything shares this ${cpu.length}-CPU machine** (callers, gateway, fragment managers, other services, Redis, NATS): the gateway numbers are lower bounds`,
    );
    console.log("");

    await gatewaySection(target, runId);
    await baselineSection(target.watched);
    report();

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
    console.error(err);
    process.exit(1);
  },
);
