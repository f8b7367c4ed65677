/**
 * The agent's work: fetch every source, render the outputs (files, a child's environment),
 * keep dynamic secrets alive (renew at two thirds of the TTL, re-issue before the max TTL),
 * poll static secrets, and revoke the leases it holds when it stops.
 */
import { readFile, rm, stat } from "node:fs/promises";
import type { Logger } from "pino";
import {
  type AgentConfig,
  type EnvConfig,
  type FileConfig,
  type Source,
  sourceKey,
} from "./agent-config.js";
import { writeFileAtomic } from "./file-writer.js";
import type { Session } from "./session.js";
import { describeSource, type Fetched, fetchSource, type HeldLease } from "./sources.js";
import { type LeaseState, readState, writeState } from "./state-file.js";
import { type CompiledTemplate, compileTemplate, defaultTemplate } from "./templates.js";

interface Output {
  kind: "file" | "env";
  /** The file's path or the variable's name. */
  target: string;
  file?: FileConfig;
  render: CompiledTemplate;
  /** What was last rendered (files: written). */
  rendered?: string;
}

interface SourceRuntime {
  key: string;
  source: Source;
  outputs: Output[];
  fetched?: Fetched;
  /** A lease taken over from the state file: renewed, but its values are not known here. */
  adopted?: HeldLease;
  timer?: NodeJS.Timeout;
  /** Why the last attempt failed (for /healthz), without values. */
  failing?: string;
  failures: number;
}

export interface Agent {
  /** Fetches every source once and renders every output; throws if any fails. */
  start(options: { adopt: boolean }): Promise<void>;
  /** Keeps everything up to date until stop(). */
  keepUpdated(): void;
  /** The environment values of the `env` outputs (exec mode). */
  environment(): Record<string, string>;
  /** Saves the held leases for a later sidecar (init mode). */
  saveState(): Promise<void>;
  /** Stops the timers and revokes the leases held, within the configured timeout. */
  stop(options: { revoke: boolean }): Promise<void>;
  health(): { ok: boolean; failing: string[] };
}

export interface AgentDeps {
  config: AgentConfig;
  session: Session;
  logger: Logger;
  /** Called after outputs changed (not at the first render): reload command, signal, restart. */
  onChange(changed: { files: string[]; env: boolean }): Promise<void>;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export async function createAgent(deps: AgentDeps): Promise<Agent> {
  const { config, session, logger } = deps;
  const sources = new Map<string, SourceRuntime>();
  /** Every lease still alive that this agent holds (renewed ones and those it replaced). */
  const held = new Map<string, HeldLease>();
  let stopped = false;

  const runtimeOf = (source: Source) => {
    const key = sourceKey(source);
    let rt = sources.get(key);
    if (!rt) {
      rt = { key, source, outputs: [], failures: 0 };
      sources.set(key, rt);
    }
    return rt;
  };
  const template = async (
    source: Source,
    text: string | undefined,
    file: string | undefined,
    origin: string,
  ) => {
    const body =
      file !== undefined ? await readFile(file, "utf8") : (text ?? defaultTemplate(source));
    return compileTemplate(body, origin);
  };
  for (const f of config.files) {
    runtimeOf(f.source).outputs.push({
      kind: "file",
      target: f.path,
      file: f,
      render: await template(f.source, f.template, f.templateFile, `file ${f.path}`),
    });
  }
  for (const e of config.env as EnvConfig[]) {
    runtimeOf(e.source).outputs.push({
      kind: "env",
      target: e.name,
      render: await template(e.source, e.template, undefined, `env ${e.name}`),
    });
  }

  /** Renders the outputs of `rt`; writes files whose content changed. */
  const render = async (rt: SourceRuntime) => {
    const changed = { files: [] as string[], env: false };
    const context = rt.fetched?.context;
    if (!context) return changed;
    for (const out of rt.outputs) {
      const text = out.render(context);
      if (text === out.rendered) continue;
      if (out.kind === "file" && out.file) {
        await writeFileAtomic(out.target, text, {
          mode: out.file.mode,
          ...(out.file.owner ? { owner: out.file.owner } : {}),
        });
        changed.files.push(out.target);
        logger.info({ file: out.target, source: describeSource(rt.source) }, "file written");
      } else {
        changed.env = true;
      }
      out.rendered = text;
    }
    return changed;
  };

  const hold = (lease: HeldLease | undefined) => {
    if (lease) held.set(lease.id, lease);
    const now = Date.now();
    for (const [id, l] of held) if (l.expiresAtMs <= now) held.delete(id);
  };

  const stateOf = (): LeaseState[] =>
    [...sources.values()].flatMap((rt) => {
      const lease = rt.fetched?.lease ?? rt.adopted;
      return lease ? [{ source: rt.key, ...lease }] : [];
    });
  const saveState = async () => {
    if (config.stateFile) await writeState(config.stateFile, stateOf());
  };

  const schedule = (rt: SourceRuntime, atMs: number, what: () => Promise<void>) => {
    if (stopped) return;
    clearTimeout(rt.timer);
    rt.timer = setTimeout(
      () => {
        void what().catch((err: unknown) => {
          logger.error(
            { source: describeSource(rt.source), err: (err as Error).message },
            "unexpected",
          );
        });
      },
      Math.max(0, atMs - Date.now()),
    );
    rt.timer.unref?.();
  };

  const retryLater = (rt: SourceRuntime, err: unknown, what: () => Promise<void>) => {
    rt.failures += 1;
    rt.failing = `${describeSource(rt.source)}: ${(err as Error).message}`;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (rt.failures - 1));
    logger.warn(
      { source: describeSource(rt.source), err: (err as Error).message, retryInMs: delay },
      "failed; will retry",
    );
    schedule(rt, Date.now() + delay, what);
  };

  /** Plans what happens next to `rt`: renew, re-issue, poll or refresh. */
  const plan = (rt: SourceRuntime) => {
    const lease = rt.fetched?.lease ?? rt.adopted;
    const now = Date.now();
    if (lease) {
      // Renewal can add nothing once the lease reaches its max TTL: then re-issue, still
      // before the old one ends.
      if (lease.expiresAtMs >= lease.maxExpiresAtMs) {
        schedule(rt, now + ((lease.maxExpiresAtMs - now) * 2) / 3, () => reissue(rt));
      } else {
        schedule(rt, now + ((lease.expiresAtMs - now) * 2) / 3, () => renew(rt, lease));
      }
      return;
    }
    if (rt.fetched?.refreshAtMs !== undefined) {
      schedule(rt, rt.fetched.refreshAtMs, () => reissue(rt));
      return;
    }
    if ("secret" in rt.source && rt.source.version === undefined) {
      schedule(rt, now + config.staticRefreshSeconds * 1000, () => poll(rt));
    }
    // encrypt/decrypt results and pinned versions do not change.
  };

  const changedOutputs = async (rt: SourceRuntime) => {
    const changed = await render(rt);
    if (changed.files.length > 0 || changed.env) await deps.onChange(changed);
  };

  const renew = async (rt: SourceRuntime, lease: HeldLease) => {
    try {
      const renewed = await session.call((c) => c.renewLease(lease.id));
      const next: HeldLease = {
        id: lease.id,
        expiresAtMs: Number(renewed.expires_at_ms),
        maxExpiresAtMs: Number(renewed.max_expires_at_ms),
      };
      if (rt.fetched?.lease?.id === lease.id) rt.fetched.lease = next;
      else rt.adopted = next;
      hold(next);
      rt.failures = 0;
      rt.failing = undefined;
      logger.info({ lease: lease.id, expiresAtMs: next.expiresAtMs }, "lease renewed");
      await saveState();
      plan(rt);
    } catch (err) {
      // Gone, revoked or not renewable: a new credential replaces it.
      logger.warn({ lease: lease.id, err: (err as Error).message }, "renewal failed; re-issuing");
      await reissue(rt);
    }
  };

  const reissue = async (rt: SourceRuntime) => {
    let fetched: Fetched;
    try {
      fetched = await fetchSource(session, rt.source);
    } catch (err) {
      retryLater(rt, err, () => reissue(rt));
      return;
    }
    const old = rt.fetched?.lease ?? rt.adopted;
    rt.fetched = fetched;
    rt.adopted = undefined;
    hold(fetched.lease);
    rt.failures = 0;
    rt.failing = undefined;
    if (fetched.lease) {
      logger.info(
        { lease: fetched.lease.id, replaces: old?.id, expiresAtMs: fetched.lease.expiresAtMs },
        "credential issued",
      );
    }
    // The old lease is left to end at its max TTL (the app may still hold connections made
    // with it); it is revoked with the others if the agent stops first.
    await settle(rt);
  };

  /**
   * Saves the state and renders what `rt` now holds, then plans its next step. A failure here
   * (a file that cannot be written, a template the new value does not fit) retries this step
   * alone: the credential already issued is kept, not replaced by another one every retry.
   */
  const settle = async (rt: SourceRuntime) => {
    try {
      await saveState();
      await changedOutputs(rt);
      rt.failures = 0;
      rt.failing = undefined;
      plan(rt);
    } catch (err) {
      retryLater(rt, err, () => settle(rt));
    }
  };

  const poll = async (rt: SourceRuntime) => {
    try {
      const fetched = await fetchSource(session, rt.source);
      const before = rt.fetched?.version;
      rt.fetched = fetched;
      rt.failures = 0;
      rt.failing = undefined;
      if (fetched.version !== before) {
        logger.info(
          { source: describeSource(rt.source), version: fetched.version },
          "secret changed",
        );
        await changedOutputs(rt);
      }
      plan(rt);
    } catch (err) {
      retryLater(rt, err, () => poll(rt));
    }
  };

  /** Whether every file of `rt` exists, so an adopted lease needs no render. */
  const filesExist = async (rt: SourceRuntime) => {
    for (const out of rt.outputs) {
      if (out.kind !== "file") return false;
      if (!(await stat(out.target).catch(() => undefined))) return false;
    }
    return true;
  };

  return {
    async start({ adopt }) {
      const previous = adopt && config.stateFile ? await readState(config.stateFile) : [];
      // allSettled: every issue finishes (and is held, so a failed start can revoke it).
      const results = await Promise.allSettled(
        [...sources.values()].map(async (rt) => {
          const prior = previous.find((l) => l.source === rt.key);
          if (prior && prior.expiresAtMs > Date.now() + 1_000 && (await filesExist(rt))) {
            rt.adopted = {
              id: prior.id,
              expiresAtMs: prior.expiresAtMs,
              maxExpiresAtMs: prior.maxExpiresAtMs,
            };
            hold(rt.adopted);
            logger.info({ lease: prior.id }, "lease taken over from the init run");
            return;
          }
          try {
            rt.fetched = await fetchSource(session, rt.source);
          } catch (err) {
            throw new Error(`${describeSource(rt.source)}: ${(err as Error).message}`, {
              cause: err,
            });
          }
          hold(rt.fetched.lease);
          await render(rt);
        }),
      );
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
      await saveState();
    },
    keepUpdated() {
      for (const rt of sources.values()) plan(rt);
    },
    environment() {
      const env: Record<string, string> = {};
      for (const rt of sources.values()) {
        for (const out of rt.outputs) {
          if (out.kind === "env" && out.rendered !== undefined) env[out.target] = out.rendered;
        }
      }
      return env;
    },
    saveState,
    async stop({ revoke }) {
      stopped = true;
      for (const rt of sources.values()) clearTimeout(rt.timer);
      hold(undefined);
      if (!revoke || held.size === 0) return;
      const timeoutMs = config.revokeTimeoutSeconds * 1000;
      const ids = [...held.keys()];
      logger.info({ leases: ids }, "revoking leases");
      let timer: NodeJS.Timeout | undefined;
      const all = Promise.allSettled(
        ids.map(async (id) => {
          await session.call((c) => c.revokeLease(id, { deadlineMs: timeoutMs }));
          held.delete(id);
        }),
      );
      const timedOut = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), timeoutMs);
      });
      const outcome = await Promise.race([all, timedOut]);
      clearTimeout(timer);
      if (outcome === "timeout" || held.size > 0) {
        logger.warn({ leases: [...held.keys()] }, "leases not revoked; they end at their TTL");
      } else {
        logger.info({ count: ids.length }, "leases revoked");
      }
      if (config.stateFile) await rm(config.stateFile, { force: true });
    },
    health() {
      const failing: string[] = [];
      for (const rt of sources.values()) {
        if (rt.failing) failing.push(rt.failing);
        else if (!rt.fetched && !rt.adopted)
          failing.push(`${describeSource(rt.source)}: not fetched`);
      }
      return { ok: failing.length === 0, failing };
    },
  };
}
