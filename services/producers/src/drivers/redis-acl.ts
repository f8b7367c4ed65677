/**
 * Redis driver: one ACL user per lease (Redis 6+), made and deleted with the target's admin user.
 *
 * What the admin user needs: +acl (SETUSER, GETUSER, DELUSER, USERS) and +client|kill.
 *
 * Limits an operator should know:
 * - ACL users live in the memory of the one server we talk to. They are not replicated, and
 *   they are not written to an ACL file (no ACL SAVE, which would also persist the operator's
 *   own pending changes). So Redis Cluster and replicas are not covered, and a restart removes
 *   the users early (revoke then finds them gone, which counts as success).
 * - Redis has no expiry for users: renew is a no-op; revocation at the lease's end bounds them.
 * - Rules are the operator's. A rule set that includes +acl (or +@admin, +@all) lets the lease
 *   make users of its own that outlive it.
 *
 * There is no default rule set: a user made from `reset on >password` alone can do nothing, so
 * an empty aclRules is a configuration mistake and validation refuses it.
 */

import { isIP } from "node:net";
import {
  FailedPreconditionError,
  InvalidArgumentError,
  KeyfragError,
  UnavailableError,
} from "@keyfrag/rpc";
import { Redis } from "ioredis";
import type {
  CredentialDriver,
  DriverFactory,
  ProducerSettings,
  TargetConnection,
  TargetSecret,
} from "./driver.js";
import {
  checkKnownFields,
  checkName,
  checkPassword,
  checkPrefix,
  isTlsError,
  parseBoolean,
  parseHost,
  parsePort,
  scrub,
} from "./driver-support.js";

const CONNECT_TIMEOUT_MS = 5_000;
const COMMAND_TIMEOUT_MS = 10_000;

// Rules that set the user's passwords or its on/off state are keyfrag's alone: an operator's
// `nopass` or extra `>password` would open the user to logins keyfrag never handed out.
const KEYFRAG_RULES = new Set(["on", "off", "nopass", "resetpass", "reset"]);
const PASSWORD_RULE_STARTS = [">", "<", "#", "!"];

interface RedisTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  tls: boolean;
}

/** Checks a Redis target's connection and secret; throws InvalidArgumentError naming the field. */
export function validateRedisConnection(connection: TargetConnection, secret: TargetSecret): void {
  parseTarget(connection, secret);
}

/** Checks a Redis producer's ACL rules; throws InvalidArgumentError naming the bad rule. */
export function validateRedisSettings(settings: ProducerSettings): void {
  if (typeof settings !== "object" || settings === null) {
    throw new InvalidArgumentError("settings must be an object");
  }
  for (const [key, value] of Object.entries(settings)) {
    if (key === "aclRules") continue;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    throw new InvalidArgumentError(`settings.${key} is not used by Redis producers`);
  }
  const rules: unknown = settings.aclRules;
  if (!Array.isArray(rules) || rules.length === 0) {
    throw new InvalidArgumentError(
      'settings.aclRules must hold at least one ACL rule, e.g. ["~app:*", "+@read"]',
    );
  }
  rules.forEach((rule: unknown, index) => {
    const field = `settings.aclRules[${index}]`;
    // Printable ASCII without spaces: one rule per argument, and a rule that needs a space
    // (a selector such as "(~a +get)") would have to be split, which we refuse to guess.
    if (typeof rule !== "string" || !/^[\x21-\x7e]+$/.test(rule)) {
      throw new InvalidArgumentError(`${field} must be one ACL rule without spaces`);
    }
    const lower = rule.toLowerCase();
    if (KEYFRAG_RULES.has(lower) || PASSWORD_RULE_STARTS.some((s) => rule.startsWith(s))) {
      throw new InvalidArgumentError(
        `${field}: passwords, nopass, on/off and reset are set by keyfrag, not by rules`,
      );
    }
  });
}

/** Creates and deletes Redis ACL users on one target. */
export const redisAclDriver: DriverFactory = (connection, secret, options) => {
  const target = parseTarget(connection, secret);
  // Pooled: one shared connection (Redis runs one command at a time; commands of concurrent
  // operations are pipelined on it), opened again after it failed.
  const shared =
    options?.poolSize !== undefined && options.poolSize > 0 ? sharedClient(target) : undefined;
  const withClient = <T>(extraSecrets: readonly string[], work: (client: Redis) => Promise<T>) =>
    shared ? shared.run(extraSecrets, work) : withOwnClient(target, extraSecrets, work);

  return {
    async create(req) {
      validateRedisSettings(req.settings);
      checkName(req.name);
      checkPassword(req.password);
      const rules = req.settings.aclRules ?? [];
      await withClient([req.password], async (client) => {
        // SETUSER on an existing name would quietly rewrite that user (even "default").
        if ((await client.call("ACL", "GETUSER", req.name)) !== null) {
          throw new FailedPreconditionError(`Redis user ${req.name} already exists`);
        }
        // One command, so Redis applies all of it or, on a bad rule, none of it.
        await client.call("ACL", "SETUSER", req.name, "reset", "on", `>${req.password}`, ...rules);
      });
      return { username: req.name, password: req.password };
    },

    async renew(req) {
      // Redis users have no expiry to move (see the file comment).
      checkName(req.name);
    },

    async revoke(req) {
      checkName(req.name);
      await withClient([], async (client) => {
        try {
          await client.call("CLIENT", "KILL", "USER", req.name);
        } catch (error) {
          if (!/no such user/i.test((error as Error).message)) throw error;
        }
        // Deleting 0 users means an earlier revoke already did: success.
        await client.call("ACL", "DELUSER", req.name);
      });
    },

    async listUsers(prefix) {
      checkPrefix(prefix);
      return withClient([], async (client) => {
        const users = (await client.call("ACL", "USERS")) as string[];
        return users.filter((user) => user.startsWith(prefix)).sort();
      });
    },

    async close() {
      shared?.close();
    },
  } satisfies CredentialDriver;
};

/** Opens and authenticates a connection; rejects with the connection's own error. */
async function connect(target: RedisTarget): Promise<Redis> {
  const client = new Redis({
    host: target.host,
    port: target.port,
    // Verified TLS: the CA must be one Node trusts (system store or NODE_EXTRA_CA_CERTS).
    ...(target.tls ? { tls: isIP(target.host) === 0 ? { servername: target.host } : {} } : {}),
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // One attempt: the lease machinery owns retries.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // Its INFO would need a permission the admin user has no other use for. Without it,
    // connect() resolves before an AUTH given as an option is answered, so we AUTH ourselves.
    enableReadyCheck: false,
  });
  // connect() only rejects with "Connection is closed"; the real reason (refused, WRONGPASS…)
  // arrives as an event, which would otherwise also be printed by ioredis.
  let socketError: unknown;
  client.on("error", (error: unknown) => {
    socketError ??= error;
  });
  try {
    try {
      await client.connect();
    } catch (error) {
      throw socketError ?? error;
    }
    // A connection starts as "default"; any other user must AUTH, even a nopass one with "".
    if (target.password !== "" || target.username !== "default") {
      await client.call("AUTH", target.username, target.password);
    }
    return client;
  } catch (error) {
    client.disconnect();
    throw error;
  }
}

/** Opens one connection for `work` and always closes it; maps every failure to a KeyfragError. */
async function withOwnClient<T>(
  target: RedisTarget,
  extraSecrets: readonly string[],
  work: (client: Redis) => Promise<T>,
): Promise<T> {
  let client: Redis | undefined;
  try {
    client = await connect(target);
    return await work(client);
  } catch (error) {
    throw toKeyfragError(error, target, [target.password, ...extraSecrets]);
  } finally {
    client?.disconnect();
  }
}

/** One connection shared by every operation until close(); a broken one is replaced. */
function sharedClient(target: RedisTarget) {
  let current: Promise<Redis> | undefined;
  let closed = false;
  const discard = (client: Promise<Redis>) => {
    if (current === client) current = undefined;
    client.then((c) => c.disconnect()).catch(() => {});
  };
  return {
    async run<T>(extraSecrets: readonly string[], work: (client: Redis) => Promise<T>): Promise<T> {
      if (closed) throw new UnavailableError("the target's connection pool is closed");
      let client = current;
      if (client) {
        const status = (await client.catch(() => undefined))?.status;
        if (status === undefined || status === "end" || status === "close") {
          discard(client);
          client = undefined;
        }
      }
      if (!client) {
        client = connect(target);
        current = client;
        // A failed connect is not kept: the next operation tries again.
        client.catch(() => discard(client as Promise<Redis>));
      }
      const used = client;
      try {
        return await work(await used);
      } catch (error) {
        // A refused command leaves the connection as it was; anything else may have broken it.
        if ((error as { name?: unknown }).name !== "ReplyError") discard(used);
        throw toKeyfragError(error, target, [target.password, ...extraSecrets]);
      }
    },
    close(): void {
      closed = true;
      if (current) discard(current);
    },
  };
}

// Reply errors after which trying again later may work.
const RETRYABLE_REPLIES = new Set(["LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"]);

/** Turns an ioredis or socket error into a KeyfragError without leaking `secrets`. */
function toKeyfragError(error: unknown, target: RedisTarget, secrets: readonly string[]): Error {
  if (error instanceof KeyfragError) return error;
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  const text = scrub(String(message ?? error), secrets);
  const where = `Redis at ${target.host}:${target.port}`;
  // No cause on any of these: ioredis attaches the failed command (ACL SETUSER with the
  // password) to reply errors; only our copy of the message is scrubbed.
  if (name === "ReplyError") {
    const reply = text.split(" ", 1)[0] ?? "";
    if (RETRYABLE_REPLIES.has(reply))
      return new UnavailableError(`${where} is unavailable: ${text}`);
    return new FailedPreconditionError(`${where} refused: ${text}`);
  }
  const kind = typeof code === "string" ? ` [${code}]` : "";
  if (isTlsError(error)) return new FailedPreconditionError(`${where}: TLS failed: ${text}${kind}`);
  // Socket-level failures (refused, reset, timed out, unknown host): the target is unreachable.
  return new UnavailableError(`${where} is unreachable: ${text}${kind}`);
}

/** Replaces every occurrence of a secret, in any letter case. */
function parseTarget(connection: TargetConnection, secret: TargetSecret): RedisTarget {
  checkKnownFields(connection, "connection", ["host", "port", "username", "tls"], "Redis");
  checkKnownFields(secret, "secret", ["password"], "Redis");
  const password = secret.password ?? "";
  if (typeof password !== "string") throw new InvalidArgumentError("secret.password must be text");
  const rawUsername = connection.username;
  const username = rawUsername === undefined || rawUsername === "" ? "default" : rawUsername;
  if (typeof username !== "string" || !/^[\x21-\x7e]+$/.test(username)) {
    throw new InvalidArgumentError("connection.username must be a Redis user name without spaces");
  }
  return {
    host: parseHost(connection.host),
    port: parsePort(connection.port, 6379),
    username,
    password,
    tls: parseBoolean(connection.tls, "tls"),
  };
}
