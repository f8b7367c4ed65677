import {
  aggregateSignature,
  type BlindedBatch,
  blindInputs,
  combinePartials,
  type KeyPublic,
  type NonceCommitment,
  type PartialEvaluation,
  type SignatureShare,
  SlotContributionError,
} from "@keyfrag/crypto";
import {
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  isRetryable,
  NotFoundError,
  UnavailableError,
} from "@keyfrag/rpc";
import { createNoncePool, type NoncePoolSettings, type PreparedNonce } from "./nonce-pool.js";

/** One replica of a slot, as the coordinator reports it. */
export interface ReplicaView {
  readonly nodeId: string;
  readonly address: string;
  readonly healthy: boolean;
}

/** What the client needs to know to use a key: its public data and where its slots live. */
export interface KeyView {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly version: number;
  readonly key: KeyPublic;
  /** Replicas of each slot, primary first. */
  readonly placement: ReadonlyMap<number, readonly ReplicaView[]>;
}

/** The calls the client makes to fragment managers (gRPC in production). */
export interface ReplicaPort {
  evaluate(
    replica: ReplicaView,
    req: { keyId: Uint8Array; version: number; epoch: number; blinded: readonly Uint8Array[] },
    deadlineMs: number,
  ): Promise<PartialEvaluation>;
  signCommit(
    replica: ReplicaView,
    req: { keyId: Uint8Array; version: number; epoch: number },
    deadlineMs: number,
  ): Promise<{ nonceId: string; commitment: NonceCommitment }>;
  /**
   * FROST round one ahead of time: `count` single-use nonce commitments the replica keeps
   * durably for this key version (optional: without it, every signature takes two rounds).
   */
  signPreprocess?(
    replica: ReplicaView,
    req: { keyId: Uint8Array; version: number; epoch: number; count: number },
    deadlineMs: number,
  ): Promise<{ nonceId: string; commitment: NonceCommitment }[]>;
  signShare(
    replica: ReplicaView,
    req: {
      keyId: Uint8Array;
      version: number;
      epoch: number;
      nonceId: string;
      commitments: NonceCommitment[];
      message: Uint8Array;
    },
    deadlineMs: number,
  ): Promise<SignatureShare>;
}

/** Which version of a key an operation uses. */
export interface KeyUse {
  /** The key version (e.g. the one a ciphertext header names); absent or 0: the newest. */
  readonly version?: number;
}

export interface DfcClientOptions {
  /**
   * Looks a key version up (e.g. the coordinator's GetKey); `fresh` asks to bypass any cache;
   * `version` 0 means the newest. A source that ignores `version` serves only the newest, and
   * the client refuses to use it for an older one.
   */
  readonly keys: (name: string, fresh: boolean, version: number) => Promise<KeyView>;
  readonly port: ReplicaPort;
  /** Per-call deadline (default 2 s). */
  readonly deadlineMs?: number;
  /**
   * Ask the next replica too if the current one has not answered by then. Absent: follows the
   * observed latency (1.5 × the p95 of recent answers, within `hedgeBoundsMs`; 250 ms until
   * enough answers were seen).
   */
  readonly hedgeAfterMs?: number;
  /** Bounds of the latency-following hedge delay (default 25 ms … 1 s). */
  readonly hedgeBoundsMs?: { readonly min: number; readonly max: number };
  /**
   * How long a replica that failed or timed out is asked last (default 1 s, doubling with each
   * further failure up to 30 s); then one call probes it alongside a healthy replica.
   */
  readonly replicaRetryAfterMs?: number;
  /**
   * Signing in one round: nonce commitments fetched from each slot ahead of time, in the
   * background (default on when the port has `signPreprocess`; `false`: always two rounds).
   */
  readonly preprocessedNonces?: NoncePoolSettings | false;
  /** Told about every replica that failed or misbehaved (for logs and metrics). */
  readonly onReplicaError?: (e: { slot: number; replica: ReplicaView; error: unknown }) => void;
  /**
   * Verifies every partial evaluation and combines them (default: `combinePartials` on this
   * thread; the gateway passes a worker pool). Must throw (or reject with) a
   * `SlotContributionError` naming the slot whose partial fails verification.
   */
  readonly combine?: (
    key: KeyPublic,
    batch: BlindedBatch,
    partials: readonly PartialEvaluation[],
  ) => Uint8Array[] | Promise<Uint8Array[]>;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

const LATENCY_SAMPLES = 256;
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Whether an error says the replica itself is unreachable, slow or misbehaving, rather than
 * that it lacks this key's state (a lagging epoch, a key it does not hold): only the former
 * puts it at the back of the line for every key.
 */
const replicaAtFault = (e: unknown) =>
  !(e instanceof FailedPreconditionError || e instanceof NotFoundError);

/**
 * Uses DFC keys against their live replicas. For each slot it asks one replica, verifies the
 * answer, fails over to the next replica on an error, a bad answer or a slow one (hedging),
 * and reports UNAVAILABLE naming the slot only when no replica of that slot gave a valid answer.
 */
export function createDfcClient(options: DfcClientOptions) {
  const deadlineMs = options.deadlineMs ?? 2_000;
  const report = options.onReplicaError ?? (() => {});
  const bounds = options.hedgeBoundsMs ?? { min: 25, max: 1_000 };
  const retryAfterMs = options.replicaRetryAfterMs ?? 1_000;
  const combine = options.combine ?? combinePartials;

  // Latencies (ms) of recent valid answers, in a ring; their p95 is recomputed now and then.
  const latencies: number[] = [];
  let latencyIndex = 0;
  let p95 = 0;
  function observeLatency(ms: number): void {
    latencies[latencyIndex++ % LATENCY_SAMPLES] = ms;
    if (latencyIndex % 16 === 0) {
      const sorted = [...latencies].sort((a, b) => a - b);
      p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    }
  }
  function hedgeAfterMs(): number {
    if (options.hedgeAfterMs !== undefined) return options.hedgeAfterMs;
    if (latencyIndex < 32) return 250;
    return Math.min(bounds.max, Math.max(bounds.min, Math.ceil(p95 * 1.5)));
  }

  // Replicas that failed lately, by node id: asked last until `downUntil`, then probed once.
  const down = new Map<string, { failures: number; downUntil: number; probing: boolean }>();
  function markDown(replica: ReplicaView): void {
    const failures = (down.get(replica.nodeId)?.failures ?? 0) + 1;
    const backoff = Math.min(MAX_RETRY_AFTER_MS, retryAfterMs * 2 ** Math.min(failures - 1, 16));
    down.set(replica.nodeId, { failures, downUntil: Date.now() + backoff, probing: false });
  }

  /**
   * The slot's replicas in the order to ask them: those that have not failed lately (the
   * coordinator's healthy ones first, primary first), then those that have. A failed replica
   * whose retry-after has passed is the probe: it is asked at once alongside the first one, so
   * it comes back into use without any caller waiting on it.
   */
  function candidates(
    view: KeyView,
    slot: number,
    excluded?: ReadonlySet<string>,
  ): { replicas: ReplicaView[]; probe: boolean } {
    const all = (view.placement.get(slot) ?? []).filter((r) => !excluded?.has(r.nodeId));
    const ordered = [...all.filter((r) => r.healthy), ...all.filter((r) => !r.healthy)];
    const up = ordered.filter((r) => !down.has(r.nodeId));
    const failed = ordered
      .filter((r) => down.has(r.nodeId))
      .sort((a, b) => (down.get(a.nodeId)?.downUntil ?? 0) - (down.get(b.nodeId)?.downUntil ?? 0));
    const now = Date.now();
    const probe = failed.find((r) => {
      const h = down.get(r.nodeId);
      return h !== undefined && !h.probing && h.downUntil <= now;
    });
    if (!probe || up.length === 0) return { replicas: [...up, ...failed], probe: false };
    (down.get(probe.nodeId) as { probing: boolean }).probing = true;
    return {
      replicas: [up[0] as ReplicaView, probe, ...up.slice(1), ...failed.filter((r) => r !== probe)],
      probe: true,
    };
  }

  /**
   * The first valid answer from the slot's replicas: starts with the first (and the probe, if
   * any), adds the next one whenever the running ones have all failed or the hedge delay
   * passed without an answer. Every outcome, even one that came too late, updates the
   * replica's health and the latency estimate.
   */
  function firstValid<T>(
    slot: number,
    { replicas, probe }: { replicas: readonly ReplicaView[]; probe: boolean },
    ask: (r: ReplicaView) => Promise<T>,
  ): Promise<{ value: T; replica: ReplicaView }> {
    const hedgeMs = hedgeAfterMs();
    return new Promise((resolve, reject) => {
      const errors: string[] = [];
      let next = 0;
      let running = 0;
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const launch = () => {
        if (done) return;
        clearTimeout(timer);
        const replica = replicas[next++];
        if (!replica) {
          if (running === 0) {
            done = true;
            reject(
              new UnavailableError(
                `slot ${slot}: no replica gave a valid answer (${errors.join("; ") || "no replicas known"})`,
              ),
            );
          }
          return;
        }
        running++;
        const started = performance.now();
        ask(replica).then(
          (value) => {
            running--;
            down.delete(replica.nodeId);
            observeLatency(performance.now() - started);
            if (done) return;
            done = true;
            clearTimeout(timer);
            resolve({ value, replica });
          },
          (error) => {
            running--;
            if (replicaAtFault(error)) markDown(replica);
            else {
              const h = down.get(replica.nodeId);
              if (h) h.probing = false;
            }
            errors.push(`${replica.nodeId}: ${describe(error)}`);
            report({ slot, replica, error });
            if (!done) launch();
          },
        );
        if (next < replicas.length) timer = setTimeout(launch, hedgeMs);
      };
      launch();
      if (probe) launch();
    });
  }

  /** The replica to fetch nonce commitments from: healthy and not failed lately, primary first. */
  function preferredReplica(
    view: Pick<KeyView, "placement">,
    slot: number,
  ): ReplicaView | undefined {
    const all = view.placement.get(slot) ?? [];
    return (
      all.find((r) => r.healthy && !down.has(r.nodeId)) ?? all.find((r) => !down.has(r.nodeId))
    );
  }

  const signPreprocess = options.port.signPreprocess?.bind(options.port);
  const noncePool =
    options.preprocessedNonces === false || !signPreprocess
      ? undefined
      : createNoncePool(
          {
            signPreprocess,
            deadlineMs,
            pickReplica: preferredReplica,
            usable: (r) => !down.has(r.nodeId),
            onError: (e) => {
              if (replicaAtFault(e.error)) markDown(e.replica);
              report(e);
            },
          },
          options.preprocessedNonces || {},
        );

  /**
   * One round: signature shares on commitments fetched ahead. Undefined when the pool has too
   * few, or when a replica failed (it is reported, put at the back of the line, and, when it
   * misbehaved, excluded): the caller then signs in two rounds.
   */
  async function signPrepared(
    view: KeyView,
    prepared: readonly PreparedNonce<ReplicaView>[],
    message: Uint8Array,
    excluded: Set<string>,
  ): Promise<Uint8Array | undefined> {
    const { key } = view;
    const ref = { keyId: view.keyId, version: view.version, epoch: key.epoch };
    const commitments = prepared.map((p) => p.commitment);
    try {
      const shares = await Promise.all(
        prepared.map((p) =>
          options.port
            .signShare(p.replica, { ...ref, nonceId: p.nonceId, commitments, message }, deadlineMs)
            .catch((error) => {
              if (replicaAtFault(error)) markDown(p.replica);
              report({ slot: p.slot, replica: p.replica, error });
              throw error;
            }),
        ),
      );
      return aggregateSignature(key, commitments, message, shares);
    } catch (err) {
      if (err instanceof SlotContributionError) {
        const culprit = prepared.find((p) => p.slot === err.slot);
        if (culprit) {
          markDown(culprit.replica);
          report({ slot: culprit.slot, replica: culprit.replica, error: err });
          excluded.add(culprit.replica.nodeId);
        }
      }
      return undefined;
    }
  }

  /** The version a caller asked for (0: the newest), checked. */
  function versionOf(use: KeyUse | undefined): number {
    const v = use?.version ?? 0;
    if (!Number.isSafeInteger(v) || v < 0 || v > 0xffff_ffff)
      throw new InvalidArgumentError(`key version must be a whole number ≥ 0, not ${String(v)}`);
    return v;
  }

  /** The view of key `name` at `version` (0: newest), checked to be that version. */
  async function lookup(name: string, version: number, fresh: boolean): Promise<KeyView> {
    const view = await options.keys(name, fresh, version);
    if (version !== 0 && view.version !== version) {
      throw new InternalError(
        `the key source answered ${name} v${view.version} when asked for v${version}`,
      );
    }
    return view;
  }

  /** Runs `op` on the cached view of the key; on an epoch or availability problem, once more on a fresh view. */
  async function withKey<T>(
    name: string,
    version: number,
    op: (view: KeyView) => Promise<T>,
  ): Promise<T> {
    try {
      return await op(await lookup(name, version, false));
    } catch (err) {
      if (
        !(
          err instanceof UnavailableError ||
          err instanceof FailedPreconditionError ||
          isRetryable(err)
        )
      )
        throw err;
      return op(await lookup(name, version, true));
    }
  }

  /** Derives the threshold-OPRF outputs (64 bytes each) of `inputs` under key `name` (newest version unless `use.version`). */
  async function derive(
    name: string,
    inputs: readonly Uint8Array[],
    use?: KeyUse,
  ): Promise<{ outputs: Uint8Array[]; view: KeyView }> {
    return withKey(name, versionOf(use), async (view) => {
      const batch: BlindedBatch = blindInputs(inputs);
      return { outputs: await evaluateAndCombine(view, batch), view };
    });
  }

  /**
   * One batch through the slots: asks one replica of each slot (failover and hedging as above),
   * then verifies every answer's proof and combines, once. A partial whose proof fails marks its
   * replica down and is replaced by another replica's answer (of that slot, or for a t-of-n key
   * of a slot not yet used); UNAVAILABLE naming the slot when none is left.
   */
  async function evaluateAndCombine(view: KeyView, batch: BlindedBatch): Promise<Uint8Array[]> {
    const { key } = view;
    const excluded = new Set<string>();
    const ask = (slot: number) =>
      firstValid(slot, candidates(view, slot, excluded), async (replica) => {
        const partial = await options.port.evaluate(
          replica,
          { keyId: view.keyId, version: view.version, epoch: key.epoch, blinded: batch.blinded },
          deadlineMs,
        );
        // Cheap checks here, so a wrong-shaped answer fails over at once; the proof is
        // verified with the others in `combine`.
        if (partial.slot !== slot)
          throw new SlotContributionError(
            slot,
            "evaluation",
            `replica answered as slot ${partial.slot}`,
          );
        if (partial.evaluated.length !== batch.blinded.length)
          throw new SlotContributionError(
            slot,
            "evaluation",
            `${partial.evaluated.length} evaluations for ${batch.blinded.length} inputs`,
          );
        return { slot, partial, replica };
      }).then(({ value }) => ({ value }));
    let got = await gatherThreshold(key, ask);
    const limit = [...view.placement.values()].reduce((n, r) => n + r.length, 0);
    for (let attempt = 0; ; attempt++) {
      try {
        return await combine(
          key,
          batch,
          got.map((g) => g.partial),
        );
      } catch (err) {
        const bad =
          err instanceof SlotContributionError ? got.find((g) => g.slot === err.slot) : undefined;
        if (!bad || attempt >= limit) throw err;
        markDown(bad.replica);
        report({ slot: bad.slot, replica: bad.replica, error: err });
        excluded.add(bad.replica.nodeId);
        const rest = got.filter((g) => g !== bad);
        const used = new Set(rest.map((g) => g.slot));
        const spare = [bad.slot, ...key.slots.filter((s) => s !== bad.slot && !used.has(s))];
        let replacement: (typeof got)[number] | undefined;
        const failures: string[] = [];
        for (const slot of spare) {
          try {
            replacement = (await ask(slot)).value;
            break;
          } catch (e) {
            failures.push(describe(e));
          }
        }
        if (!replacement) throw new UnavailableError(failures.join(" | "));
        got = [...rest, replacement];
      }
    }
  }

  /**
   * Asks every slot (in parallel) and returns the first `threshold` valid answers; fails,
   * naming the slots, only when too many slots have no valid answer at all.
   */
  function gatherThreshold<T extends { slot: number }>(
    key: KeyPublic,
    ask: (slot: number) => Promise<{ value: T }>,
  ): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const got: T[] = [];
      const failed: UnavailableError[] = [];
      for (const slot of key.slots) {
        ask(slot).then(
          ({ value }) => {
            got.push(value);
            if (got.length === key.threshold) resolve(got.slice());
          },
          (err: unknown) => {
            failed.push(
              err instanceof UnavailableError
                ? err
                : new UnavailableError(`slot ${slot}: ${describe(err)}`),
            );
            if (failed.length > key.slots.length - key.threshold) {
              reject(new UnavailableError(failed.map((f) => f.message).join(" | ")));
            }
          },
        );
      }
    });
  }

  /** Signs `message` with Ed25519 key `name` (newest version unless `use.version`) by FROST; returns a standard 64-byte signature. */
  async function sign(
    name: string,
    message: Uint8Array,
    use?: KeyUse,
  ): Promise<{ signature: Uint8Array; view: KeyView }> {
    return withKey(name, versionOf(use), async (view) => {
      const { key } = view;
      const ref = { keyId: view.keyId, version: view.version, epoch: key.epoch };
      // A signer that misbehaves or vanishes between the rounds is excluded and signing restarts.
      const excluded = new Set<string>();
      const prepared = noncePool?.take(view);
      if (prepared) {
        const signature = await signPrepared(view, prepared, message, excluded);
        if (signature) return { signature, view };
      }
      const attempts = [...view.placement.values()].reduce((n, r) => n + r.length, 0);
      let lastError: unknown;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const committed = await gatherThreshold(key, (slot) =>
          firstValid(slot, candidates(view, slot, excluded), async (replica) => {
            const c = await options.port.signCommit(replica, ref, deadlineMs);
            if (c.commitment.slot !== slot)
              throw new SlotContributionError(
                slot,
                "signature-share",
                `replica committed as slot ${c.commitment.slot}`,
              );
            return { slot, replica, ...c };
          }).then(({ value }) => ({ value })),
        );
        const commitments = committed.map((c) => c.commitment);
        try {
          const shares = await Promise.all(
            committed.map((c) =>
              options.port
                .signShare(
                  c.replica,
                  { ...ref, nonceId: c.nonceId, commitments, message },
                  deadlineMs,
                )
                .catch((error) => {
                  if (replicaAtFault(error)) markDown(c.replica);
                  report({ slot: c.slot, replica: c.replica, error });
                  excluded.add(c.replica.nodeId);
                  throw error;
                }),
            ),
          );
          return { signature: aggregateSignature(key, commitments, message, shares), view };
        } catch (err) {
          lastError = err;
          if (err instanceof SlotContributionError) {
            const culprit = committed.find((c) => c.slot === err.slot);
            if (culprit) {
              markDown(culprit.replica);
              report({ slot: culprit.slot, replica: culprit.replica, error: err });
              excluded.add(culprit.replica.nodeId);
            }
          } else if (excluded.size === 0) {
            throw err;
          }
        }
      }
      throw new UnavailableError(
        `signing with ${name} failed on every replica combination: ${describe(lastError)}`,
      );
    });
  }

  return { derive, sign };
}

export type DfcClient = ReturnType<typeof createDfcClient>;
