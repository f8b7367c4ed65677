/** Creating targets and dynamic secrets: every field checked before anything is stored. */
import {
  type CreateDynamicSecretRequest__Output,
  type CreateTargetRequest__Output,
  FailedPreconditionError,
  InvalidArgumentError,
  type ProducerMember,
  producerMember,
  quote,
  type UpdateDynamicSecretRequest__Output,
  type UpdateTargetRequest__Output,
} from "@keyfrag/rpc";
import type { ProducerSettings } from "../drivers/driver.js";
import { renderTemplate } from "../drivers/driver.js";
import { validateWebhookUrl } from "../drivers/webhook.js";
import { validateClaimsTemplate } from "../jwt/jwt.js";
import { validateCriticalOptions, validateExtensions } from "../ssh/openssh.js";
import type { CatalogStore } from "./catalog-store.js";
import {
  checkName,
  checkUserPrefix,
  DYNAMIC_SECRET_TYPES,
  type DynamicSecretRecord,
  type DynamicSecretType,
  type ProducerConfig,
  TARGET_TYPES,
  type TargetRecord,
  type TargetType,
} from "./catalog-types.js";

/** Per target type: checks of its connection details and of a producer's settings. */
export type TargetValidators = Readonly<
  Record<
    TargetType,
    {
      connection(connection: Record<string, string>): void;
      settings(settings: ProducerSettings): void;
    }
  >
>;

const DEFAULT_USER_TTL = 3_600;
const DEFAULT_MAX_TTL = 86_400;
const MAX_STATEMENTS = 32;
const MAX_STATEMENT_CHARS = 8_192;
const MAX_DESCRIPTION = 1_024;

const oneOf = <T extends string>(values: readonly T[], value: string, field: string): T => {
  if (!(values as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${field} must be one of ${values.join(", ")} (got ${quote(value)})`,
    );
  }
  return value as T;
};

function checkStatements(list: string[], field: string): string[] {
  if (list.length > MAX_STATEMENTS)
    throw new InvalidArgumentError(`${field}: at most ${MAX_STATEMENTS} statements`);
  list.forEach((s, i) => {
    if (!s.trim() || s.length > MAX_STATEMENT_CHARS) {
      throw new InvalidArgumentError(`${field}[${i}] must be 1-${MAX_STATEMENT_CHARS} characters`);
    }
    try {
      renderTemplate(s, { name: "n", password: "p", expiration: "e" });
    } catch (err) {
      throw new InvalidArgumentError(`${field}[${i}]: ${(err as Error).message}`);
    }
  });
  return list;
}

const checkKey = (value: string, field: string) => {
  if (!/^\/[A-Za-z0-9/_.:@-]{1,255}$/.test(value)) {
    throw new InvalidArgumentError(
      `${field} must be a DFC key name ("/" and A-Z a-z 0-9 / _ . : @ -)`,
    );
  }
  return value;
};

/** Creates the catalog service. */
export function createCatalogService(deps: {
  store: CatalogStore;
  validators: TargetValidators;
  /** Longest TTL any dynamic secret may allow. */
  maxLeaseTtlSeconds: number;
}) {
  const { store } = deps;

  function producerOf(
    type: DynamicSecretType,
    req: CreateDynamicSecretRequest__Output,
  ): ProducerConfig {
    const kind = producerMember(req);
    switch (type) {
      case "postgresql":
      case "mysql": {
        const sql = {
          creationStatements: checkStatements(
            req.sql?.creation_statements ?? [],
            "sql.creation_statements",
          ),
          revocationStatements: checkStatements(
            req.sql?.revocation_statements ?? [],
            "sql.revocation_statements",
          ),
          renewStatements: checkStatements(req.sql?.renew_statements ?? [], "sql.renew_statements"),
        };
        if (kind && kind !== "sql")
          throw new InvalidArgumentError(`a ${type} dynamic secret takes sql settings`);
        deps.validators[type].settings(sql);
        return { kind: "sql", sql };
      }
      case "redis": {
        if (kind && kind !== "redis")
          throw new InvalidArgumentError("a redis dynamic secret takes redis settings");
        const aclRules = req.redis?.acl_rules ?? [];
        deps.validators.redis.settings({ aclRules });
        return { kind: "redis", aclRules };
      }
      case "ssh": {
        const ssh = req.ssh;
        if (kind !== "ssh" || !ssh)
          throw new InvalidArgumentError("an ssh dynamic secret needs ssh settings");
        if (ssh.allowed_principals.length === 0) {
          throw new InvalidArgumentError(
            'ssh.allowed_principals must list at least one principal (or "*")',
          );
        }
        for (const [field, list] of [
          ["ssh.allowed_principals", ssh.allowed_principals],
          ["ssh.default_principals", ssh.default_principals],
        ] as const) {
          for (const p of list) checkPrincipal(field, p);
        }
        const extensions = Object.keys(ssh.extensions).length
          ? { ...ssh.extensions }
          : { "permit-pty": "" };
        validateExtensions(extensions);
        validateCriticalOptions({ ...ssh.critical_options });
        for (const p of ssh.default_principals) {
          if (!ssh.allowed_principals.includes("*") && !ssh.allowed_principals.includes(p)) {
            throw new InvalidArgumentError(
              `ssh.default_principals: ${p} is not in allowed_principals`,
            );
          }
        }
        return {
          kind: "ssh",
          ssh: {
            caKeyName: checkKey(ssh.ca_key_name, "ssh.ca_key_name"),
            allowedPrincipals: ssh.allowed_principals,
            defaultPrincipals: ssh.default_principals,
            extensions,
            criticalOptions: { ...ssh.critical_options },
          },
        };
      }
      case "jwt": {
        const jwt = req.jwt;
        if (kind !== "jwt" || !jwt)
          throw new InvalidArgumentError("a jwt dynamic secret needs jwt settings");
        if (jwt.claims_template) validateClaimsTemplate(jwt.claims_template);
        return {
          kind: "jwt",
          jwt: {
            keyName: checkKey(jwt.key_name, "jwt.key_name"),
            issuer: jwt.issuer || "keyfrag",
            audience: jwt.audience,
            claimsTemplate: jwt.claims_template,
          },
        };
      }
      case "custom": {
        const custom = req.custom;
        if (kind !== "custom" || !custom)
          throw new InvalidArgumentError("a custom dynamic secret needs custom settings");
        validateWebhookUrl(custom.create_url, "custom.create_url");
        validateWebhookUrl(custom.revoke_url, "custom.revoke_url");
        if (custom.rotate_url) validateWebhookUrl(custom.rotate_url, "custom.rotate_url");
        if (custom.sealed_payload.length === 0)
          throw new InvalidArgumentError("custom.payload was not sealed");
        if (custom.timeout_seconds > 120)
          throw new InvalidArgumentError("custom.timeout_seconds must be at most 120");
        return {
          kind: "custom",
          custom: {
            createUrl: custom.create_url,
            revokeUrl: custom.revoke_url,
            rotateUrl: custom.rotate_url,
            sealedPayload: Buffer.from(custom.sealed_payload).toString("base64"),
            keyName: checkKey(custom.key_name, "custom.key_name"),
            timeoutSeconds: custom.timeout_seconds || 15,
          },
        };
      }
    }
  }

  function checkTtls(userTtl: number, maxTtl: number): void {
    if (maxTtl > deps.maxLeaseTtlSeconds) {
      throw new InvalidArgumentError(`max_ttl_seconds may be at most ${deps.maxLeaseTtlSeconds}`);
    }
    if (userTtl > maxTtl) {
      throw new InvalidArgumentError(
        `user_ttl_seconds (${userTtl}) exceeds max_ttl_seconds (${maxTtl})`,
      );
    }
  }

  return {
    async createTarget(req: CreateTargetRequest__Output): Promise<TargetRecord> {
      const type = oneOf(TARGET_TYPES, req.type, "type");
      if (Object.keys(req.credentials).length) {
        throw new InvalidArgumentError(
          "credentials must be sealed by the gateway before they reach producers",
        );
      }
      if (req.sealed_credentials.length === 0)
        throw new InvalidArgumentError("sealed_credentials is required");
      if (req.description.length > MAX_DESCRIPTION)
        throw new InvalidArgumentError("description is too long");
      const connection = { ...req.connection };
      deps.validators[type].connection(connection);
      const record: TargetRecord = {
        name: checkName(req.name, "name"),
        type,
        connection,
        sealedCredentials: Buffer.from(req.sealed_credentials).toString("base64"),
        keyName: checkKey(req.key_name, "key_name"),
        description: req.description,
        userPrefix: checkUserPrefix(req.user_prefix),
        createdAtMs: Date.now(),
      };
      await store.createTarget(record);
      return record;
    },

    /**
     * Changes a target's connection settings (merged; an empty value removes one), its sealed
     * credentials (sealed by the gateway under the target's key) and/or its description.
     */
    async updateTarget(req: UpdateTargetRequest__Output): Promise<TargetRecord> {
      const current = await store.getTarget(checkName(req.name, "name"));
      if (Object.keys(req.credentials).length) {
        throw new InvalidArgumentError(
          "credentials must be sealed by the gateway before they reach producers",
        );
      }
      const changes = Object.entries(req.connection);
      if (!changes.length && req.sealed_credentials.length === 0 && !req.description) {
        throw new InvalidArgumentError(
          "nothing to change: give connection settings, credentials or a description",
        );
      }
      if (req.description.length > MAX_DESCRIPTION)
        throw new InvalidArgumentError("description is too long");
      const connection = { ...current.connection };
      for (const [key, value] of changes) {
        if (value === "") delete connection[key];
        else connection[key] = value;
      }
      deps.validators[current.type].connection(connection);
      // The sealed password goes wherever the connection settings say: whoever changes where (or
      // how safely) it is sent gives it again, as creating the target took it from its creator.
      // Otherwise `update` alone on a target would hand its admin password to any server.
      const carried = SENDS_PASSWORD.filter(
        (key) => (connection[key] ?? "") !== (current.connection[key] ?? ""),
      );
      if (carried.length && req.sealed_credentials.length === 0) {
        throw new InvalidArgumentError(
          `a new ${carried.map((k) => `connection.${k}`).join(", ")} sends the target's admin password elsewhere: give the credentials again with it`,
        );
      }
      // The users of live leases were made on the server at the old address: revoking them at
      // another would leave them alive on that server. Unless the caller says the new address
      // reaches the same server, a move waits for those leases to be revoked.
      const address = (c: Record<string, string>) => `${c.host ?? ""}:${c.port ?? ""}`;
      const moved = address(connection) !== address(current.connection);
      const unlessLeased =
        moved && !req.same_server
          ? (users: number, someLeases: string[]) =>
              new FailedPreconditionError(
                `target ${current.name} has ${users} live lease${users === 1 ? "" : "s"} (${someLeases.join(", ")}${users > someLeases.length ? ", …" : ""}) whose users were made on ${showAddress(current.connection)}; revoking them at ${showAddress(connection)} would leave them alive there. Revoke them first (revoke-leases --prefix <dynamic secret>/), or set same_server if the new address reaches that same server (renamed, or moved with its users)`,
              )
          : undefined;
      const record: TargetRecord = {
        ...current,
        connection,
        ...(req.sealed_credentials.length
          ? { sealedCredentials: Buffer.from(req.sealed_credentials).toString("base64") }
          : {}),
        ...(req.description ? { description: req.description } : {}),
      };
      await store.replaceTarget(record, unlessLeased);
      return record;
    },

    async createDynamicSecret(
      req: CreateDynamicSecretRequest__Output,
    ): Promise<DynamicSecretRecord> {
      const name = checkName(req.name, "name");
      const type = oneOf(DYNAMIC_SECRET_TYPES, req.type, "type");
      const needsTarget = (TARGET_TYPES as readonly string[]).includes(type);
      let target = "";
      if (needsTarget) {
        target = checkName(req.target, "target");
        const record = await store.getTarget(target);
        if (record.type !== type) {
          throw new InvalidArgumentError(
            `target ${target} is a ${record.type} target, not ${type}`,
          );
        }
      } else if (req.target) {
        throw new InvalidArgumentError(`a ${type} dynamic secret has no target`);
      }
      const maxTtl = req.max_ttl_seconds || Math.min(DEFAULT_MAX_TTL, deps.maxLeaseTtlSeconds);
      const userTtl = req.user_ttl_seconds || Math.min(DEFAULT_USER_TTL, maxTtl);
      checkTtls(userTtl, maxTtl);
      if (req.description.length > MAX_DESCRIPTION)
        throw new InvalidArgumentError("description is too long");
      const record: DynamicSecretRecord = {
        name,
        type,
        target,
        userTtlSeconds: userTtl,
        maxTtlSeconds: maxTtl,
        description: req.description,
        createdAtMs: Date.now(),
        producer: producerOf(type, req),
      };
      await store.createSecret(record);
      return record;
    },

    /**
     * Changes a dynamic secret's TTLs, description, or (postgresql, mysql, redis) statements and
     * ACL rules, checked as at creation. Leases issued before keep their expiry.
     */
    async updateDynamicSecret(
      req: UpdateDynamicSecretRequest__Output,
    ): Promise<DynamicSecretRecord> {
      const current = await store.getSecret(checkName(req.name, "name"));
      const member = producerMember(req);
      if (!req.user_ttl_seconds && !req.max_ttl_seconds && !req.description && !member) {
        throw new InvalidArgumentError(
          "nothing to change: give TTLs, a description, or the producer's settings",
        );
      }
      const maxTtl = req.max_ttl_seconds || current.maxTtlSeconds;
      const userTtl = req.user_ttl_seconds || current.userTtlSeconds;
      checkTtls(userTtl, maxTtl);
      if (req.description.length > MAX_DESCRIPTION)
        throw new InvalidArgumentError("description is too long");
      let producer = current.producer;
      if (member) {
        if (current.producer.kind !== member) {
          throw new InvalidArgumentError(
            `a ${current.type} dynamic secret takes no ${member} settings`,
          );
        }
        // The same checks as creation, on a request holding only the new settings (an SSH CA's
        // or JWT issuer's key, a custom producer's sealed payload: the current one if not given).
        producer = producerOf(current.type, {
          name: current.name,
          type: current.type,
          target: current.target,
          user_ttl_seconds: userTtl,
          max_ttl_seconds: maxTtl,
          description: "",
          producer: member,
          [member]: newSettings(current.producer, req, member),
        } as unknown as CreateDynamicSecretRequest__Output);
      }
      const record: DynamicSecretRecord = {
        ...current,
        userTtlSeconds: userTtl,
        maxTtlSeconds: maxTtl,
        ...(req.description ? { description: req.description } : {}),
        producer,
      };
      await store.replaceSecretIf(current, record);
      return record;
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

/** Connection settings deciding where a target's admin password is sent, and how safely. */
const SENDS_PASSWORD = ["host", "port", "tls", "sslmode"] as const;

const CUSTOM_URL_FIELDS = {
  create_url: "createUrl",
  revoke_url: "revokeUrl",
  rotate_url: "rotateUrl",
} as const;

/**
 * An update's producer settings as creation takes them: a key left empty is the current one;
 * a custom producer without a new (sealed) payload keeps its sealed payload and key.
 */
function newSettings(
  current: ProducerConfig,
  req: UpdateDynamicSecretRequest__Output,
  member: ProducerMember,
): unknown {
  if (current.kind === "ssh" && req.ssh) {
    return { ...req.ssh, ca_key_name: req.ssh.ca_key_name || current.ssh.caKeyName };
  }
  if (current.kind === "jwt" && req.jwt) {
    return { ...req.jwt, key_name: req.jwt.key_name || current.jwt.keyName };
  }
  if (current.kind === "custom" && req.custom) {
    if (req.custom.payload) {
      throw new InvalidArgumentError(
        "custom.payload must be sealed by the gateway before it reaches producers",
      );
    }
    if (req.custom.sealed_payload.length > 0) return req.custom;
    // The payload goes to these URLs: whoever points them elsewhere gives the payload again, as
    // creating the dynamic secret took it from its creator. Otherwise `update` alone would hand
    // the sealed payload (typically the webhook's own credentials) to any URL.
    const moved = (["create_url", "revoke_url", "rotate_url"] as const).filter((field) => {
      const url = req.custom?.[field] ?? "";
      return url !== "" && url !== current.custom[CUSTOM_URL_FIELDS[field]];
    });
    if (moved.length) {
      throw new InvalidArgumentError(
        `a new ${moved.map((f) => `custom.${f}`).join(", ")} sends the sealed payload elsewhere: give custom.payload again with it`,
      );
    }
    if (req.custom.key_name && req.custom.key_name !== current.custom.keyName) {
      throw new InvalidArgumentError(
        `custom.key_name: the payload is sealed under ${current.custom.keyName}; another key needs a new payload, sealed under it`,
      );
    }
    return {
      ...req.custom,
      sealed_payload: Buffer.from(current.custom.sealedPayload, "base64"),
      key_name: current.custom.keyName,
    };
  }
  return req[member];
}

/** `host:port` of a target's connection settings (the port as given, or the type's default). */
function showAddress(connection: Record<string, string>): string {
  return connection.port ? `${connection.host}:${connection.port}` : `${connection.host}`;
}

/**
 * A principal as OpenSSH matches it against a login name: not empty (as `"$USER"` is where USER
 * is unset), no whitespace or commas (authorized_principals and -n lists split on them).
 */
function checkPrincipal(field: string, principal: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (principal === "" || principal.length > 256 || /[\s,\u0000-\u001f\u007f]/.test(principal)) {
    throw new InvalidArgumentError(
      `${field}: ${JSON.stringify(principal)} is not a principal (a login name: not empty, no spaces or commas)`,
    );
  }
}
