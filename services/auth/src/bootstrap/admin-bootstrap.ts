/**
 * The first start of a cluster: an admin access key and an `admin` role that may do everything,
 * so a new cluster is usable while nothing is open by default. Runs once per cluster (a Redis
 * marker), on whichever auth replica takes the lock; the role lives in the policy service and
 * is set up over gRPC as the `auth` node role.
 */
import type { AuditEmitter } from "@keyfrag/bus";
import {
  ConflictError,
  call,
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

export interface AdminCredentials {
  accessId: string;
  accessKey: string;
}

export interface BootstrapDeps {
  redis: Redis;
  /** The auth service's Redis prefix (KF_REDIS_PREFIX). */
  prefix: string;
  methods: Pick<MethodService, "create" | "delete">;
  policy: PolicyClient;
  audit: Pick<AuditEmitter, "emit">;
  /** This replica's id, kept in the lock so operators can see who holds it. */
  nodeId: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Pause between attempts to reach the policy service (default 1 s). */
  retryMs?: number;
  /** Give up after this long (default 10 minutes); the next start tries again. */
  timeoutMs?: number;
}

interface Marker {
  state: "pending" | "done";
  accessId: string;
  at: number;
}

/**
 * Bootstraps the admin if this cluster never was. Resolves with the new credentials (to be
 * shown once), or undefined when the cluster is bootstrapped already or another replica is
 * doing it now. A crash midway is finished by the next start: the half-made access key (whose
 * secret nobody ever saw) is deleted and a new one made.
 */
export async function bootstrapAdmin(deps: BootstrapDeps): Promise<AdminCredentials | undefined> {
  const markerKey = `${deps.prefix}:bootstrap`;
  const lockKey = `${deps.prefix}:bootstrap:lock`;
  const timeoutMs = deps.timeoutMs ?? 600_000;
  if (readMarker(await deps.redis.get(markerKey))?.state === "done") return undefined;
  const locked = await deps.redis.set(lockKey, deps.nodeId, "PX", timeoutMs + 60_000, "NX");
  if (locked !== "OK") return undefined;
  try {
    const marker = readMarker(await deps.redis.get(markerKey));
    if (marker?.state === "done") return undefined;
    const ctx = { caller: `auth:${deps.nodeId}` };
    if (marker?.state === "pending") {
      await deps.methods
        .delete({ name: "", access_id: marker.accessId }, ctx)
        .catch((err: unknown) => {
          if (!(err instanceof NotFoundError)) throw err;
        });
    }
    const created = await createAdminMethod(deps, ctx);
    const accessKey = created.accessKey;
    if (!accessKey) throw new Error("an access-key method came back without its key");
    const accessId = created.method.accessId;
    await deps.redis.set(markerKey, JSON.stringify({ state: "pending", accessId, at: Date.now() }));

    await untilReachable(deps, timeoutMs, () => grantAdminRole(deps.policy, accessId));

    await deps.audit.emit({
      actor: { accessId, authMethod: created.method.name },
      action: "auth.bootstrap",
      path: `/${ADMIN_ROLE}`,
      result: "allowed",
      fields: { caller: ctx.caller, role: ADMIN_ROLE },
    });
    await deps.redis.set(markerKey, JSON.stringify({ state: "done", accessId, at: Date.now() }));
    deps.log.info({ accessId }, "bootstrapped the admin access key and role");
    return { accessId, accessKey };
  } finally {
    await deps.redis.del(lockKey);
  }
}

async function createAdminMethod(
  deps: BootstrapDeps,
  ctx: { caller: string },
): ReturnType<MethodService["create"]> {
  const request = (name: string) => ({
    name,
    description: "created by the cluster bootstrap",
    token_ttl_seconds: 0,
    access_key: { bound_cidrs: [] },
    method: "access_key" as const,
  });
  try {
    return await deps.methods.create(request(ADMIN_METHOD), ctx);
  } catch (err) {
    // Someone made a method called "admin" by hand; do not take it over.
    if (!(err instanceof ConflictError)) throw err;
    const name = `${ADMIN_METHOD}-${Date.now().toString(36)}`;
    deps.log.warn({ name }, `an auth method named ${ADMIN_METHOD} exists; using another name`);
    return deps.methods.create(request(name), ctx);
  }
}

/** Creates the admin role (or finds it), grants it everything, and associates the access id. */
async function grantAdminRole(policy: PolicyClient, accessId: string): Promise<void> {
  await call(policy, "CreateRole", {
    name: ADMIN_ROLE,
    description: "full access; created by the cluster bootstrap",
  }).catch((err: KeyfragError) => {
    if (!(err instanceof ConflictError)) throw err;
  });
  for (const ruleType of ADMIN_RULE_TYPES) {
    await call(policy, "SetRoleRule", {
      role_name: ADMIN_ROLE,
      rule: { rule_type: ruleType, path: "/*", capabilities: ADMIN_CAPABILITIES },
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
}

/** Runs `step` until it succeeds; only "cannot reach the policy service yet" is retried. */
async function untilReachable(
  deps: BootstrapDeps,
  timeoutMs: number,
  step: () => Promise<void>,
): Promise<void> {
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

function readMarker(raw: string | null): Marker | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Marker;
  } catch {
    return undefined;
  }
}
