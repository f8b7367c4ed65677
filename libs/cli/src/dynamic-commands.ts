/**
 * The dynamic-secret commands: targets, dynamic secrets, issued credentials, SSH certificates
 * and leases, each a thin layer over the SDK.
 */
import { chmod, writeFile } from "node:fs/promises";
import {
  type DynamicSecret__Output,
  type Lease__Output,
  type SshProducer,
  secondsAsDuration,
  type Target__Output,
  type UpdateDynamicSecretRequest,
} from "@keyfrag/rpc";
import type { CreateDynamicSecretInput } from "@keyfrag/sdk";
import { type Command, Option } from "commander";
import { CliError, UsageError } from "./cli-errors.js";
import {
  allPages,
  type CommandFactory,
  collect,
  commandFactory,
  count,
  list,
  type Opts,
  type Runner,
  str,
} from "./command-kit.js";
import { type CliIo, readTextFile, readValue } from "./context.js";
import { fields, isoTime, table } from "./format.js";
import { parseDuration, parsePair } from "./parse.js";

const TARGET_TYPES = ["postgresql", "mysql", "redis"] as const;
const DYNAMIC_SECRET_TYPES = [...TARGET_TYPES, "ssh", "jwt", "custom"] as const;
const LEASE_STATES = ["creating", "active", "revoking", "revoke-failed", "revoked"];

const SQL = ["postgresql", "mysql"] as const;

/** Registers the dynamic-secret commands on `program`. */
export function registerDynamicSecretCommands(program: Command, run: Runner): void {
  const command = commandFactory(program);
  registerTargetCommands(command, run);
  registerDynamicSecretItemCommands(command, run);
  registerCredentialCommands(command, run);
  registerLeaseCommands(command, run);
}

function registerTargetCommands(command: CommandFactory, run: Runner): void {
  command("create-target", "create a target: a database or Redis that keyfrag makes users on")
    .requiredOption("--name <path>", "target name, e.g. /prod/db/main")
    .requiredOption("--type <type>", "postgresql, mysql or redis")
    .option("--host <host>", "host name or IP address")
    .option("--port <port>", "port (default: the type's)")
    .option("--database <name>", "database (postgresql, mysql)")
    .option("--username <name>", "the privileged user keyfrag connects as")
    .option("--sslmode <mode>", "postgresql: disable, require or verify-full")
    .option("--tls", "mysql, redis: connect with TLS")
    .option("--connection <k=v>", "another connection setting (repeatable)", collect)
    .option("--password-stdin", "read the privileged user's password from stdin")
    .option("--password-file <path>", "read the privileged user's password from a file")
    .option("--key-name <name>", "DFC key sealing the password (default: the system key)")
    .addOption(new Option("--key <name>", "same as --key-name").hideHelp())
    .option("--user-prefix <prefix>", "prefix of the user names keyfrag makes (default kf_)")
    .option("--description <text>", "description")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const type = oneOf("--type", o.type as string, TARGET_TYPES);
        const connection = connectionOf(type, o);
        const password = await readSecretText(ctx.io, o, "password");
        const target = await ctx.client().createTarget({
          name: o.name as string,
          type,
          connection,
          credentials: password === undefined ? {} : { password },
          key_name: keyName(o, "keyName", "key") ?? "",
          description: str(o, "description") ?? "",
          user_prefix: str(o, "userPrefix") ?? "",
        });
        ctx.print(target, formatTarget(target));
        return 0;
      }),
    );

  command("get-target", "show a target (never its credentials)")
    .requiredOption("--name <path>", "target name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const target = await ctx.client().getTarget(o.name as string);
        ctx.print(target, formatTarget(target));
        return 0;
      }),
    );

  command("list-targets", "list the targets (every page)")
    .option("--prefix <path>", "only names under this folder, e.g. /prod/")
    .option("--page-size <n>", "targets per request")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const client = ctx.client();
        const targets = await allPages(async (page_token) => {
          const page = await client.listTargets({
            prefix: str(o, "prefix") ?? "",
            page_size: count(o, "pageSize", "--page-size"),
            page_token,
          });
          return [page.targets, page.next_page_token] as const;
        });
        ctx.print(
          { targets },
          targets.length === 0
            ? "(no targets)"
            : table(
                ["NAME", "TYPE", "ADDRESS", "CREATED"],
                targets.map((t) => [t.name, t.type, address(t), isoTime(t.created_at_ms)]),
              ),
        );
        return 0;
      }),
    );

  command(
    "update-target",
    "change a target's connection settings, privileged password or description",
  )
    .requiredOption("--name <path>", "target name")
    .option("--host <host>", "new host name or IP address")
    .option("--port <port>", "new port")
    .option("--database <name>", "new database (postgresql, mysql)")
    .option("--username <name>", "new privileged user keyfrag connects as")
    .option("--sslmode <mode>", "postgresql: disable, require or verify-full")
    .option("--tls", "mysql, redis: connect with TLS")
    .option("--connection <k=v>", "another setting to change (repeatable; k= removes it)", collect)
    .option("--password-stdin", "read the new privileged password from stdin")
    .option("--password-file <path>", "read the new privileged password from a file")
    .option("--description <text>", "new description")
    .option(
      "--same-server",
      "the new --host/--port reach the same server (renamed, or moved with its users)",
    )
    .addHelpText(
      "after",
      "\nSettings not given stay as they are. A new password takes effect at once: keyfrag's\n" +
        "connections to the target made with the old one are closed.\n" +
        "A new --host, --port, --tls or --sslmode needs the password again (--password-stdin or\n" +
        "--password-file): it would otherwise carry the kept one to the new server.\n" +
        "A new --host or --port is refused while the target has live leases: their users were\n" +
        "made on the old server, and revoking them elsewhere would leave them alive there. Revoke\n" +
        "them first (revoke-leases --prefix /d/), or give --same-server when the new address\n" +
        "reaches that same server: the leases' users are then revoked there.",
    )
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const connection = connectionOf(undefined, o);
        const password = await readSecretText(ctx.io, o, "password");
        const description = str(o, "description") ?? "";
        if (!Object.keys(connection).length && password === undefined && !description) {
          throw new UsageError(
            "nothing to change: give connection flags, --password-stdin/--password-file or --description",
          );
        }
        const target = await ctx.client().updateTarget({
          name: o.name as string,
          connection,
          credentials: password === undefined ? {} : { password },
          description,
          same_server: o.sameServer === true,
        });
        ctx.print(target, formatTarget(target));
        return 0;
      }),
    );

  command("delete-target", "delete a target (refused while a dynamic secret uses it)")
    .requiredOption("--name <path>", "target name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const target = await ctx.client().deleteTarget(o.name as string);
        ctx.print(target, `deleted target ${target.name || (o.name as string)}`);
        return 0;
      }),
    );
}

function registerDynamicSecretItemCommands(command: CommandFactory, run: Runner): void {
  const create = command(
    "create-dynamic-secret",
    "create a dynamic secret: credentials issued on demand",
  )
    .requiredOption("--name <path>", "dynamic secret name, e.g. /prod/db/app")
    .requiredOption("--type <type>", "postgresql, mysql, redis, ssh, jwt or custom")
    .option("--target <path>", "postgresql, mysql, redis: the target to make users on")
    .option(
      "--user-ttl <duration>",
      "lifetime of a credential (3600, 90s, 15m, 1h, 7d; default 1h)",
    )
    .option("--max-ttl <duration>", "longest lifetime with renewals (default 24h)")
    .option("--description <text>", "description");
  producerOptions(create, "creates").action((o: Opts, cmd: Command) =>
    run(cmd, async (ctx) => {
      const request = await dynamicSecretRequest(ctx.io, o);
      const secret = await ctx.client().createDynamicSecret(request);
      ctx.print(secret, formatDynamicSecret(secret));
      return 0;
    }),
  );

  command("get-dynamic-secret", "show a dynamic secret's settings")
    .requiredOption("--name <path>", "dynamic secret name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const secret = await ctx.client().getDynamicSecret(o.name as string);
        ctx.print(secret, formatDynamicSecret(secret));
        return 0;
      }),
    );

  command("list-dynamic-secrets", "list the dynamic secrets (every page)")
    .option("--prefix <path>", "only names under this folder, e.g. /prod/")
    .option("--page-size <n>", "dynamic secrets per request")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const client = ctx.client();
        const secrets = await allPages(async (page_token) => {
          const page = await client.listDynamicSecrets({
            prefix: str(o, "prefix") ?? "",
            page_size: count(o, "pageSize", "--page-size"),
            page_token,
          });
          return [page.dynamic_secrets, page.next_page_token] as const;
        });
        ctx.print(
          { dynamic_secrets: secrets },
          secrets.length === 0
            ? "(no dynamic secrets)"
            : table(
                ["NAME", "TYPE", "TARGET", "TTL", "MAX TTL", "CREATED"],
                secrets.map((s) => [
                  s.name,
                  s.type,
                  s.target,
                  formatDuration(s.user_ttl_seconds),
                  formatDuration(s.max_ttl_seconds),
                  isoTime(s.created_at_ms),
                ]),
              ),
        );
        return 0;
      }),
    );

  const update = command(
    "update-dynamic-secret",
    "change a dynamic secret's TTLs, description or its producer's settings",
  )
    .requiredOption("--name <path>", "dynamic secret name")
    .option("--user-ttl <duration>", "new lifetime of a credential (3600, 90s, 15m, 1h, 7d)")
    .option("--max-ttl <duration>", "new longest lifetime with renewals")
    .option("--description <text>", "new description");
  producerOptions(update, "replaces")
    .addHelpText(
      "after",
      "\nWhat is not given stays as it is (a list flag replaces its whole list; statements of a\n" +
        "kind not given stay). The flags are create-dynamic-secret's, for the dynamic secret's own\n" +
        "type. Changing an SSH CA's or JWT issuer's settings needs sign on its key, as creating\n" +
        "it did; a custom producer's new payload (--payload-stdin/--payload-file) is sealed by\n" +
        "the gateway, under --key-name if given; a new --create-url, --revoke-url or --rotate-url\n" +
        "needs a new payload (the URLs receive it). Credentials issued before keep their expiry and\n" +
        "were made with the old settings.",
    )
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const request: UpdateDynamicSecretRequest = {
          name: o.name as string,
          user_ttl_seconds: duration(o, "userTtl", "--user-ttl"),
          max_ttl_seconds: duration(o, "maxTtl", "--max-ttl"),
          description: str(o, "description") ?? "",
        };
        const producerFlags = PRODUCER_FLAGS.filter(([key]) => o[key] !== undefined);
        if (
          !request.user_ttl_seconds &&
          !request.max_ttl_seconds &&
          !request.description &&
          producerFlags.length === 0
        ) {
          throw new UsageError(
            "nothing to change: give --user-ttl, --max-ttl, --description or the producer's flags (see --help)",
          );
        }
        const client = ctx.client();
        if (producerFlags.length > 0) {
          // The flags not given keep what the dynamic secret has: the gateway replaces a
          // producer's settings all at once.
          const current = await client.getDynamicSecret(o.name as string);
          for (const [, flag, types] of producerFlags) {
            if (!types.includes(current.type)) {
              throw new UsageError(
                `${flag} is for type ${types.join(", ")}; ${current.name} is a ${current.type} dynamic secret`,
              );
            }
          }
          Object.assign(request, await updatedProducer(ctx.io, o, current));
        }
        const updated = await client.updateDynamicSecret(request);
        ctx.print(updated, formatDynamicSecret(updated));
        return 0;
      }),
    );

  command("delete-dynamic-secret", "delete a dynamic secret (refused while leases of it exist)")
    .requiredOption("--name <path>", "dynamic secret name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const secret = await ctx.client().deleteDynamicSecret(o.name as string);
        ctx.print(secret, `deleted dynamic secret ${secret.name || (o.name as string)}`);
        return 0;
      }),
    );
  command("rotate-custom-payload", "have a custom producer's webhook rotate its payload")
    .requiredOption("--name <path>", "custom dynamic secret name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const secret = await ctx.client().rotateCustomPayload(o.name as string);
        ctx.print(secret, `rotated the payload of ${secret.name || (o.name as string)}`);
        return 0;
      }),
    );
}

function registerCredentialCommands(command: CommandFactory, run: Runner): void {
  command("get-dynamic-secret-value", "issue a credential under a lease and print it")
    .requiredOption("--name <path>", "dynamic secret name")
    .option("--ttl <duration>", "lifetime (default: the dynamic secret's user TTL)")
    .option("--args <json>", "custom: input handed to the webhook (a JSON value)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const args = o.args === undefined ? undefined : parseJson("--args", o.args as string);
        const issued = await ctx.client().getDynamicSecretValue(o.name as string, {
          ttlSeconds: duration(o, "ttl", "--ttl"),
          ...(args === undefined ? {} : { args }),
        });
        const lines = Object.entries(issued.value).map(
          ([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`,
        );
        if (issued.lease) {
          lines.push(
            `lease id: ${issued.lease.id}`,
            `expires: ${isoTime(issued.lease.expires_at_ms)}`,
          );
        }
        ctx.print({ value: issued.value, lease: issued.lease ?? null }, lines.join("\n"));
        return 0;
      }),
    );

  command("get-ssh-certificate", "have an SSH public key signed and write the certificate")
    .requiredOption("--name <path>", "the ssh dynamic secret")
    .requiredOption(
      "--public-key-file <path>",
      "your OpenSSH public key, e.g. ~/.ssh/id_ed25519.pub",
    )
    .option("--principal <p>", "principal to sign for (repeatable; default: the issuer's)", collect)
    .option("--ttl <duration>", "certificate lifetime (default: the dynamic secret's user TTL)")
    .option(
      "--out <path>",
      "certificate file (default: <key>-cert.pub beside the public key, as ssh-keygen names it; - prints it)",
    )
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const keyFile = o.publicKeyFile as string;
        const publicKey = (await readTextFile("--public-key-file", keyFile)).trim();
        if (publicKey.startsWith("-----BEGIN") || publicKey.includes("PRIVATE KEY")) {
          throw new UsageError(
            `--public-key-file ${keyFile} holds a private key: give the .pub file`,
          );
        }
        const out = str(o, "out") ?? certificatePath(keyFile);
        const response = await ctx.client().getSshCertificate({
          name: o.name as string,
          public_key: publicKey,
          principals: list(o, "principal"),
          ttl_seconds: duration(o, "ttl", "--ttl"),
        });
        if (out === "-") {
          ctx.print(response, response.certificate);
          return 0;
        }
        await writeCertificate(out, response.certificate);
        ctx.print(
          { ...response, certificate_file: out },
          fields([
            ["certificate", out],
            ["serial", response.serial],
            ["principals", response.principals.join(", ")],
            ["valid after", isoTime(response.valid_after_ms)],
            ["valid before", isoTime(response.valid_before_ms)],
            ["CA (for TrustedUserCAKeys)", response.ca_public_key],
          ]),
        );
        return 0;
      }),
    );
}

function registerLeaseCommands(command: CommandFactory, run: Runner): void {
  command("renew-lease", "extend a lease (never beyond its max TTL)")
    .requiredOption("--lease-id <id>", "the lease")
    .option("--ttl <duration>", "new lifetime from now (default: the dynamic secret's user TTL)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const lease = await ctx
          .client()
          .renewLease(o.leaseId as string, { ttlSeconds: duration(o, "ttl", "--ttl") });
        ctx.print(lease, formatLease(lease));
        return 0;
      }),
    );

  for (const [name, description, method] of [
    ["revoke-lease", "revoke a lease now (a failed revocation keeps being retried)", "revokeLease"],
    ["get-lease", "show a lease", "getLease"],
    [
      "forget-lease",
      "drop a lease without revoking it (its user may remain on the target)",
      "forgetLease",
    ],
  ] as const) {
    command(name, description)
      .requiredOption("--lease-id <id>", "the lease")
      .action((o: Opts, cmd: Command) =>
        run(cmd, async (ctx) => {
          const lease = await ctx.client()[method](o.leaseId as string);
          ctx.print(lease, formatLease(lease));
          return 0;
        }),
      );
  }

  command("revoke-leases", "queue the revocation of every lease whose id starts with a prefix")
    .requiredOption("--prefix <prefix>", "lease id prefix, e.g. the dynamic secret's name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const prefix = o.prefix as string;
        // An empty prefix matches every lease the caller may delete: never by accident.
        if (prefix === "") throw new UsageError("--prefix must not be empty");
        const response = await ctx.client().revokeLeasesByPrefix(prefix);
        ctx.print(
          response,
          `queued the revocation of ${response.queued} lease${response.queued === 1 ? "" : "s"} under ${prefix}`,
        );
        return 0;
      }),
    );

  command("list-leases", "list the leases (every page)")
    .option("--prefix <prefix>", "only lease ids starting with this, e.g. a dynamic secret's name")
    .option(
      "--state <state>",
      "only this state: creating, active, revoking, revoke-failed, revoked",
    )
    .option("--page-size <n>", "leases per request")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const state = str(o, "state");
        if (state !== undefined) oneOf("--state", state, LEASE_STATES);
        const client = ctx.client();
        const leases = await allPages(async (page_token) => {
          const page = await client.listLeases({
            prefix: str(o, "prefix") ?? "",
            state: state ?? "",
            page_size: count(o, "pageSize", "--page-size"),
            page_token,
          });
          return [page.leases, page.next_page_token] as const;
        });
        ctx.print(
          { leases },
          leases.length === 0
            ? "(no leases)"
            : table(
                ["LEASE", "STATE", "EXPIRES", "USER", "ACCESS ID", "LAST ERROR"],
                leases.map((l) => [
                  l.id,
                  l.state,
                  isoTime(l.expires_at_ms),
                  l.external_id,
                  l.access_id,
                  l.last_error,
                ]),
              ),
        );
        return 0;
      }),
    );

  command("sweep-orphans", "remove users keyfrag made on a target that no live lease accounts for")
    .requiredOption("--target <path>", "the target")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await ctx.client().sweepOrphans(o.target as string);
        const lines = [
          response.removed.length === 0
            ? "no orphaned users"
            : `removed: ${response.removed.join(", ")}`,
          ...response.failed.map((f) => `not removed: ${f}`),
        ];
        ctx.print(response, lines.join("\n"));
        // Users left behind need the operator's attention: scripts see a failure.
        return response.failed.length === 0 ? 0 : 1;
      }),
    );
}

/**
 * The producer flags of `create-dynamic-secret` and `update-dynamic-secret` (where a repeatable
 * flag replaces the whole list).
 */
function producerOptions(cmd: Command, verb: "creates" | "replaces"): Command {
  const each = verb === "replaces" ? "repeatable; replaces the list" : "repeatable";
  return cmd
    .option(
      "--creation-statement <sql>",
      `postgresql, mysql: creates the user; {{name}}, {{password}}, {{expiration}} (${each})`,
      collect,
    )
    .option("--revocation-statement <sql>", `postgresql, mysql: drops the user (${each})`, collect)
    .option("--renew-statement <sql>", `postgresql, mysql: extends the user (${each})`, collect)
    .option("--acl-rule <rule>", `redis: ACL rule, e.g. ~app:* or +@read (${each})`, collect)
    .option("--ca-key-name <name>", "ssh: the ED25519 DFC key that signs certificates")
    .addOption(new Option("--ca-key <name>", "same as --ca-key-name").hideHelp())
    .option(
      "--allowed-principal <p>",
      `ssh: a principal callers may ask for; * allows any (${each})`,
      collect,
    )
    .option(
      "--default-principal <p>",
      `ssh: a principal used when the caller asks for none (${each})`,
      collect,
    )
    .option(
      "--extension <k[=v]>",
      `ssh: certificate extension (${each}; default permit-pty)`,
      collect,
    )
    .option(
      "--critical-option <k=v>",
      `ssh: force-command, source-address or verify-required (${each})`,
      collect,
    )
    .option(
      "--key-name <name>",
      "jwt: the ED25519 DFC key that signs tokens; custom: the key sealing the payload",
    )
    .addOption(new Option("--key <name>", "same as --key-name").hideHelp())
    .option("--issuer <iss>", "jwt: the iss claim (default keyfrag)")
    .option("--audience <aud>", `jwt: an aud claim (${each})`, collect)
    .option(
      "--claims-template <json>",
      "jwt: JSON object of extra claims; strings may hold {{access_id}}, {{producer}}, {{sub_claim.KEY}}",
    )
    .option("--create-url <url>", "custom: the webhook that creates a credential")
    .option("--revoke-url <url>", "custom: the webhook that revokes one")
    .option("--rotate-url <url>", "custom: the webhook that rotates the payload's credentials")
    .option("--payload-stdin", "custom: read the payload handed to the webhooks from stdin")
    .option("--payload-file <path>", "custom: read the payload from a file")
    .option("--timeout <duration>", "custom: webhook timeout (default 15s, at most 120s)");
}

/** The flags of one kind of producer: [option key, flag, the dynamic secret types taking it]. */
const PRODUCER_FLAGS: [key: string, flag: string, types: readonly string[]][] = [
  ["creationStatement", "--creation-statement", SQL],
  ["revocationStatement", "--revocation-statement", SQL],
  ["renewStatement", "--renew-statement", SQL],
  ["aclRule", "--acl-rule", ["redis"]],
  ["caKeyName", "--ca-key-name", ["ssh"]],
  ["caKey", "--ca-key", ["ssh"]],
  ["allowedPrincipal", "--allowed-principal", ["ssh"]],
  ["defaultPrincipal", "--default-principal", ["ssh"]],
  ["extension", "--extension", ["ssh"]],
  ["criticalOption", "--critical-option", ["ssh"]],
  ["keyName", "--key-name", ["jwt", "custom"]],
  ["key", "--key", ["jwt", "custom"]],
  ["issuer", "--issuer", ["jwt"]],
  ["audience", "--audience", ["jwt"]],
  ["claimsTemplate", "--claims-template", ["jwt"]],
  ["createUrl", "--create-url", ["custom"]],
  ["revokeUrl", "--revoke-url", ["custom"]],
  ["rotateUrl", "--rotate-url", ["custom"]],
  ["payloadStdin", "--payload-stdin", ["custom"]],
  ["payloadFile", "--payload-file", ["custom"]],
  ["timeout", "--timeout", ["custom"]],
];

/** The request of `create-dynamic-secret`: common settings and the type's producer. */
async function dynamicSecretRequest(io: CliIo, o: Opts): Promise<CreateDynamicSecretInput> {
  const type = oneOf("--type", o.type as string, DYNAMIC_SECRET_TYPES);
  const onlyFor: [key: string, flag: string, types: readonly string[]][] = [
    ["target", "--target", TARGET_TYPES],
    ...PRODUCER_FLAGS,
  ];
  for (const [key, flag, types] of onlyFor) {
    if (o[key] !== undefined && !types.includes(type)) {
      throw new UsageError(`${flag} is for type ${types.join(", ")}, not ${type}`);
    }
  }
  const common = {
    name: o.name as string,
    type,
    target: str(o, "target") ?? "",
    user_ttl_seconds: duration(o, "userTtl", "--user-ttl"),
    max_ttl_seconds: duration(o, "maxTtl", "--max-ttl"),
    description: str(o, "description") ?? "",
  };
  switch (type) {
    case "postgresql":
    case "mysql":
    case "redis":
      if (!common.target) throw new UsageError(`--target is required for type ${type}`);
      return type === "redis"
        ? { ...common, redis: { acl_rules: list(o, "aclRule") } }
        : {
            ...common,
            sql: {
              creation_statements: list(o, "creationStatement"),
              revocation_statements: list(o, "revocationStatement"),
              renew_statements: list(o, "renewStatement"),
            },
          };
    case "ssh":
      return { ...common, ssh: sshProducer(o) };
    case "jwt": {
      const key = keyName(o, "keyName", "key");
      if (!key) throw new UsageError("--key-name is required for type jwt");
      return {
        ...common,
        jwt: {
          key_name: key,
          issuer: str(o, "issuer") ?? "",
          audience: list(o, "audience"),
          claims_template: o.claimsTemplate === undefined ? "" : claimsTemplate(o),
        },
      };
    }
    case "custom": {
      const createUrl = str(o, "createUrl");
      const revokeUrl = str(o, "revokeUrl");
      if (!createUrl || !revokeUrl) {
        throw new UsageError("--create-url and --revoke-url are required for type custom");
      }
      return {
        ...common,
        custom: {
          create_url: createUrl,
          revoke_url: revokeUrl,
          rotate_url: str(o, "rotateUrl") ?? "",
          payload: (await readSecretText(io, o, "payload", { trimNewline: false })) ?? "",
          key_name: keyName(o, "keyName", "key") ?? "",
          timeout_seconds: duration(o, "timeout", "--timeout"),
        },
      };
    }
  }
}

function sshProducer(o: Opts): SshProducer {
  const caKey = keyName(o, "caKeyName", "caKey");
  if (!caKey) throw new UsageError("--ca-key-name is required for type ssh");
  const allowed = list(o, "allowedPrincipal");
  if (allowed.length === 0) {
    throw new UsageError('--allowed-principal is required for type ssh (use "*" for any)');
  }
  checkPrincipals(o);
  return {
    ca_key_name: caKey,
    allowed_principals: allowed,
    default_principals: list(o, "defaultPrincipal"),
    extensions: extensionsOf(o),
    critical_options: uniquePairs("--critical-option", list(o, "criticalOption")),
  };
}

/**
 * The producer settings of `update-dynamic-secret`, of `current`'s kind: the flags given replace
 * their setting, the others stay as `current` has them (an empty key name keeps the key; a
 * custom producer's payload is sent only when a new one is given).
 */
async function updatedProducer(
  io: CliIo,
  o: Opts,
  current: DynamicSecret__Output,
): Promise<Partial<UpdateDynamicSecretRequest>> {
  const given = (key: string) => o[key] !== undefined;
  const replace = <T>(key: string, value: () => T, old: T): T => (given(key) ? value() : old);
  switch (current.type) {
    case "postgresql":
    case "mysql": {
      const sql = current.sql;
      return {
        sql: {
          creation_statements: replace(
            "creationStatement",
            () => list(o, "creationStatement"),
            sql?.creation_statements ?? [],
          ),
          revocation_statements: replace(
            "revocationStatement",
            () => list(o, "revocationStatement"),
            sql?.revocation_statements ?? [],
          ),
          renew_statements: replace(
            "renewStatement",
            () => list(o, "renewStatement"),
            sql?.renew_statements ?? [],
          ),
        },
      };
    }
    case "redis":
      return { redis: { acl_rules: list(o, "aclRule") } };
    case "ssh": {
      const ssh = current.ssh;
      checkPrincipals(o);
      const allowed = replace(
        "allowedPrincipal",
        () => list(o, "allowedPrincipal"),
        ssh?.allowed_principals ?? [],
      );
      return {
        ssh: {
          ca_key_name: keyName(o, "caKeyName", "caKey") ?? "",
          allowed_principals: allowed,
          default_principals: replace(
            "defaultPrincipal",
            () => list(o, "defaultPrincipal"),
            ssh?.default_principals ?? [],
          ),
          extensions: replace("extension", () => extensionsOf(o), ssh?.extensions ?? {}),
          critical_options: replace(
            "criticalOption",
            () => uniquePairs("--critical-option", list(o, "criticalOption")),
            ssh?.critical_options ?? {},
          ),
        },
      };
    }
    case "jwt": {
      const jwt = current.jwt;
      return {
        jwt: {
          key_name: keyName(o, "keyName", "key") ?? "",
          issuer: str(o, "issuer") ?? jwt?.issuer ?? "",
          audience: replace("audience", () => list(o, "audience"), jwt?.audience ?? []),
          claims_template: replace(
            "claimsTemplate",
            () => claimsTemplate(o),
            jwt?.claims_template ?? "",
          ),
        },
      };
    }
    case "custom": {
      const custom = current.custom;
      return {
        custom: {
          create_url: str(o, "createUrl") ?? custom?.create_url ?? "",
          revoke_url: str(o, "revokeUrl") ?? custom?.revoke_url ?? "",
          rotate_url: str(o, "rotateUrl") ?? custom?.rotate_url ?? "",
          payload: (await readSecretText(io, o, "payload", { trimNewline: false })) ?? "",
          key_name: keyName(o, "keyName", "key") ?? "",
          timeout_seconds: given("timeout")
            ? duration(o, "timeout", "--timeout")
            : (custom?.timeout_seconds ?? 0),
        },
      };
    }
    default:
      throw new CliError(
        `${current.name} is a ${current.type} dynamic secret, which this CLI does not know`,
      );
  }
}

/** `--claims-template`, checked to be a JSON object. */
function claimsTemplate(o: Opts): string {
  const template = str(o, "claimsTemplate") ?? "";
  const claims = parseJson("--claims-template", template);
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) {
    throw new UsageError("--claims-template must be a JSON object");
  }
  return template;
}

function checkPrincipals(o: Opts): void {
  for (const flag of ["allowedPrincipal", "defaultPrincipal"]) {
    // An empty one is what `--allowed-principal "$USER"` gives where USER is unset.
    if (list(o, flag).some((p) => p.trim() === "")) {
      throw new UsageError(
        `--${flag === "allowedPrincipal" ? "allowed" : "default"}-principal must not be empty`,
      );
    }
  }
}

/** `--extension k[=v]`…: most extensions are flags (permit-pty), so a bare name has no value. */
function extensionsOf(o: Opts): Record<string, string> {
  const extensions: Record<string, string> = {};
  for (const value of list(o, "extension")) {
    // Most extensions are flags (permit-pty): a bare name has an empty value.
    const [k, v] = value.includes("=") ? parsePair("--extension", value) : [value, ""];
    if (!k) throw new UsageError(`--extension takes a name or name=value, not ""`);
    if (k in extensions) throw new UsageError(`--extension ${k} given twice`);
    extensions[k] = v;
  }
  return extensions;
}

/**
 * The connection map of `create-target` (of `update-target` when `type` is unknown: only the
 * settings given, none required): the named flags and `--connection k=v`.
 */
function connectionOf(
  type: (typeof TARGET_TYPES)[number] | undefined,
  o: Opts,
): Record<string, string> {
  const connection = uniquePairs("--connection", list(o, "connection"));
  const named: [key: string, value: string | undefined, types: readonly string[]][] = [
    ["host", str(o, "host"), TARGET_TYPES],
    ["port", str(o, "port"), TARGET_TYPES],
    ["database", str(o, "database"), SQL],
    ["username", str(o, "username"), TARGET_TYPES],
    ["sslmode", str(o, "sslmode"), ["postgresql"]],
    ["tls", o.tls ? "true" : undefined, ["mysql", "redis"]],
  ];
  for (const [key, value, types] of named) {
    if (value === undefined) continue;
    if (type && !types.includes(type)) {
      throw new UsageError(`--${key} is for type ${types.join(", ")}, not ${type}`);
    }
    if (key in connection) throw new UsageError(`give --${key} or --connection ${key}=…, not both`);
    connection[key] = value;
  }
  const port = connection.port;
  const removed = type === undefined && port === "";
  if (
    port !== undefined &&
    !removed &&
    !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)
  ) {
    throw new UsageError(`--port must be a number from 1 to 65535, not ${JSON.stringify(port)}`);
  }
  if (type && !connection.host) throw new UsageError("--host is required");
  return connection;
}

/**
 * Reads a secret given as `--<name>-stdin` or `--<name>-file` (never as a flag's value, which
 * other users of the machine could see in the process list); undefined when neither is given.
 */
async function readSecretText(
  io: CliIo,
  o: Opts,
  name: "password" | "payload",
  { trimNewline = true } = {},
): Promise<string | undefined> {
  const fromStdin = Boolean(o[`${name}Stdin`]);
  const file = str(o, `${name}File`);
  if (fromStdin && file !== undefined) {
    throw new UsageError(`give --${name}-stdin or --${name}-file, not both`);
  }
  if (!fromStdin && file === undefined) return undefined;
  const bytes = await readValue(io, fromStdin ? { value: "-" } : { valueFile: file });
  let text = bytes.toString("utf8");
  // `echo pw | …` and files saved by editors end with a newline that is not the password's.
  if (trimNewline) text = text.replace(/\r?\n$/, "");
  if (text === "") {
    throw new UsageError(
      fromStdin ? `--${name}-stdin: stdin was empty` : `--${name}-file: ${file} is empty`,
    );
  }
  return text;
}

/** A DFC key name given as `--key-name` or its short alias. */
function keyName(o: Opts, key: string, alias: string): string | undefined {
  const a = str(o, key);
  const b = str(o, alias);
  if (a !== undefined && b !== undefined) {
    const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UsageError(`give ${flag(key)} or ${flag(alias)}, not both`);
  }
  return a ?? b;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    const choices = `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`;
    throw new UsageError(`${flag} must be ${choices}, not ${JSON.stringify(value)}`);
  }
  return found;
}

/** A duration flag in seconds; 0 when not given (the server's default), never 0 when given. */
function duration(o: Opts, key: string, flag: string): number {
  if (o[key] === undefined) return 0;
  const seconds = parseDuration(flag, o[key] as string);
  // 0 is how the request says "the default", so a given 0 would silently mean something else.
  if (seconds === 0)
    throw new UsageError(`${flag} must be more than 0 (leave it out for the default)`);
  return seconds;
}

// The message never quotes the value: it may hold credentials (a webhook's input).
function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${flag} must be JSON`);
  }
}

function uniquePairs(flag: string, values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const [k, v] = parsePair(flag, value);
    if (k in out) throw new UsageError(`${flag} ${k} given twice`);
    out[k] = v;
  }
  return out;
}

/** Where ssh-keygen puts the certificate of `id.pub`: `id-cert.pub`. */
export function certificatePath(publicKeyFile: string): string {
  const base = publicKeyFile.endsWith(".pub") ? publicKeyFile.slice(0, -4) : publicKeyFile;
  return `${base}-cert.pub`;
}

async function writeCertificate(path: string, certificate: string): Promise<void> {
  try {
    await writeFile(path, `${certificate.trimEnd()}\n`, { mode: 0o644 });
    // An existing file keeps its mode on writeFile; a certificate is public.
    await chmod(path, 0o644);
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** Seconds as `1h30m`; "" for 0. */
export function formatDuration(seconds: number): string {
  return seconds ? secondsAsDuration(seconds) : "";
}

function address(t: Target__Output): string {
  const host = t.connection.host ?? "";
  const port = t.connection.port;
  return port ? `${host}:${port}` : host;
}

function formatTarget(t: Target__Output): string {
  const connection = Object.entries(t.connection)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return fields([
    ["name", t.name],
    ["type", t.type],
    ["connection", connection],
    ["key", t.key_name],
    ["user prefix", t.user_prefix],
    ["description", t.description],
    ["created", isoTime(t.created_at_ms)],
  ]);
}

function formatDynamicSecret(s: DynamicSecret__Output): string {
  const pairs = (m: Record<string, string> | undefined) =>
    Object.entries(m ?? {})
      .map(([k, v]) => (v ? `${k}=${v}` : k))
      .join(", ");
  const join = (values: readonly string[] | undefined) => values?.join(", ");
  const statements = (what: string, values: readonly string[] | undefined) =>
    (values ?? []).map((v, i) => [`${what} ${i + 1}`, v] as const);
  return fields([
    ["name", s.name],
    ["type", s.type],
    ["target", s.target],
    ["user ttl", formatDuration(s.user_ttl_seconds)],
    ["max ttl", formatDuration(s.max_ttl_seconds)],
    ["description", s.description],
    ...statements("creation statement", s.sql?.creation_statements),
    ...statements("revocation statement", s.sql?.revocation_statements),
    ...statements("renew statement", s.sql?.renew_statements),
    ["acl rules", join(s.redis?.acl_rules)],
    ["ca key", s.ssh?.ca_key_name],
    ["allowed principals", join(s.ssh?.allowed_principals)],
    ["default principals", join(s.ssh?.default_principals)],
    ["extensions", pairs(s.ssh?.extensions)],
    ["critical options", pairs(s.ssh?.critical_options)],
    ["key", s.jwt?.key_name ?? s.custom?.key_name],
    ["issuer", s.jwt?.issuer],
    ["audience", join(s.jwt?.audience)],
    ["claims template", s.jwt?.claims_template],
    ["create url", s.custom?.create_url],
    ["revoke url", s.custom?.revoke_url],
    ["rotate url", s.custom?.rotate_url],
    ["timeout", s.custom ? formatDuration(s.custom.timeout_seconds) : undefined],
    ["created", isoTime(s.created_at_ms)],
  ]);
}

function formatLease(l: Lease__Output): string {
  return fields([
    ["lease", l.id],
    ["dynamic secret", l.dynamic_secret],
    ["target", l.target],
    ["type", l.type],
    ["user", l.external_id],
    ["state", l.state],
    ["created", isoTime(l.created_at_ms)],
    ["expires", isoTime(l.expires_at_ms)],
    ["max expires", isoTime(l.max_expires_at_ms)],
    ["access id", l.access_id],
    ["last error", l.last_error],
    ["failing since", isoTime(l.failing_since_ms)],
    ["revoked", isoTime(l.revoked_at_ms)],
    ["revoke attempts", l.revoke_attempts || undefined],
  ]);
}
