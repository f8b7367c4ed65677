/**
 * Leases: issue, renew, revoke (now, at expiry, by prefix), forget, list, and the orphan sweep.
 *
 * Crash safety on issue: the lease (with the user name chosen up front) and its revocation job
 * are written *before* the user is created on the target. Whatever dies afterwards, the job
 * runs at expiry and removes the user, or finds it never existed ("not found" = revoked), and
 * the orphan sweeper never mistakes the user for an orphan while its lease exists.
 */
import type { AuditEmitter, AuditEventInput } from "@keyfrag/bus";
import {
  FailedPreconditionError,
  InvalidArgumentError,
  KeyfragError,
  NotFoundError,
} from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { CatalogStore } from "../catalog/catalog-store.js";
import type { DynamicSecretRecord } from "../catalog/catalog-types.js";
import {
  type Backends,
  type ClientInfo,
  CreateOutcomeUnknownError,
  randomString,
  UnrevocableError,
} from "./backends.js";
import type { LeaseRecord, LeaseStore } from "./lease-store.js";
import type { Revocations } from "./revocations.js";

/** The TTL a request may have: the producer's user TTL by default, never above its max. */
export function checkTtl(ds: DynamicSecretRecord, requested: number): number {
  if (!Number.isInteger(requested) || requested < 0)
    throw new InvalidArgumentError("ttl_seconds must be a whole number");
  if (requested > ds.maxTtlSeconds) {
    throw new InvalidArgumentError(
      `ttl_seconds ${requested} exceeds the max TTL of ${ds.name} (${ds.maxTtlSeconds} s)`,
    );
  }
  return requested || Math.min(ds.userTtlSeconds, ds.maxTtlSeconds);
}

export interface LeaseServiceDeps {
  catalog: Pick<CatalogStore, "getSecret" | "getTarget" | "allTargets">;
  store: LeaseStore;
  revocations: Pick<Revocations, "schedule" | "reschedule" | "dueNow" | "cancel">;
  backends: Backends;
  audit: Pick<AuditEmitter, "emit">;
  /** For the sweeper's per-target lock (several replicas sweep; one at a time per target). */
  redis: Redis;
  prefix: string;
  log: Logger;
  nodeId: string;
  /** A lease still failing to revoke after this long goes to the revoke-failed list. */
  revokeFailedAfterMs: number;
  /** How long a revoked lease stays readable (get, list --state revoked); 0: not at all. */
  revokedRetentionMs?: number;
}

const LEASE_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

/** What the gateway passes with a list request. */
export interface LeasePage {
  leases: LeaseRecord[];
  nextPageToken: string;
}

/** Creates the lease service. */
export function createLeaseService(deps: LeaseServiceDeps) {
  const { store, revocations, backends, log } = deps;
  const actor = { authMethod: "node", accessId: `producers:${deps.nodeId}` };

  /** Records an event; a lost one is logged (the action itself already happened). */
  async function record(event: AuditEventInput): Promise<void> {
    try {
      await deps.audit.emit({ actor, ...event });
    } catch (err) {
      log.error({ err, action: event.action, leaseId: event.leaseId }, "audit event not recorded");
    }
  }

  const secretOf = (name: string) =>
    deps.catalog.getSecret(name).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });

  /** Revokes a lease's credential and drops the lease; throws if the target refused. */
  async function revokeOnce(lease: LeaseRecord, reason: string): Promise<void> {
    const ds = await secretOf(lease.dynamicSecret);
    await backends.revoke(ds, lease);
    if (await store.remove(lease, deps.revokedRetentionMs ?? 0)) {
      await record({
        action: "lease.revoke",
        path: lease.dynamicSecret,
        result: "allowed",
        leaseId: lease.id,
        reason,
        fields: {
          externalId: lease.externalId,
          target: lease.target,
          attempts: String(lease.revokeAttempts + 1),
        },
      });
    }
  }

  /**
   * Notes a failed attempt on the lease; past the threshold it joins the revoke-failed list (at
   * once when retrying cannot help: UnrevocableError).
   */
  async function noteFailure(lease: LeaseRecord, err: unknown): Promise<void> {
    const now = Date.now();
    const message = err instanceof Error ? err.message : String(err);
    let crossing = false;
    // From the stored lease, not `lease`: an issue may have saved the external id meanwhile.
    const updated = await store.change(lease.id, (current) => {
      const failingSince = current.failingSinceMs || now;
      crossing =
        current.state !== "revoke-failed" &&
        (err instanceof UnrevocableError || now - failingSince >= deps.revokeFailedAfterMs);
      return {
        ...current,
        state: crossing || current.state === "revoke-failed" ? "revoke-failed" : "revoking",
        lastError: message.slice(0, 1_000),
        failingSinceMs: failingSince,
        revokeAttempts: current.revokeAttempts + 1,
      };
    });
    if (!updated) return;
    log.warn(
      { leaseId: lease.id, attempts: updated.revokeAttempts, err: message },
      "lease revocation failed; will retry",
    );
    if (crossing) {
      await record({
        action: "lease.revoke-failed",
        path: lease.dynamicSecret,
        result: "error",
        leaseId: lease.id,
        reason: updated.lastError,
        fields: {
          externalId: lease.externalId,
          target: lease.target,
          attempts: String(updated.revokeAttempts),
        },
      });
    }
  }

  /**
   * Revokes a credential made after its lease's revocation began. `gone`: the lease was already
   * removed (its revocation ran before the credential existed), so it is revoked here, and
   * written back for the revocation job if that fails; otherwise the job just runs now.
   */
  async function revokeLate(lease: LeaseRecord, gone: boolean): Promise<void> {
    if (!gone) {
      await revocations.dueNow(lease.id);
      return;
    }
    try {
      await revokeOnce(lease, "revoked while being issued");
    } catch (err) {
      log.warn({ leaseId: lease.id, err }, "a credential made after its lease was revoked");
      if (await store.create({ ...lease, expiresAtMs: Math.min(lease.expiresAtMs, Date.now()) })) {
        await noteFailure(lease, err);
        await revocations.dueNow(lease.id);
      } else {
        await record({
          action: "lease.revoke-failed",
          path: lease.dynamicSecret,
          result: "error",
          leaseId: lease.id,
          reason:
            `credential made after its lease was revoked could not be revoked: ${err instanceof Error ? err.message : String(err)}`.slice(
              0,
              1_000,
            ),
          fields: { externalId: lease.externalId, target: lease.target },
        });
      }
    }
  }

  return {
    checkTtl,

    /** Issues a credential of dynamic secret `name` under a new lease. */
    async issue(req: {
      name: string;
      ttlSeconds: number;
      input: unknown;
      client: ClientInfo;
      requestId?: string;
    }) {
      const ds = await deps.catalog.getSecret(req.name);
      if (ds.type === "ssh" || ds.type === "jwt") {
        throw new FailedPreconditionError(
          `${ds.name} is a ${ds.type} issuer, not a lease producer`,
        );
      }
      const ttl = checkTtl(ds, req.ttlSeconds);
      const now = Date.now();
      const lease: LeaseRecord = {
        id: `${ds.name}/${randomString(20, LEASE_TOKEN_CHARS)}`,
        dynamicSecret: ds.name,
        target: ds.target,
        type: ds.type,
        externalId: await backends.newUserName(ds),
        createdAtMs: now,
        expiresAtMs: now + ttl * 1_000,
        maxExpiresAtMs: now + ds.maxTtlSeconds * 1_000,
        state: "creating",
        lastError: "",
        failingSinceMs: 0,
        revokeAttempts: 0,
        accessId: req.client.accessId,
      };
      // Write-ahead: the lease and its revocation exist before the credential does. The lease
      // is written only while the dynamic secret exists (its deletion waits for no lease).
      if (!(await store.create(lease))) {
        throw new NotFoundError(`dynamic secret ${ds.name} not found`);
      }
      await revocations.schedule(lease);

      let issued: Awaited<ReturnType<Backends["create"]>>;
      try {
        issued = await backends.create(ds, lease, req.input, req.client);
      } catch (err) {
        if (err instanceof CreateOutcomeUnknownError) {
          // The webhook may have made a credential whose id we never got: say so on the lease
          // (revoke-failed, audited) instead of dropping it as if nothing existed.
          await noteFailure(
            lease,
            new UnrevocableError(
              `the create webhook did not answer (${err.message}); a credential it may have made has no known id: check the webhook, then ForgetLease`,
            ),
          );
          throw err;
        }
        if (lease.type === "custom") {
          // The webhook answered with an error: by its contract nothing was made.
          await store.remove(lease);
          await revocations.cancel(lease.id);
          throw err;
        }
        // Remove whatever part was made; if that fails too, the revocation job keeps trying.
        try {
          await backends.revoke(ds, lease);
          await store.remove(lease);
          await revocations.cancel(lease.id);
        } catch (cleanup) {
          await noteFailure(lease, cleanup);
          await revocations.dueNow(lease.id);
        }
        throw err;
      }
      // Saved with a compare-and-set: a revocation that came while the credential was being
      // made (RevokeLease, RevokeLeasesByPrefix, expiry) must not be overwritten by "active".
      const saved = await store.change(lease.id, (current) => ({
        ...current,
        externalId: issued.externalId,
        state: current.state === "creating" ? "active" : current.state,
      }));
      if (saved?.state !== "active") {
        await revokeLate({ ...lease, externalId: issued.externalId, state: "revoking" }, !saved);
        throw new FailedPreconditionError(
          `lease ${lease.id} was revoked while its credential was being made; the credential is not handed out`,
        );
      }
      const active = saved;
      try {
        await deps.audit.emit({
          actor,
          action: "lease.issue",
          path: ds.name,
          result: "allowed",
          leaseId: lease.id,
          ...(req.requestId ? { requestId: req.requestId } : {}),
          fields: {
            accessId: req.client.accessId,
            externalId: issued.externalId,
            target: ds.target,
            ttlSeconds: String(ttl),
          },
        });
      } catch (err) {
        // Fail closed: a credential nobody can trace is not handed out.
        await revokeOnce(active, "issue could not be audited").catch(async (e: unknown) => {
          await noteFailure(active, e);
          await revocations.dueNow(active.id);
        });
        throw err;
      }
      return { lease: active, value: issued.value };
    },

    /** Extends a lease (default: by the producer's user TTL from now), never past its max. */
    async renew(req: { leaseId: string; ttlSeconds: number }): Promise<LeaseRecord> {
      const lease = await store.require(req.leaseId);
      if (lease.state !== "active") {
        throw new FailedPreconditionError(
          `lease ${lease.id} is ${lease.state}; it cannot be renewed`,
        );
      }
      const ds = await deps.catalog.getSecret(lease.dynamicSecret);
      const ttl = checkTtl(ds, req.ttlSeconds);
      const now = Date.now();
      if (lease.maxExpiresAtMs <= now + 1_000) {
        throw new FailedPreconditionError(
          `lease ${lease.id} has reached its max TTL; ask for a new credential`,
        );
      }
      const expiresAtMs = Math.min(now + ttl * 1_000, lease.maxExpiresAtMs);
      await backends.renew(ds, lease, expiresAtMs);
      // Only while still active: a revocation that began meanwhile is not undone by a renewal.
      const renewed = await store.change(lease.id, (current) =>
        current.state === "active" ? { ...current, expiresAtMs } : undefined,
      );
      if (!renewed) {
        throw new FailedPreconditionError(
          `lease ${lease.id} is no longer active; it was not renewed`,
        );
      }
      await revocations.reschedule(renewed);
      await record({
        action: "lease.renew",
        path: lease.dynamicSecret,
        result: "allowed",
        leaseId: lease.id,
        fields: {
          expiresAtMs: String(expiresAtMs),
          capped: String(expiresAtMs < now + ttl * 1_000),
        },
      });
      return renewed;
    },

    /** Revokes a lease now; on failure it stays queued and the error says so. */
    async revoke(leaseId: string): Promise<LeaseRecord> {
      const lease = await store.get(leaseId);
      if (!lease) {
        // Revoked already (and kept as history): nothing more to do.
        const done = await store.getRevoked(leaseId);
        if (done) return done;
        throw new NotFoundError(`lease ${leaseId} not found`);
      }
      try {
        await revokeOnce(lease, "revoked on request");
      } catch (err) {
        await noteFailure(lease, err);
        await revocations.dueNow(lease.id);
        const why = err instanceof Error ? err.message : String(err);
        throw new FailedPreconditionError(
          `revocation of ${lease.id} failed (${why}); it stays queued and is retried until it succeeds`,
          { cause: err },
        );
      }
      await revocations.cancel(lease.id);
      return { ...lease, state: "revoked" };
    },

    /**
     * Makes every lease under `prefix` due now; returns how many. With `only`, just the leases of
     * those dynamic secrets (the ones the caller was allowed to revoke when the gateway checked).
     */
    async revokeByPrefix(prefix: string, only?: ReadonlySet<string>): Promise<number> {
      let after = "";
      let queued = 0;
      for (;;) {
        const ids = await store.ids(prefix, 500, after);
        if (ids.length === 0) break;
        after = ids.at(-1) ?? "";
        for (const lease of await store.many(ids)) {
          if (only && !only.has(lease.dynamicSecret)) continue;
          await store.change(lease.id, (current) =>
            current.state === "active" || current.state === "creating"
              ? {
                  ...current,
                  state: "revoking",
                  expiresAtMs: Math.min(current.expiresAtMs, Date.now()),
                }
              : undefined,
          );
          await revocations.dueNow(lease.id);
          queued++;
        }
      }
      await record({
        action: "lease.revoke-prefix",
        path: prefix,
        result: "allowed",
        fields: { queued: String(queued) },
      });
      return queued;
    },

    /** The revocation job's work for one lease. */
    async processDue(leaseId: string): Promise<{ notDueUntil?: number } | undefined> {
      const lease = await store.get(leaseId);
      if (!lease) return undefined;
      const pending = lease.state === "active" || lease.state === "creating";
      if (pending && lease.expiresAtMs > Date.now() + 250)
        return { notDueUntil: lease.expiresAtMs };
      try {
        await revokeOnce(lease, pending ? "expired" : "revoked on request");
      } catch (err) {
        await noteFailure(lease, err);
        throw err;
      }
      return undefined;
    },

    /** Drops a lease without revoking it (the operator takes over), audited. */
    async forget(leaseId: string): Promise<LeaseRecord> {
      const lease = await store.require(leaseId);
      await store.remove(lease);
      await revocations.cancel(lease.id);
      await record({
        action: "lease.forget",
        path: lease.dynamicSecret,
        result: "allowed",
        leaseId: lease.id,
        reason: "forgotten by an operator; the credential may still exist on the target",
        fields: { externalId: lease.externalId, target: lease.target, state: lease.state },
      });
      return lease;
    },

    /** A lease, or a revoked one's history while it is kept. */
    async get(leaseId: string): Promise<LeaseRecord> {
      const lease = (await store.get(leaseId)) ?? (await store.getRevoked(leaseId));
      if (!lease) throw new NotFoundError(`lease ${leaseId} not found`);
      return lease;
    },

    /** Leases under `prefix` (optionally in one state), in id order. */
    async list(req: {
      prefix: string;
      state: string;
      pageSize: number;
      pageToken: string;
    }): Promise<LeasePage> {
      const size = Math.min(Math.max(req.pageSize || 100, 1), 1000);
      const leases: LeaseRecord[] = [];
      let after = req.pageToken;
      if (req.state === "revoked") {
        // The revoked leases' history, kept for the retention period.
        for (let scanned = 0; leases.length < size && scanned < size * 20; ) {
          const ids = await store.revokedIds(req.prefix, size - leases.length, after);
          if (ids.length === 0) return { leases, nextPageToken: "" };
          scanned += ids.length;
          leases.push(...(await store.manyRevoked(ids)));
          after = ids.at(-1) ?? after;
        }
        return { leases, nextPageToken: after };
      }
      // A state filter may skip many; scan a bounded number per page and let the client go on.
      for (let scanned = 0; leases.length < size && scanned < size * 20; ) {
        const ids = await store.ids(req.prefix, size, after, req.state === "revoke-failed");
        if (ids.length === 0) return { leases, nextPageToken: "" };
        scanned += ids.length;
        for (const lease of await store.many(ids)) {
          after = lease.id;
          if (!req.state || lease.state === req.state) leases.push(lease);
          if (leases.length === size) break;
        }
        if (leases.length < size) after = ids.at(-1) ?? after;
      }
      return { leases, nextPageToken: after };
    },

    /**
     * Removes users with keyfrag's prefix on `targetName` that no lease accounts for. Users are
     * listed before the leases are read: a lease is always written before its user is created,
     * so a user seen in the listing whose lease exists is always found.
     */
    async sweep(
      targetName: string,
      reason = "requested",
    ): Promise<{ removed: string[]; failed: string[] }> {
      const lockKey = `${deps.prefix}:sweep-lock:${targetName}`;
      const lock = randomString(16);
      if ((await deps.redis.set(lockKey, lock, "PX", 120_000, "NX")) !== "OK") {
        throw new FailedPreconditionError(`target ${targetName} is being swept already`);
      }
      try {
        const { driver, users } = await backends.targetUsers(targetName);
        const live = await store.usersOf(targetName);
        const removed: string[] = [];
        const failed: string[] = [];
        for (const user of users) {
          if (live.has(user)) continue;
          try {
            await driver.revoke({ name: user, settings: {} });
            removed.push(user);
            await record({
              action: "lease.orphan-swept",
              path: targetName,
              result: "allowed",
              reason: `user ${user} had no live lease (${reason} sweep)`,
              fields: { externalId: user, target: targetName },
            });
          } catch (err) {
            failed.push(
              `${user}: ${err instanceof KeyfragError || err instanceof Error ? err.message : String(err)}`,
            );
          }
        }
        if (removed.length || failed.length)
          log.warn({ target: targetName, removed, failed }, "orphan sweep");
        return { removed, failed };
      } finally {
        // Compare-and-delete: never release a lock another sweeper took after ours expired.
        await deps.redis.eval(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
          1,
          lockKey,
          lock,
        );
      }
    },

    /** Sweeps every target (the periodic sweeper); errors are logged per target. */
    async sweepAll(): Promise<void> {
      for (const target of await deps.catalog.allTargets()) {
        await this.sweep(target, "scheduled").catch((err: unknown) =>
          log.warn({ err, target }, "orphan sweep of a target failed"),
        );
      }
    },
  };
}

export type LeaseService = ReturnType<typeof createLeaseService>;
