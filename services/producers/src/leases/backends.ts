/**
 * How a lease's credential is made, extended and removed, per dynamic secret type: a driver on
 * the target (PostgreSQL, MySQL/MariaDB, Redis) through the target's pool (../targets: its
 * credentials unsealed by the gateway once, kept a TTL after the last use), or the custom
 * producer's webhook with its unsealed payload.
 */
import { randomInt } from "node:crypto";
import { FailedPreconditionError, UnavailableError } from "@keyfrag/rpc";
import type { CatalogStore } from "../catalog/catalog-store.js";
import {
  type DynamicSecretRecord,
  SEAL_PURPOSE,
  type TargetRecord,
  type TargetType,
  userNamePrefix,
} from "../catalog/catalog-types.js";
import type { CredentialDriver, DriverFactory, ProducerSettings } from "../drivers/driver.js";
import { createWebhookClient } from "../drivers/webhook.js";
import type { GatewayPort } from "../gateway-port.js";
import { createTargetPools } from "../targets/target-pools.js";
import type { LeaseRecord } from "./lease-store.js";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `length` characters from `alphabet`, uniformly. */
export function randomString(length: number, alphabet = ALPHANUMERIC): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/**
 * A revocation that cannot succeed by retrying: what the lease's credential is (if one was made)
 * is not known, so nobody can tell the webhook to remove it. The lease goes to revoke-failed at
 * once, for an operator to check the webhook and then ForgetLease.
 */
export class UnrevocableError extends FailedPreconditionError {}

/** A create webhook gave no answer: it may have made a credential whose id keyfrag never saw. */
export class CreateOutcomeUnknownError extends UnavailableError {}

/** Whether a failed webhook call certainly never reached the webhook (connection refused). */
function refused(err: unknown): boolean {
  let cause: unknown = err;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    if ((cause as { code?: unknown }).code === "ECONNREFUSED") return true;
    cause = cause.cause;
  }
  return false;
}

export interface ClientInfo {
  accessId: string;
  subClaims: Record<string, string[]>;
}

export interface Issued {
  externalId: string;
  value: Record<string, unknown>;
}

export interface BackendsDeps {
  catalog: Pick<CatalogStore, "getTarget">;
  gateway: Pick<GatewayPort, "unseal">;
  drivers: Readonly<Record<TargetType, DriverFactory>>;
  /** A short-lived token for a webhook call to `url` on behalf of producer `producer`. */
  webhookToken: (producer: string, url: string) => Promise<string>;
  /** How long a target's pool and unsealed credentials outlive their last use (default 60 s). */
  targetCredentialsTtlMs?: number;
  /** Admin connections per target (default 4). */
  targetPoolSize?: number;
}

/** The credential operations of every dynamic secret type. */
export function createBackends(deps: BackendsDeps) {
  const pools = createTargetPools({
    catalog: deps.catalog,
    gateway: deps.gateway,
    drivers: deps.drivers,
    ttlMs: deps.targetCredentialsTtlMs ?? 60_000,
    poolSize: deps.targetPoolSize ?? 4,
  });

  /** A driver whose every operation runs through the target's pool. */
  function pooledDriver(targetName: string): CredentialDriver {
    return {
      create: (req) => pools.use(targetName, (_, driver) => driver.create(req)),
      renew: (req) => pools.use(targetName, (_, driver) => driver.renew(req)),
      revoke: (req) => pools.use(targetName, (_, driver) => driver.revoke(req)),
      listUsers: (prefix) => pools.use(targetName, (_, driver) => driver.listUsers(prefix)),
    };
  }

  function settingsOf(ds: DynamicSecretRecord): ProducerSettings {
    if (ds.producer.kind === "sql") return ds.producer.sql;
    if (ds.producer.kind === "redis") return { aclRules: ds.producer.aclRules };
    return {};
  }

  async function webhook(ds: DynamicSecretRecord) {
    if (ds.producer.kind !== "custom")
      throw new FailedPreconditionError(`${ds.name} is not a custom producer`);
    const custom = ds.producer.custom;
    const payload = await deps.gateway.unseal(
      custom.keyName,
      SEAL_PURPOSE.payload,
      ds.name,
      Buffer.from(custom.sealedPayload, "base64"),
    );
    const client = createWebhookClient({
      createUrl: custom.createUrl,
      revokeUrl: custom.revokeUrl,
      ...(custom.rotateUrl ? { rotateUrl: custom.rotateUrl } : {}),
      timeoutMs: (custom.timeoutSeconds || 15) * 1_000,
      token: () => deps.webhookToken(ds.name, custom.createUrl),
    });
    return { client, payload: payload.toString("utf8") };
  }

  return {
    /** The user name a new lease on `ds` will have (chosen before anything is created). */
    async newUserName(ds: DynamicSecretRecord): Promise<string> {
      if (!ds.target) return "";
      const target = await deps.catalog.getTarget(ds.target);
      return `${userNamePrefix(target)}${randomString(12, LOWER)}`;
    },

    async create(
      ds: DynamicSecretRecord,
      lease: LeaseRecord,
      input: unknown,
      client: ClientInfo,
    ): Promise<Issued> {
      if (ds.producer.kind === "custom") {
        const { client: hook, payload } = await webhook(ds);
        let created: Awaited<ReturnType<typeof hook.create>>;
        try {
          created = await hook.create({ payload, input, clientInfo: client });
        } catch (err) {
          if (err instanceof UnavailableError && !refused(err)) {
            throw new CreateOutcomeUnknownError(err.message, { cause: err });
          }
          throw err;
        }
        return { externalId: created.id, value: { id: created.id, response: created.response } };
      }
      const password = randomString(32);
      const { target, credentials } = await pools.use(ds.target, async (target, driver) => ({
        target,
        credentials: await driver.create({
          name: lease.externalId,
          password,
          expiresAt: new Date(lease.expiresAtMs),
          settings: settingsOf(ds),
        }),
      }));
      return {
        externalId: lease.externalId,
        value: { ...connectionHints(target), ...credentials },
      };
    },

    async renew(ds: DynamicSecretRecord, lease: LeaseRecord, expiresAtMs: number): Promise<void> {
      if (ds.producer.kind === "custom" || !lease.externalId) return;
      await pooledDriver(ds.target).renew({
        name: lease.externalId,
        expiresAt: new Date(expiresAtMs),
        settings: settingsOf(ds),
      });
    },

    /** Removes the lease's credential; resolves if it is gone (or never existed). */
    async revoke(ds: DynamicSecretRecord | undefined, lease: LeaseRecord): Promise<void> {
      if (lease.type === "custom") {
        // A custom lease without an id: its create webhook may have made a credential (the
        // service stopped, or the webhook did not answer, before the id was saved). Calling
        // that revoked would leave it alive without anyone knowing.
        if (!lease.externalId) {
          throw new UnrevocableError(
            `the webhook's id for lease ${lease.id} was never recorded: a credential it may have created cannot be revoked by keyfrag; check the webhook, then ForgetLease`,
          );
        }
        if (!ds) {
          throw new UnrevocableError(
            `dynamic secret ${lease.dynamicSecret} is gone: its webhook cannot be called to revoke ${lease.externalId}; revoke it at the webhook, then ForgetLease`,
          );
        }
        const { client: hook, payload } = await webhook(ds);
        const revoked = await hook.revoke(payload, [lease.externalId]);
        if (!revoked.includes(lease.externalId)) {
          throw new FailedPreconditionError(
            `the webhook did not report ${lease.externalId} revoked`,
          );
        }
        return;
      }
      if (!lease.externalId) return;
      await pooledDriver(lease.target).revoke({
        name: lease.externalId,
        settings: ds ? settingsOf(ds) : {},
      });
    },

    /** Has a custom producer's webhook rotate its payload; the new payload, unsealed. */
    async rotatePayload(ds: DynamicSecretRecord): Promise<string> {
      const { client: hook, payload } = await webhook(ds);
      if (!hook.rotate) throw new FailedPreconditionError(`${ds.name} has no rotate_url`);
      return hook.rotate(payload);
    },

    /** Users with keyfrag's prefix on `targetName`, and a driver to remove them with. */
    async targetUsers(targetName: string) {
      const users = await pools.use(targetName, (target, driver) =>
        driver.listUsers(userNamePrefix(target)),
      );
      return { driver: pooledDriver(targetName), users };
    },

    /** Closes the target's pool and drops its credentials now (its credentials changed or it is gone). */
    dropTarget: (name: string) => pools.drop(name),

    /** Closes every target's pool (shutdown). */
    close: () => pools.close(),

    /** Which targets' credentials are in memory, and how many Unseals were started (tests). */
    targetPoolStats: () => pools.stats(),
  };
}

/** The port a driver connects to when the target names none. */
const DEFAULT_PORTS: Record<string, string> = { postgresql: "5432", mysql: "3306", redis: "6379" };

/**
 * Where to connect with the issued credential (non-secret parts of the target): host, port —
 * the driver's default when the target names none, so it is always there — and database.
 */
export function connectionHints(
  target: Pick<TargetRecord, "type" | "connection">,
): Record<string, string> {
  const hints: Record<string, string> = {};
  for (const key of ["host", "port", "database"]) {
    const value = target.connection[key] || (key === "port" ? DEFAULT_PORTS[target.type] : "");
    if (value) hints[key] = value;
  }
  return hints;
}

export type Backends = ReturnType<typeof createBackends>;
