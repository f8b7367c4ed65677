/**
 * Micro-benchmark of @keyfrag/crypto: `pnpm bench` from the repo root.
 *
 * Every case runs on real key material: a full in-process DKG (each participant with its own
 * identity key from generateIdentityKeyPair) produces the shares and KeyPublic the other cases
 * use, and each case checks its results once before it is timed.
 *
 * Method: each case is warmed up for WARMUP_MS, then run until at least MEASURE_MS have passed
 * and at least MIN_ITERATIONS calls were made, timed with performance.now(). Everything runs on
 * one thread, so "end to end" rows are the sum of every party's work (in a deployment the slots
 * evaluate / sign in parallel on separate machines, and the network is not included here).
 *
 * Output: a Markdown table (operation, n, t, then µs/op on each group backend — @noble/curves,
 * the reference, and libsodium, the default — and the speed-up), one row printed as each case
 * finishes, then notes on how each row was measured. Every case is set up and checked again on
 * each backend before it is timed there.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { nativeSodium } from "@keyfrag/native-sodium";
import {
  aggregateSignature,
  type BlindedBatch,
  blindInputs,
  combinePartials,
  DERIVATION_NONCE_BYTES,
  type DkgSession,
  decryptEnvelope,
  dkgFinish,
  dkgRound1,
  dkgRound2,
  type EnvelopeHeader,
  encryptEnvelope,
  envelopeOprfInput,
  evaluatePartial,
  generateIdentityKeyPair,
  type IdentityKeyPair,
  type KeyPublic,
  keyIdFromName,
  newEnvelopeHeader,
  OPRF_OUTPUT_BYTES,
  type PartialEvaluation,
  type Participant,
  parseEnvelope,
  type RefreshDealing,
  type RefreshSession,
  refreshDeal,
  refreshFinish,
  type SlotShare,
  type Suite,
  signCommit,
  signShare,
  verifyEd25519,
} from "../src/index.js";
import {
  clearSodiumCaches,
  type RistrettoEngine,
  ristrettoEngine,
  useNativeMsm,
  useRistrettoEngine,
} from "../src/sodium-group.js";
import { type CryptoBackend, suiteGroup, useCryptoBackend } from "../src/suite.js";

const WARMUP_MS = 300;
const MEASURE_MS = 1000;
const MIN_ITERATIONS = 5;
const PAYLOAD_BYTES = 1024;
const BATCH_SIZE = 32;

// ---------------------------------------------------------------------------------------------
// Timing

/** Results are stored here so that no call can be optimized away as dead code. */
const sink: unknown[] = [undefined];

interface Timing {
  /** Operations per second, where one call of the timed function is `unitsPerCall` operations. */
  opsPerSecond: number;
  microsPerOp: number;
  calls: number;
}

function measure(fn: () => unknown, unitsPerCall = 1): Timing {
  const warmupEnd = performance.now() + WARMUP_MS;
  do sink[0] = fn();
  while (performance.now() < warmupEnd);

  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (calls < MIN_ITERATIONS || elapsed < MEASURE_MS) {
    sink[0] = fn();
    calls++;
    elapsed = performance.now() - start;
  }
  const ops = calls * unitsPerCall;
  return {
    opsPerSecond: (ops * 1000) / elapsed,
    microsPerOp: (elapsed * 1000) / ops,
    calls,
  };
}

/** About three significant digits; thousands separators from 1,000 up. */
function formatNumber(x: number): string {
  if (x >= 1000) return Math.round(x).toLocaleString("en-US");
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark sanity check failed: ${what}`);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function randomUint8Array(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new Error(`index ${i} out of range`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Fixtures: real DKGs, cached per (suite, n, t)

interface Committee {
  readonly suite: Suite;
  readonly n: number;
  readonly t: number;
  readonly identities: readonly IdentityKeyPair[];
  readonly participants: readonly Participant[];
  readonly shares: readonly SlotShare[];
  readonly key: KeyPublic;
}

let sessionCounter = 0;

function newCommittee(n: number): {
  identities: IdentityKeyPair[];
  participants: Participant[];
} {
  const identities = Array.from({ length: n }, () => generateIdentityKeyPair());
  const participants = identities.map((id, i) => ({
    slot: i + 1,
    identityPublicKey: id.publicKey,
  }));
  return { identities, participants };
}

function dkgSession(suite: Suite, t: number, participants: readonly Participant[]): DkgSession {
  sessionCounter++;
  return { sessionId: `bench-dkg-${sessionCounter}`, suite, threshold: t, participants };
}

/** A complete DKG with every participant in-process; returns every slot's result. */
function runFullDkg(session: DkgSession, identities: readonly IdentityKeyPair[]) {
  const r1 = session.participants.map((p, i) => dkgRound1(session, p.slot, at(identities, i)));
  const round1 = r1.map((r) => r.message);
  const round2 = r1.flatMap((r) => dkgRound2(r.state, round1));
  return r1.map((r) => dkgFinish(r.state, round2));
}

const committees = new Map<string, Committee>();

function committee(suite: Suite, n: number, t: number): Committee {
  const id = `${suite}/${n}/${t}`;
  const cached = committees.get(id);
  if (cached) return cached;
  const { identities, participants } = newCommittee(n);
  const results = runFullDkg(dkgSession(suite, t, participants), identities);
  const key = at(results, 0).key;
  for (const r of results) {
    check(bytesEqual(r.key.groupPublicKey, key.groupPublicKey), "DKG participants agree");
    check(
      r.key.commitments.every((c, k) => bytesEqual(c, at(key.commitments, k))),
      "same key",
    );
  }
  const c: Committee = {
    suite,
    n,
    t,
    identities,
    participants,
    shares: results.map((r) => r.share),
    key,
  };
  committees.set(id, c);
  return c;
}

/** All n slots evaluate `batch` and the gateway combines: one output per input. */
function thresholdOprf(c: Committee, batch: BlindedBatch): Uint8Array[] {
  const partials = c.shares.map((s) => evaluatePartial(s, c.key, batch.blinded));
  return combinePartials(c.key, batch, partials);
}

function randomInputs(count: number): Uint8Array[] {
  return Array.from({ length: count }, () => randomUint8Array(DERIVATION_NONCE_BYTES));
}

// ---------------------------------------------------------------------------------------------
// Cases

interface Case {
  readonly operation: string;
  readonly n: number;
  readonly t: number;
  /** Builds fixtures, checks them, and returns the function to time. */
  readonly setup: () => { fn: () => unknown; unitsPerCall?: number };
}

/**
 * DKG cost for one participant (slot 1): only its own dkgRound1 + dkgRound2 + dkgFinish are
 * timed. The other participants' round-1 broadcasts and their round-2 packages to slot 1 are
 * produced once, by really running their side of the protocol; they do not depend on slot 1's
 * polynomial, so slot 1 can rerun its side against them with a fresh polynomial every call.
 */
function dkgFullDividedByN(n: number, t: number): Case["setup"] {
  return () => {
    const { identities, participants } = newCommittee(n);
    const session = dkgSession("ristretto255", t, participants);
    return { fn: () => runFullDkg(session, identities), unitsPerCall: n };
  };
}

function evaluateOne(n: number, t: number): Case["setup"] {
  return () => {
    const c = committee("ristretto255", n, t);
    const batch = blindInputs(randomInputs(1));
    const share = at(c.shares, 0);
    const partial = evaluatePartial(share, c.key, batch.blinded);
    check(partial.evaluated.length === 1 && partial.proof.length > 0, "one evaluation + proof");
    return { fn: () => evaluatePartial(share, c.key, batch.blinded) };
  };
}

function verifyAndCombine(n: number, t: number): Case["setup"] {
  return () => {
    const c = committee("ristretto255", n, t);
    const input = randomInputs(1);
    const batch = blindInputs(input);
    const partials: PartialEvaluation[] = c.shares.map((s) =>
      evaluatePartial(s, c.key, batch.blinded),
    );
    const out = at(combinePartials(c.key, batch, partials), 0);
    // Same input, fresh blinds: the (deterministic) OPRF output must not change.
    const again = at(thresholdOprf(c, blindInputs(input)), 0);
    check(out.length === OPRF_OUTPUT_BYTES && bytesEqual(out, again), "OPRF output is stable");
    return { fn: () => combinePartials(c.key, batch, partials) };
  };
}

/** combinePartials of a batch of `size` inputs (n batch proofs checked), per input. */
function verifyAndCombineBatch(n: number, t: number, size: number): Case["setup"] {
  return () => {
    const c = committee("ristretto255", n, t);
    const batch = blindInputs(randomInputs(size));
    const partials = c.shares.map((s) => evaluatePartial(s, c.key, batch.blinded));
    check(combinePartials(c.key, batch, partials).length === size, "one output per input");
    return { fn: () => combinePartials(c.key, batch, partials), unitsPerCall: size };
  };
}

function oprfBatch(n: number, t: number, size: number): Case["setup"] {
  return () => {
    const c = committee("ristretto255", n, t);
    const batch = blindInputs(randomInputs(size));
    const outputs = thresholdOprf(c, batch);
    check(outputs.length === size, "one output per input");
    check(new Set(outputs.map((o) => Buffer.from(o).toString("hex"))).size === size, "distinct");
    return { fn: () => thresholdOprf(c, batch), unitsPerCall: size };
  };
}

function frostSign(n: number, t: number): Case["setup"] {
  return () => {
    const c = committee("ed25519", n, t);
    const message = randomUint8Array(32);
    const fn = () => {
      const nonces = c.shares.map((s) => signCommit(s));
      const commitments = nonces.map((nonce) => nonce.commitment);
      const sigShares = c.shares.map((s, i) =>
        signShare(s, c.key, at(nonces, i), commitments, message),
      );
      return aggregateSignature(c.key, commitments, message, sigShares);
    };
    check(verifyEd25519(fn(), message, c.key.groupPublicKey), "aggregate is a valid Ed25519 sig");
    return { fn };
  };
}

/**
 * Refresh cost for one participant (slot 1): its refreshDeal + refreshFinish are timed, against
 * dealings the other slots produced once (they do not depend on slot 1's dealing).
 */
function refreshPerParticipant(n: number, t: number): Case["setup"] {
  return () => {
    const c = committee("ristretto255", n, t);
    const session: RefreshSession = {
      sessionId: `bench-refresh-${n}-${t}`,
      key: c.key,
      participants: c.participants,
    };
    // A full refresh first: the group key and the OPRF output must survive it.
    const deals = c.shares.map((s, i) => refreshDeal(session, s, at(c.identities, i)));
    const dealings = deals.map((d) => d.dealing);
    const refreshed = deals.map((d) => refreshFinish(d.state, dealings));
    const next: Committee = {
      ...c,
      shares: refreshed.map((r) => r.share),
      key: at(refreshed, 0).key,
    };
    check(next.key.epoch === c.key.epoch + 1, "epoch advanced");
    check(bytesEqual(next.key.groupPublicKey, c.key.groupPublicKey), "group key unchanged");
    const input = randomInputs(1);
    const before = at(thresholdOprf(c, blindInputs(input)), 0);
    const after = at(thresholdOprf(next, blindInputs(input)), 0);
    check(bytesEqual(before, after), "OPRF output unchanged by refresh");

    const othersDealings: RefreshDealing[] = dealings.slice(1);
    const share = at(c.shares, 0);
    const identity = at(c.identities, 0);
    return {
      fn: () => {
        const { state } = refreshDeal(session, share, identity);
        return refreshFinish(state, othersDealings);
      },
    };
  };
}

const keyId = keyIdFromName("/bench/payments/key");
const payload = randomUint8Array(PAYLOAD_BYTES);

function newHeader(): EnvelopeHeader {
  return newEnvelopeHeader({ algorithm: "AES256GCM", keyId, keyVersion: 1 });
}

/** A fixed header and a fixed OPRF output (the real threshold-OPRF output for that header). */
function envelopeFixture(): { header: EnvelopeHeader; oprfOutput: Uint8Array } {
  const c = committee("ristretto255", 3, 3);
  const header = newHeader();
  const oprfOutput = at(thresholdOprf(c, blindInputs([envelopeOprfInput(header)])), 0);
  return { header, oprfOutput };
}

function envelopeEncrypt(): Case["setup"] {
  return () => {
    const { header, oprfOutput } = envelopeFixture();
    const fn = () => encryptEnvelope(header, oprfOutput, payload);
    check(bytesEqual(decryptEnvelope(fn(), oprfOutput), payload), "envelope round trip");
    return { fn };
  };
}

function envelopeDecrypt(): Case["setup"] {
  return () => {
    const { header, oprfOutput } = envelopeFixture();
    const ciphertext = encryptEnvelope(header, oprfOutput, payload);
    const fn = () => decryptEnvelope(ciphertext, oprfOutput);
    check(bytesEqual(fn(), payload), "envelope round trip");
    return { fn };
  };
}

/** newEnvelopeHeader → envelopeOprfInput → blindInputs → evaluatePartial ×n → combine → encrypt. */
function envelopeEncryptWithOprf(n: number, t: number): Case["setup"] {
  return () => {
    const c = committee("ristretto255", n, t);
    const fn = () => {
      const header = newHeader();
      const batch = blindInputs([envelopeOprfInput(header)]);
      const partials = c.shares.map((s) => evaluatePartial(s, c.key, batch.blinded));
      const oprfOutput = at(combinePartials(c.key, batch, partials), 0);
      return encryptEnvelope(header, oprfOutput, payload);
    };
    // Decrypt independently: parse the header, derive the OPRF output again (fresh blinds).
    const ciphertext = fn();
    const input = envelopeOprfInput(parseEnvelope(ciphertext));
    const oprfOutput = at(thresholdOprf(c, blindInputs([input])), 0);
    check(bytesEqual(decryptEnvelope(ciphertext, oprfOutput), payload), "OPRF envelope round trip");
    return { fn };
  };
}

/**
 * One group operation through the backend's point class: k·P for a fresh random k (P a random
 * element of the prime-order group, or the base point), encoded.
 */
function groupMultiply(suite: Suite, base: boolean): Case["setup"] {
  return () => {
    const g = suiteGroup(suite);
    const random = () =>
      (BigInt(`0x${Buffer.from(randomUint8Array(64)).toString("hex")}`) % (g.Fn.ORDER - 1n)) + 1n;
    const p = random();
    const P = base ? g.BASE : g.element(g.BASE.multiply(p).toBytes(), "P");
    const k = random();
    check(P.multiply(k).equals(g.BASE.multiply(base ? k : g.Fn.mul(p, k))), "k·P = (k·p)·B");
    return { fn: () => P.multiply(random()).toBytes() };
  };
}

const cases: Case[] = [
  {
    operation: "ristretto255 variable-base scalar multiplication (+ a random scalar)",
    n: 0,
    t: 0,
    setup: groupMultiply("ristretto255", false),
  },
  {
    operation: "ristretto255 base-point multiplication (+ a random scalar)",
    n: 0,
    t: 0,
    setup: groupMultiply("ristretto255", true),
  },
  {
    operation: "edwards25519 variable-base scalar multiplication (+ a random scalar)",
    n: 0,
    t: 0,
    setup: groupMultiply("ed25519", false),
  },
  {
    operation: "edwards25519 base-point multiplication (+ a random scalar)",
    n: 0,
    t: 0,
    setup: groupMultiply("ed25519", true),
  },
  { operation: "DKG, per participant (ceremony ÷ n)", n: 3, t: 3, setup: dkgFullDividedByN(3, 3) },
  { operation: "DKG, per participant (ceremony ÷ n)", n: 5, t: 3, setup: dkgFullDividedByN(5, 3) },
  { operation: "DKG, per participant (ceremony ÷ n)", n: 7, t: 7, setup: dkgFullDividedByN(7, 7) },
  { operation: "OPRF evaluatePartial (1 slot, 1 input)", n: 3, t: 3, setup: evaluateOne(3, 3) },
  { operation: "OPRF verify + combine (1 input)", n: 3, t: 3, setup: verifyAndCombine(3, 3) },
  { operation: "OPRF verify + combine (1 input)", n: 5, t: 5, setup: verifyAndCombine(5, 5) },
  { operation: "OPRF verify + combine (1 input)", n: 7, t: 7, setup: verifyAndCombine(7, 7) },
  ...[3, 5, 7].map((n) => ({
    operation: `OPRF verify + combine, batch ${BATCH_SIZE}, per input`,
    n,
    t: n,
    setup: verifyAndCombineBatch(n, n, BATCH_SIZE),
  })),
  { operation: "OPRF evaluate ×n + combine, batch 1", n: 3, t: 3, setup: oprfBatch(3, 3, 1) },
  ...[3, 5, 7].map((n) => ({
    operation: `OPRF evaluate ×n + combine, batch ${BATCH_SIZE}, per input`,
    n,
    t: n,
    setup: oprfBatch(n, n, BATCH_SIZE),
  })),
  { operation: "FROST sign end to end (Ed25519)", n: 3, t: 3, setup: frostSign(3, 3) },
  { operation: "FROST sign end to end (Ed25519)", n: 5, t: 5, setup: frostSign(5, 5) },
  { operation: "FROST sign end to end (Ed25519)", n: 7, t: 7, setup: frostSign(7, 7) },
  { operation: "Refresh, per participant", n: 3, t: 3, setup: refreshPerParticipant(3, 3) },
  { operation: "Refresh, per participant", n: 5, t: 5, setup: refreshPerParticipant(5, 5) },
  { operation: "Envelope encrypt 1 KiB (AES256GCM)", n: 0, t: 0, setup: envelopeEncrypt() },
  { operation: "Envelope decrypt 1 KiB (AES256GCM)", n: 0, t: 0, setup: envelopeDecrypt() },
  {
    operation: "Envelope encrypt 1 KiB + threshold OPRF",
    n: 3,
    t: 3,
    setup: envelopeEncryptWithOprf(3, 3),
  },
];

const notes = [
  "DKG, per participant: a full ceremony (every participant's dkgRound1 + dkgRound2 + dkgFinish, ristretto255, all in-process) divided by n. Participants' work is symmetric; round-2 packages are bound to the round-1 transcript, so one participant cannot be re-run alone against fixed packages from the others.",
  "OPRF rows use ristretto255 keys from a real DKG. verify + combine = combinePartials: n DLEQ proof checks (one per slot for the whole batch), Lagrange combination with the unblinding folded in, finalize; the batch rows are divided by the batch size (the gateway's cost per derivation when it coalesces).",
  `OPRF evaluate ×n + combine: all n slots' evaluatePartial (one batch DLEQ proof each) + combinePartials; the batch-${BATCH_SIZE} row is divided by ${BATCH_SIZE}. Blinding is not included.`,
  "FROST sign: signCommit ×n + signShare ×n + aggregateSignature (share checks + final Ed25519 verify), 32-byte message. Cost growth with n: the n = 3, 5, 7 rows of OPRF verify + combine (the gateway's side of a derive), OPRF evaluatePartial (one slot's) and FROST sign; divide a row by n for the cost per slot.",
  "Refresh, per participant: slot 1's refreshDeal + refreshFinish, against the other slots' real dealings.",
  "Envelope encrypt/decrypt: fixed header and fixed 64-byte OPRF output. Envelope + threshold OPRF: newEnvelopeHeader → envelopeOprfInput → blindInputs → evaluatePartial ×n → combinePartials → encryptEnvelope.",
  "All parties run sequentially on one thread; no network.",
  "The libsodium backend's caches of decoded points and evaluated sums are emptied before every timed call, so rows that repeat one input are not cache hits; in a service, a key's commitments and verifying shares stay decoded between calls.",
  "Both backends run the same protocol code (noble's OPRF, DKG and FROST round one; keyfrag's RFC 9591 signing round two and aggregation); only the group arithmetic differs. Rows without group operations (envelope encrypt/decrypt) should show no difference.",
];

// ---------------------------------------------------------------------------------------------
// Run

function packageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The columns: the reference, libsodium with ristretto255 in WebAssembly, libsodium native. */
const COLUMNS: readonly { backend: CryptoBackend; engine?: RistrettoEngine; msm?: boolean }[] = [
  { backend: "noble" },
  { backend: "sodium", engine: "wasm", msm: false },
  ...(nativeSodium() ? [{ backend: "sodium" as const, engine: "native" as const, msm: true }] : []),
];

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  console.log("## @keyfrag/crypto benchmark");
  console.log("");
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(
    `- node: ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
  );
  console.log(`- cpu: ${cpu[0]?.model.trim() ?? "unknown"} × ${cpu.length}`);
  console.log(
    `- @noble/curves: ${packageVersion("@noble/curves")} (backend "noble", the reference)`,
  );
  console.log(
    `- libsodium (backend "sodium", the default): sodium-native ${packageVersion("sodium-native")} (edwards25519, X25519) in both libsodium columns; ristretto255 on libsodium-wrappers-sumo ${packageVersion("libsodium-wrappers-sumo")} (WebAssembly) in the "wasm" column (each product one libsodium multiplication: the backend as it was before the addon) and on @keyfrag/native-sodium (system libsodium ${nativeSodium()?.sodium_version ?? "—"}, the default where built) in the "native + MSM" one, which also evaluates products with public scalars by the addon's multi-scalar multiplication, on both groups${nativeSodium() ? "" : " (not built here: no native column)"}`,
  );
  console.log(
    `- method: ${WARMUP_MS} ms warm-up, then ≥ ${MEASURE_MS} ms and ≥ ${MIN_ITERATIONS} calls per row, performance.now()`,
  );
  console.log("");

  const headers = [
    "operation",
    "n",
    "t",
    "noble µs/op",
    "libsodium wasm µs/op",
    ...(COLUMNS.length > 2 ? ["libsodium native + MSM µs/op"] : []),
    "speed-up",
  ];
  const widths = [
    Math.max(...cases.map((c) => c.operation.length)),
    2,
    2,
    ...headers.slice(3).map((h) => h.length),
  ];
  const row = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(at(widths, i)) : cell.padStart(at(widths, i)))).join(" | ")} |`;
  console.log(row(headers));
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
  );

  const defaultEngine = ristrettoEngine();
  for (const c of cases) {
    const micros: number[] = [];
    for (const { backend, engine, msm } of COLUMNS) {
      useCryptoBackend(backend);
      if (engine) await useRistrettoEngine(engine);
      useNativeMsm(msm ?? true);
      const { fn, unitsPerCall } = c.setup();
      // Several cases repeat one input; the libsodium backend must not time that as cache hits.
      const timed = () => {
        clearSodiumCaches();
        return fn();
      };
      micros.push(measure(timed, unitsPerCall).microsPerOp);
    }
    await useRistrettoEngine(defaultEngine);
    useNativeMsm(true);
    const noble = micros[0] as number;
    const fastest = micros[micros.length - 1] as number;
    console.log(
      row([
        c.operation,
        c.n === 0 ? "–" : String(c.n),
        c.t === 0 ? "–" : String(c.t),
        ...micros.map(formatNumber),
        `${(noble / fastest).toFixed(1)}×`,
      ]),
    );
  }

  console.log("");
  for (const note of notes) console.log(`- ${note}`);
  console.log("");
  console.log(`Total runtime: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
