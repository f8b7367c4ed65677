/** The `keyfrag.v1.Producers` gRPC service: the gateway's way in (it authorized and audited). */
import {
  type ClientInfo__Output,
  type DynamicSecret,
  forRoles,
  InvalidArgumentError,
  type Lease,
  type Logger,
  type NodeRole,
  type ProducersHandlers,
  type Target,
} from "@keyfrag/rpc";
import type { CatalogService } from "./catalog/catalog-service.js";
import type { CatalogStore } from "./catalog/catalog-store.js";
import type { DynamicSecretRecord, TargetRecord } from "./catalog/catalog-types.js";
import type { Issuers } from "./issuers/issuers.js";
import type { ClientInfo } from "./leases/backends.js";
import type { LeaseService } from "./leases/lease-service.js";
import type { LeaseRecord } from "./leases/lease-store.js";

const CALLERS = ["gateway"] as const satisfies readonly NodeRole[];
const MAX_ARGS_JSON = 64 * 1024;

export function targetMessage(t: TargetRecord): Target {
  return {
    name: t.name,
    type: t.type,
    connection: t.connection,
    description: t.description,
    key_name: t.keyName,
    user_prefix: t.userPrefix,
    created_at_ms: t.createdAtMs,
  };
}

export function dynamicSecretMessage(d: DynamicSecretRecord): DynamicSecret {
  const base: DynamicSecret = {
    name: d.name,
    type: d.type,
    target: d.target,
    user_ttl_seconds: d.userTtlSeconds,
    max_ttl_seconds: d.maxTtlSeconds,
    description: d.description,
    created_at_ms: d.createdAtMs,
  };
  const p = d.producer;
  switch (p.kind) {
    case "sql":
      return {
        ...base,
        sql: {
          creation_statements: p.sql.creationStatements,
          revocation_statements: p.sql.revocationStatements,
          renew_statements: p.sql.renewStatements,
        },
      };
    case "redis":
      return { ...base, redis: { acl_rules: p.aclRules } };
    case "ssh":
      return {
        ...base,
        ssh: {
          ca_key_name: p.ssh.caKeyName,
          allowed_principals: p.ssh.allowedPrincipals,
          default_principals: p.ssh.defaultPrincipals,
          extensions: p.ssh.extensions,
          critical_options: p.ssh.criticalOptions,
        },
      };
    case "jwt":
      return {
        ...base,
        jwt: {
          key_name: p.jwt.keyName,
          issuer: p.jwt.issuer,
          audience: p.jwt.audience,
          claims_template: p.jwt.claimsTemplate,
        },
      };
    case "custom":
      // The payload stays sealed and is never returned.
      return {
        ...base,
        custom: {
          create_url: p.custom.createUrl,
          revoke_url: p.custom.revokeUrl,
          rotate_url: p.custom.rotateUrl,
          key_name: p.custom.keyName,
          timeout_seconds: p.custom.timeoutSeconds,
        },
      };
  }
}

export function leaseMessage(l: LeaseRecord): Lease {
  return {
    id: l.id,
    dynamic_secret: l.dynamicSecret,
    target: l.target,
    type: l.type,
    external_id: l.externalId,
    created_at_ms: l.createdAtMs,
    expires_at_ms: l.expiresAtMs,
    max_expires_at_ms: l.maxExpiresAtMs,
    state: l.state,
    last_error: l.lastError,
    failing_since_ms: l.failingSinceMs,
    revoke_attempts: l.revokeAttempts,
    access_id: l.accessId,
    revoked_at_ms: l.revokedAtMs ?? 0,
  };
}

function clientOf(client: ClientInfo__Output | null): ClientInfo {
  if (!client?.access_id) throw new InvalidArgumentError("client.access_id is required");
  return {
    accessId: client.access_id,
    subClaims: Object.fromEntries(Object.entries(client.sub_claims).map(([k, v]) => [k, v.values])),
  };
}

function argsOf(json: string): unknown {
  if (!json) return {};
  if (json.length > MAX_ARGS_JSON)
    throw new InvalidArgumentError(`args_json is longer than ${MAX_ARGS_JSON} characters`);
  try {
    return JSON.parse(json);
  } catch {
    throw new InvalidArgumentError("args_json is not valid JSON");
  }
}

const leaseIdOf = (value: string) => {
  if (!value?.startsWith("/") || !value.includes("/", 1)) {
    throw new InvalidArgumentError("lease_id must be a lease id (<dynamic secret>/<random>)");
  }
  return value;
};

/** The handlers of `keyfrag.v1.Producers`. */
export function producersHandlers(deps: {
  catalog: CatalogService;
  store: CatalogStore;
  leases: LeaseService;
  issuers: Issuers;
  /** Rotates a custom producer's payload through its webhook (see catalog-service). */
  rotatePayload: (name: string) => Promise<DynamicSecretRecord>;
  logger: Logger;
}): ProducersHandlers {
  const { catalog, store, leases, issuers, rotatePayload, logger } = deps;
  const handle = forRoles(CALLERS, logger);

  return {
    CreateTarget: handle(async (req) => targetMessage(await catalog.createTarget(req))),
    GetTarget: handle(async (req) => targetMessage(await store.getTarget(req.name))),
    ListTargets: handle(async (req) => {
      const page = await store.listTargets(req.prefix, req.page_size, req.page_token);
      return { targets: page.records.map(targetMessage), next_page_token: page.nextPageToken };
    }),
    UpdateTarget: handle(async (req) => targetMessage(await catalog.updateTarget(req))),
    DeleteTarget: handle(async (req) => targetMessage(await store.deleteTarget(req.name))),

    CreateDynamicSecret: handle(async (req) =>
      dynamicSecretMessage(await catalog.createDynamicSecret(req)),
    ),
    UpdateDynamicSecret: handle(async (req) =>
      dynamicSecretMessage(await catalog.updateDynamicSecret(req)),
    ),
    GetDynamicSecret: handle(async (req) => dynamicSecretMessage(await store.getSecret(req.name))),
    ListDynamicSecrets: handle(async (req) => {
      const page = await store.listSecrets(req.prefix, req.page_size, req.page_token);
      return {
        dynamic_secrets: page.records.map(dynamicSecretMessage),
        next_page_token: page.nextPageToken,
      };
    }),
    RotateCustomPayload: handle(async (req) => dynamicSecretMessage(await rotatePayload(req.name))),
    DeleteDynamicSecret: handle(async (req) =>
      dynamicSecretMessage(await store.deleteSecret(req.name)),
    ),

    GetDynamicSecretValue: handle(async (req) => {
      const client = clientOf(req.client);
      const ds = await store.getSecret(req.name);
      if (ds.type === "jwt") {
        const jwt = await issuers.jwt({ name: req.name, ttlSeconds: req.ttl_seconds, client });
        return {
          lease: null,
          value_json: JSON.stringify({ token: jwt.token, expires_at: jwt.expiresAt, jti: jwt.jti }),
        };
      }
      const issued = await leases.issue({
        name: req.name,
        ttlSeconds: req.ttl_seconds,
        input: argsOf(req.args_json),
        client,
      });
      return { lease: leaseMessage(issued.lease), value_json: JSON.stringify(issued.value) };
    }),
    GetSshCertificate: handle(async (req) => {
      const cert = await issuers.sshCertificate({
        name: req.name,
        publicKey: req.public_key,
        principals: req.principals,
        ttlSeconds: req.ttl_seconds,
        client: clientOf(req.client),
      });
      return {
        certificate: cert.certificate,
        serial: cert.serial,
        principals: cert.principals,
        valid_after_ms: cert.validAfterMs,
        valid_before_ms: cert.validBeforeMs,
        ca_public_key: cert.caPublicKey,
      };
    }),

    RenewLease: handle(async (req) =>
      leaseMessage(
        await leases.renew({ leaseId: leaseIdOf(req.lease_id), ttlSeconds: req.ttl_seconds }),
      ),
    ),
    RevokeLease: handle(async (req) => leaseMessage(await leases.revoke(leaseIdOf(req.lease_id)))),
    RevokeLeasesByPrefix: handle(async (req) => {
      if (!req.prefix.startsWith("/")) throw new InvalidArgumentError("prefix must start with /");
      const only = req.only_dynamic_secrets ? new Set(req.dynamic_secrets) : undefined;
      return { queued: await leases.revokeByPrefix(req.prefix, only) };
    }),
    ListLeases: handle(async (req) => {
      const page = await leases.list({
        prefix: req.prefix,
        state: req.state,
        pageSize: req.page_size,
        pageToken: req.page_token,
      });
      return { leases: page.leases.map(leaseMessage), next_page_token: page.nextPageToken };
    }),
    GetLease: handle(async (req) => leaseMessage(await leases.get(leaseIdOf(req.lease_id)))),
    ForgetLease: handle(async (req) => leaseMessage(await leases.forget(leaseIdOf(req.lease_id)))),
    SweepOrphans: handle(async (req) => {
      await store.getTarget(req.target);
      return leases.sweep(req.target);
    }),
  };
}
