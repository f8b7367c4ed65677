/**
 * The first start of a cluster: an admin access key and an `admin` role that may do everything,
 * so a new cluster is usable while nothing is open by default. Runs once per cluster (a Redis
 * marker), on whichever auth replica takes the lock; the role lives in the policy service and
 * is set up over gRPC as the `auth` node role. The access key is shown exactly once, in a 0600
 * file, and never in a log.
 */
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { AuditEmitter } from "@keyfrag/bus";
import {
  ConflictError,
  call,
  FailedPreconditionError,
  type KeyfragError,
  NotFoundError,
  type PolicyClient,
} from "@keyfrag/rpc";
import type { Redis } from "ioredis";
import type { MethodService } from "../methods/method-service.js";

export const ADMIN_ROLE = "admin";
export const ADMIN_METHOD = "admin";
/** Every rule type, each granted everything but deny on every path. */
const ADMIN_RULE_TYPES = ["item", "auth-method", "role", "audit"] as const;
const ADMIN_CAPABILITIES = ["create", "read", "update", "delete", "list"];

export interface BootstrapDeps {
  redis: Redis;
  /** The auth service's Redis prefix (KF_REDIS_PREFIX). */
  prefix: string;
  methods: Pick<MethodService, "create" | "delete">;
  policy: PolicyClient;
  audit: Pick<AuditEmitter, "emit">;
  /** Where the admin credentials are written (created 0600, never overwritten). */
  credentialsFile: string;
  /** This replica's id, kept in the lock so operators can see who holds it. */
  nodeId: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Pause between attempts to reach the policy service (default 1 s). */
  retryMs?: number;
  /** Give up after this long (default 10 minutes); the next start tries again. */
  timeoutMs?: number;
}

/**
 * Progress, so a crash at any point is finished by the next start:
 * creating → (method made) pending{accessId} → (role granted) pending{accessId, roleGranted}
 * → (file written) done.
 */
interface Marker {
  state: "creating" | "pending" | "done";
  accessId?: string;
  /** The bootstrap created the admin role (so a retry may reuse it). */
  roleCreated?: boolean;
  at: number;
}

export type BootstrapOutcome = "bootstrapped" | "already-done" | "in-progress-elsewhere";

/**
 * Bootstraps the admin if this cluster never was. The access key goes only to
 * `credentialsFile`; if that file exists already (a stale one from another cluster), the
 * bootstrap stops with an error naming it and the next start retries.
 */
export async function bootstrapAdmin(deps: BootstrapDeps): Promise<BootstrapOutcome> {
  const markerKey = `${deps.prefix}:bootstrap`;
  const lockKey = `${deps.prefix}:bootstrap:lock`;
  const timeoutMs = deps.timeoutMs ?? 600_000;
  if (readMarker(await deps.redis.get(markerKey))?.state === "done") return "already-done";
  const lockToken = `${deps.nodeId}:${randomUUID()}`;
  const locked = await deps.redis.set(lockKey, lockToken, "PX", timeoutMs + 60_000, "NX");
  if (locked !== "OK") return "in-progress-elsewhere";
  const save = (marker: Omit<Marker, "at">) =>
    deps.redis.set(markerKey, JSON.stringify({ ...marker, at: Date.now() }));
  try {
    let marker = readMarker(await deps.redis.get(markerKey));
    if (marker?.state === "done") return "already-done";
    const ctx = { caller: `auth:${deps.nodeId}` };
    const roleCreated = marker?.roleCreated ?? false;

    // A previous attempt wrote the file and crashed before marking done: finish it.
    if (marker?.state === "pending" && marker.accessId) {
      const written = await readCredentials(deps.credentialsFile);
      if (written?.access_id === marker.accessId) {
        await finish(deps, marker.accessId, ctx.caller);
        await save({ state: "done", accessId: marker.accessId, roleCreated });
        return "bootstrapped";
      }
    }
    // Otherwise nobody ever saw the half-made key: remove it and its association, start over.
    if (marker?.state === "pending" && marker.accessId) {
      await removeMethod(deps, { name: "", access_id: marker.accessId }, ctx);
      await untilReachable(deps, timeoutMs, () => dropAssociations(deps.policy, marker?.accessId));
    } else if (marker?.state === "creating") {
      await removeMethod(deps, { name: ADMIN_METHOD, access_id: "" }, ctx);
    }
    marker = { state: "creating", roleCreated, at: Date.now() };
    await save(marker);
    const created = await deps.methods
      .create(
        {
          name: ADMIN_METHOD,
          description: "created by the cluster bootstrap",
          token_ttl_seconds: 0,
          access_key: { bound_cidrs: [] },
          method: "access_key",
        },
        ctx,
      )
      .catch(async (err: unknown) => {
        if (!(err instanceof ConflictError)) throw err;
        // Someone else's method: never ours to delete on a retry.
        await deps.redis.del(markerKey);
        throw new FailedPreconditionError(
          `an auth method named ${ADMIN_METHOD} exists that the bootstrap did not create; delete it and restart auth`,
        );
      });
    const accessKey = created.accessKey;
    if (!accessKey) throw new Error("an access-key method came back without its key");
    const accessId = created.method.accessId;
    await save({ state: "pending", accessId, roleCreated });

    const createdRole = await untilReachable(deps, timeoutMs, () =>
      grantAdminRole(deps.policy, accessId, roleCreated),
    );
    await save({ state: "pending", accessId, roleCreated: roleCreated || createdRole });
    await writeFile(
      deps.credentialsFile,
      `${JSON.stringify({ access_id: accessId, access_key: accessKey }, null, 2)}\n`,
      { mode: 0o600, flag: "wx" },
    ).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw err;
      throw new FailedPreconditionError(
        `${deps.credentialsFile} exists (from an earlier cluster?): move it away and restart`,
      );
    });
    await finish(deps, accessId, ctx.caller);
    await save({ state: "done", accessId, roleCreated: true });
    deps.log.info(
      { accessId, credentialsFile: deps.credentialsFile },
      "bootstrapped the admin access key and role",
    );
    return "bootstrapped";
  } finally {
    // Only our own lock: it may have expired and been taken by another replica meanwhile.
    await deps.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
      1,
      lockKey,
      lockToken,
    );
  }
}

async function finish(deps: BootstrapDeps, accessId: string, caller: string): Promise<void> {
  await deps.audit.emit({
    actor: { accessId, authMethod: ADMIN_METHOD },
    action: "auth.bootstrap",
    path: `/${ADMIN_ROLE}`,
    result: "allowed",
    fields: { caller, role: ADMIN_ROLE },
  });
}

async function removeMethod(
  deps: BootstrapDeps,
  ref: { name: string; access_id: string },
  ctx: { caller: string },
): Promise<void> {
  await deps.methods.delete(ref, ctx).catch((err: unknown) => {
    if (!(err instanceof NotFoundError)) throw err;
  });
}

async function dropAssociations(policy: PolicyClient, accessId: string | undefined): Promise<void> {
  if (!accessId) return;
  const stale = await call(policy, "ListAssociations", { role_name: "", access_id: accessId });
  for (const a of stale.associations) await call(policy, "DeleteAssociation", { id: a.id });
}

/**
 * Creates the admin role, grants it everything and associates the access id. Resolves true
 * when it created the role. A role called admin that the bootstrap did not create is not taken
 * over (its deny rules would win and its other members would gain everything).
 */
async function grantAdminRole(
  policy: PolicyClient,
  accessId: string,
  roleIsOurs: boolean,
): Promise<boolean> {
  let created = false;
  try {
    await call(policy, "CreateRole", {
      name: ADMIN_ROLE,
      description: "full access; created by the cluster bootstrap",
    });
    created = true;
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    if (!roleIsOurs) {
      throw new FailedPreconditionError(
        `a role named ${ADMIN_ROLE} exists that the bootstrap did not create; delete it and restart auth`,
      );
    }
  }
  for (const ruleType of ADMIN_RULE_TYPES) {
    await call(policy, "SetRoleRule", {
      role_name: ADMIN_ROLE,
      rule: {
        rule_type: ruleType,
        path: "/*",
        // sign is an item capability (DFC keys); the other rule types have nothing to sign.
        capabilities: ruleType === "item" ? [...ADMIN_CAPABILITIES, "sign"] : ADMIN_CAPABILITIES,
      },
    });
  }
  const existing = await call(policy, "ListAssociations", {
    role_name: ADMIN_ROLE,
    access_id: accessId,
  });
  if (existing.associations.length === 0) {
    await call(policy, "AssocRoleAuthMethod", {
      role_name: ADMIN_ROLE,
      access_id: accessId,
      sub_claims: {},
      case_sensitive: false,
    });
  }
  return created;
}

/** Runs `step` until it succeeds; only "cannot reach the policy service yet" is retried. */
async function untilReachable<T>(
  deps: BootstrapDeps,
  timeoutMs: number,
  step: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      const code = (err as Partial<KeyfragError>).code;
      if ((code !== "unavailable" && code !== "deadline-exceeded") || Date.now() > deadline) {
        throw err;
      }
      if (attempt === 1) deps.log.warn({ err }, "waiting for the policy service to bootstrap");
      await new Promise((resolve) => setTimeout(resolve, deps.retryMs ?? 1_000));
    }
  }
}

async function readCredentials(file: string): Promise<{ access_id?: string } | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as { access_id?: string };
  } catch {
    return undefined;
  }
}

function readMarker(raw: string | null): Marker | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Marker;
  } catch {
    return undefined;
  }
}
