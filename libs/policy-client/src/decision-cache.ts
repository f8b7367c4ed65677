import { type NatsConnection, subjects } from "@keyfrag/bus";
import { call, type Identity, type PolicyClient, type Rule__Output } from "@keyfrag/rpc";

/** A policy decision as the gateway needs it. */
export interface PolicyDecision {
  allowed: boolean;
  /** The role and rule that decided; empty / null when denied by default. */
  role: string;
  rule: Rule__Output | null;
  reason: string;
}

export interface PolicyDecisionCacheOptions {
  /** A `keyfrag.v1.Policy` client (see `createPolicyClient` in @keyfrag/rpc). */
  policy: PolicyClient;
  /** Where `policyChanged` events arrive. */
  nc: NatsConnection;
  /** The cluster's subject prefix (KF_CLUSTER). */
  cluster: string;
  /** How long a decision may be reused when no change event arrives. */
  ttlMs: number;
  /** Most decisions kept; the oldest go first (default 10 000). */
  maxEntries?: number;
  /** Deadline of each Authorize call (default 5 s). */
  deadlineMs?: number;
}

export interface PolicyDecisionCache {
  /** The decision for (identity, ruleType, path, capability), from the cache when still fresh. */
  authorize(
    identity: Identity,
    ruleType: string,
    path: string,
    capability: string,
  ): Promise<PolicyDecision>;
  /** Forgets every decision. */
  clear(): void;
  /** Number of decisions held (for tests and metrics). */
  readonly size: number;
  close(): Promise<void>;
}

interface Entry {
  decision: PolicyDecision;
  expiresAt: number;
}

/**
 * Caches policy decisions per (identity with sorted sub-claims, rule type, path, capability)
 * for `ttlMs`. The whole cache drops on every policyChanged event, and while NATS is
 * disconnected it is bypassed and emptied, since change events may be missed. Errors are never
 * cached: a failed Authorize rejects, and the caller must treat that as a deny.
 */
export function createPolicyDecisionCache(
  options: PolicyDecisionCacheOptions,
): PolicyDecisionCache {
  const { policy, nc, ttlMs } = options;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<PolicyDecision>>();
  // Bumped on every drop: an answer that was in flight during a change is not cached, since
  // the policy service may have decided before the change landed.
  let generation = 0;
  let connected = !nc.isClosed();
  let closed = false;

  const drop = () => {
    generation++;
    entries.clear();
    inFlight.clear();
  };

  const sub = nc.subscribe(subjects(options.cluster).policyChanged, { callback: drop });
  const statuses = nc.status();
  void (async () => {
    for await (const status of statuses) {
      if (status.type === "disconnect" || status.type === "reconnecting") {
        connected = false;
        drop();
      } else if (status.type === "reconnect") {
        // Events published while we were away are lost: start over.
        drop();
        connected = true;
      } else if (status.type === "close") {
        connected = false;
        drop();
      }
    }
  })().catch(() => undefined);

  async function fetch(
    identity: Identity,
    ruleType: string,
    path: string,
    capability: string,
  ): Promise<PolicyDecision> {
    const response = await call(
      policy,
      "Authorize",
      { identity, rule_type: ruleType, path, capability },
      { deadlineMs: options.deadlineMs ?? 5_000 },
    );
    return {
      allowed: response.allowed,
      role: response.role_name,
      rule: response.rule,
      reason: response.reason,
    };
  }

  return {
    authorize(identity, ruleType, path, capability) {
      if (closed || !connected) return fetch(identity, ruleType, path, capability);
      const key = cacheKey(identity, ruleType, path, capability);
      const hit = entries.get(key);
      if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit.decision);
      if (hit) entries.delete(key);
      const pending = inFlight.get(key);
      if (pending) return pending;

      const startedIn = generation;
      const request = fetch(identity, ruleType, path, capability).finally(() => {
        if (inFlight.get(key) === request) inFlight.delete(key);
      });
      inFlight.set(key, request);
      return request.then((decision) => {
        if (generation === startedIn && connected && !closed) {
          if (entries.size >= maxEntries) {
            const oldest = entries.keys().next();
            if (!oldest.done) entries.delete(oldest.value);
          }
          entries.set(key, { decision, expiresAt: Date.now() + ttlMs });
        }
        return decision;
      });
    },
    clear: drop,
    get size() {
      return entries.size;
    },
    async close() {
      closed = true;
      drop();
      sub.unsubscribe();
      // nats.js returns a stoppable iterator; the connection itself is not ours to close.
      (statuses as Partial<{ stop(): void }>).stop?.();
    },
  };
}

/**
 * The identity part of a cache key, for identities that cannot change: the gateway hands the
 * same frozen identity to every request of one token, so its key is worked out once.
 */
const identityKeys = new WeakMap<Identity, string>();

/** Whether nothing of `identity` can change any more (it, its sub-claims and their lists). */
function deeplyFrozen(identity: Identity): boolean {
  const claims = identity.sub_claims;
  if (!Object.isFrozen(identity) || (claims && !Object.isFrozen(claims))) return false;
  for (const list of Object.values(claims ?? {})) {
    if (list && (!Object.isFrozen(list) || (list.values && !Object.isFrozen(list.values))))
      return false;
  }
  return true;
}

/** The identity in a canonical order (sub-claim names and their values sorted), as JSON. */
function identityKey(identity: Identity): string {
  const known = identityKeys.get(identity);
  if (known !== undefined) return known;
  const claims = Object.entries(identity.sub_claims ?? {})
    .map(([claim, list]) => [claim, [...(list?.values ?? [])].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify([
    identity.access_id ?? "",
    identity.auth_method ?? "",
    identity.auth_type ?? "",
    claims,
  ]);
  if (deeplyFrozen(identity)) identityKeys.set(identity, key);
  return key;
}

/**
 * The cache key: everything a decision depends on, in a canonical order, so equal identities
 * share entries and different ones never do (two JSON arrays: the first ends where it closes).
 */
export function cacheKey(
  identity: Identity,
  ruleType: string,
  path: string,
  capability: string,
): string {
  return identityKey(identity) + JSON.stringify([ruleType, path, capability]);
}
