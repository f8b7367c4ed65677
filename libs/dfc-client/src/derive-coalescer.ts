import { MAX_OPRF_BATCH } from "@keyfrag/crypto";
import { InvalidArgumentError } from "@keyfrag/rpc";
import type { DfcClient, KeyView } from "./dfc-client.js";

export interface DeriveCoalescerOptions {
  /** The batch derivation (a dfc-client's `derive`). */
  readonly derive: DfcClient["derive"];
  /**
   * How long a request waits for others while a batch of its key version is already in flight
   * (default 2 ms). With none in flight a batch leaves at the end of the current event-loop
   * turn, so a lone caller waits for no one.
   */
  readonly windowMs?: number;
  /** Most inputs in one batch (default 32, at most MAX_OPRF_BATCH). */
  readonly maxBatch?: number;
}

interface Waiter {
  readonly input: Uint8Array;
  resolve(value: { output: Uint8Array; view: KeyView }): void;
  reject(error: unknown): void;
}

interface Pending {
  readonly name: string;
  readonly version: number;
  readonly waiters: Waiter[];
  /** Cancels the timer that would send it. */
  cancel?: () => void;
}

/** RFC 9497 limits an OPRF input to 65535 bytes (it is length-prefixed with two bytes). */
const MAX_INPUT_BYTES = 0xffff;

/**
 * Coalesces concurrent derivations under the same key version into one batch: one evaluation
 * request per slot with one DLEQ proof for the whole batch (RFC 9497 batched evaluation), so N
 * concurrent uses of a key cost the gateway one set of RPCs and proofs instead of N.
 *
 * A batch leaves when it holds `maxBatch` inputs, when `windowMs` has passed since its first
 * request, or (when no batch of that key version is in flight) at the end of the current
 * event-loop turn. Each input is checked before it joins a batch, so one caller's bad input is
 * refused to that caller alone; what fails a batch (an unknown key, no valid answer from a
 * slot after failover) is what would have failed each of its requests alone.
 */
export function createDeriveCoalescer(options: DeriveCoalescerOptions) {
  const windowMs = options.windowMs ?? 2;
  const maxBatch = options.maxBatch ?? 32;
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > MAX_OPRF_BATCH)
    throw new RangeError(`maxBatch must be a whole number in 1..${MAX_OPRF_BATCH}`);
  if (!(windowMs >= 0)) throw new RangeError("windowMs must be ≥ 0");

  /** The batch being filled, per key version. */
  const pending = new Map<string, Pending>();
  /** Batches in flight, per key version. */
  const inFlight = new Map<string, number>();

  function send(id: string, batch: Pending): void {
    if (pending.get(id) === batch) pending.delete(id);
    batch.cancel?.();
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    const { waiters } = batch;
    // A derive that throws at once fails its batch like one that rejects.
    new Promise<Awaited<ReturnType<DfcClient["derive"]>>>((resolve) =>
      resolve(
        options.derive(
          batch.name,
          waiters.map((w) => w.input),
          { version: batch.version },
        ),
      ),
    )
      .then(
        ({ outputs, view }) => {
          waiters.forEach((w, i) => {
            const output = outputs[i];
            if (output) w.resolve({ output, view });
            else w.reject(new Error("the batch derivation returned too few outputs"));
          });
        },
        (err: unknown) => {
          for (const w of waiters) w.reject(err);
        },
      )
      .finally(() => {
        const left = (inFlight.get(id) ?? 1) - 1;
        if (left > 0) inFlight.set(id, left);
        else inFlight.delete(id);
        // Requests that waited for this batch to finish need not wait out their window.
        const next = pending.get(id);
        if (next && left === 0) send(id, next);
      });
  }

  /** The OPRF output (64 bytes) of one input under key `name` at `version` (0: newest). */
  function derive(
    name: string,
    input: Uint8Array,
    version = 0,
  ): Promise<{ output: Uint8Array; view: KeyView }> {
    if (!(input instanceof Uint8Array) || input.length > MAX_INPUT_BYTES)
      return Promise.reject(
        new InvalidArgumentError(`a derivation input must be at most ${MAX_INPUT_BYTES} bytes`),
      );
    if (!Number.isSafeInteger(version) || version < 0 || version > 0xffff_ffff)
      return Promise.reject(
        new InvalidArgumentError(`key version must be a whole number ≥ 0, not ${String(version)}`),
      );
    // NUL cannot occur in a key name, so the id is unambiguous.
    const id = `${name}\u0000${version}`;
    return new Promise((resolve, reject) => {
      let batch = pending.get(id);
      if (!batch) {
        const created: Pending = { name, version, waiters: [] };
        if (inFlight.has(id)) {
          const timer = setTimeout(() => send(id, created), windowMs);
          created.cancel = () => clearTimeout(timer);
        } else {
          const immediate = setImmediate(() => send(id, created));
          created.cancel = () => clearImmediate(immediate);
        }
        pending.set(id, created);
        batch = created;
      }
      batch.waiters.push({ input, resolve, reject });
      if (batch.waiters.length >= maxBatch) send(id, batch);
    });
  }

  return { derive };
}

export type DeriveCoalescer = ReturnType<typeof createDeriveCoalescer>;
