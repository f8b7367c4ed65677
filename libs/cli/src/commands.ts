/** The commands, one per gateway method (kebab-case), each a thin layer over the SDK. */

import { type EventEmitter, once } from "node:events";
import { type FileHandle, open, rm } from "node:fs/promises";
import { isKeyAlgorithm, KEY_ALGORITHMS } from "@keyfrag/rpc";
import { type Command, Option } from "commander";
import { CliError, UsageError } from "./cli-errors.js";
import { type CommandContext, OUTPUT_FORMATS, readTextFile, readValue } from "./context.js";
import {
  asText,
  encodeBytes,
  fields,
  formatItem,
  formatItems,
  formatRules,
  isoTime,
  table,
} from "./format.js";
import { pairsToLists, parseBase64, parseCount, parseDuration, parseTime } from "./parse.js";
import { saveProfile } from "./profile.js";
import { withProgress } from "./progress.js";

/** Runs a command's body with its context; returns the exit code (0 unless it says so). */
export type Runner = (
  cmd: Command,
  body: (ctx: CommandContext) => Promise<number | undefined>,
) => Promise<void>;

/** A command's parsed options, by camelCased flag name. */
export type Opts = Record<string, unknown>;

/** Accumulates a repeatable flag. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
/** A string flag, if given. */
export const str = (o: Opts, k: string) => o[k] as string | undefined;
/** A repeatable flag's values. */
export const list = (o: Opts, k: string) => (o[k] as string[] | undefined) ?? [];
/** A non-negative integer flag, 0 when not given. */
export const count = (o: Opts, k: string, flag: string) =>
  o[k] === undefined ? 0 : parseCount(flag, o[k] as string);

// Key creation, rotation and refresh run distributed protocols across the cluster.
const LONG_DEADLINE_MS = 120_000;

/** Commands whose own `--ca-file` is not the CA the CLI trusts. */
export const OWN_CA_FILE = new Set(["create-auth-method-cert"]);

/**
 * The global options again on each command, so they work after the command name too
 * (`keyfrag list-items --output json`); the program parses positionally, so a command's own
 * `--ca-file` never collides with the global one.
 */
function addGlobalOptions(cmd: Command, name: string): Command {
  cmd
    .addOption(new Option("--output <format>", "output format").choices(OUTPUT_FORMATS))
    .option("--gateway <host:port>", "the gateway")
    .option("--profile <name>", "profile");
  if (!OWN_CA_FILE.has(name)) cmd.option("--ca-file <path>", "CA certificate to trust");
  return cmd;
}

/** Makes commands on `program` that take the global options too and no extra arguments. */
export function commandFactory(program: Command): CommandFactory {
  return (name, description) =>
    addGlobalOptions(
      program.command(name).description(description).allowExcessArguments(false),
      name,
    );
}

/** Registers every command on `program`; `run` supplies the context and handles errors. */
export function registerCommands(program: Command, run: Runner): void {
  const command = commandFactory(program);

  command("auth", "log in and store the token in the profile")
    .option("--access-id <id>", "access id of the auth method (p-…)")
    .option("--access-key <key>", "access key (access-key methods; `-` reads stdin)")
    .option(
      "--access-key-file <path>",
      "read the access key from a file (just the key, or JSON credentials with access_id and access_key, as pnpm start writes)",
    )
    .option("--jwt <token>", "a JWT or Kubernetes service-account token (`-` reads stdin)")
    .option("--cert-file <path>", "client certificate (PEM) for certificate auth")
    .option("--key-file <path>", "private key (PEM) of the client certificate")
    .addHelpText(
      "after",
      "\nThe token lasts as long as the auth method says (15 minutes unless it sets a --token-ttl);\n" +
        "its expiry is printed and kept in the profile. For CI, skip the profile: set KEYFRAG_TOKEN\n" +
        "(e.g. KEYFRAG_TOKEN=$(keyfrag auth … --output json | jq -r .token)).",
    )
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        let accessId = str(o, "accessId");
        const certFile = str(o, "certFile");
        const keyFile = str(o, "keyFile");
        const keyGiven = o.accessKey !== undefined || o.accessKeyFile !== undefined;
        const chosen = [keyGiven || undefined, o.jwt, certFile].filter((v) => v !== undefined);
        if (chosen.length !== 1) {
          throw new UsageError(
            "give exactly one of --access-key (or --access-key-file), --jwt or --cert-file/--key-file",
          );
        }
        if (o.accessKey !== undefined && o.accessKeyFile !== undefined) {
          throw new UsageError("give --access-key or --access-key-file, not both");
        }
        if ((certFile === undefined) !== (keyFile === undefined)) {
          throw new UsageError("--cert-file and --key-file go together");
        }
        let credentials: Parameters<ReturnType<CommandContext["anonymousClient"]>["auth"]>[0];
        if (keyGiven) {
          const key = await readAccessKey(ctx, o);
          accessId ??= key.accessId;
          if (!accessId) throw new UsageError("--access-key needs --access-id");
          credentials = { accessId, accessKey: key.accessKey };
        } else if (o.jwt !== undefined) {
          const jwt =
            o.jwt === "-"
              ? (await readValue(ctx.io, { value: "-" }, "--jwt")).toString("utf8").trim()
              : (o.jwt as string);
          credentials = { jwt, ...(accessId ? { accessId } : {}) };
        } else {
          credentials = { certificate: true, ...(accessId ? { accessId } : {}) };
        }
        const client = ctx.anonymousClient(certFile && keyFile ? { certFile, keyFile } : {});
        const response = await client.auth(credentials);
        const expiresAtMs = Number(response.expires_at_ms);
        const path = await saveProfile(ctx.env, ctx.profileName, {
          ...ctx.profile,
          gateway: ctx.gateway,
          ...(ctx.caFile ? { caFile: ctx.caFile } : {}),
          token: response.token,
          tokenExpiresAtMs: expiresAtMs,
        });
        const identity = response.identity;
        ctx.print(
          {
            identity,
            token: response.token,
            expires_at: isoTime(expiresAtMs),
            profile: ctx.profileName,
            profile_file: path,
          },
          `logged in as ${identity?.access_id || accessId || "?"}${identity?.auth_method ? ` (${identity.auth_method})` : ""}; token stored in profile ${ctx.profileName}, valid for ${describeDuration(expiresAtMs - Date.now())} (until ${new Date(expiresAtMs).toLocaleString()})`,
        );
        return 0;
      }),
    );

  command("create-secret", "create a static secret")
    .requiredOption("--name <path>", "item name, e.g. /prod/db/password")
    .option("--value <value>", "the value (`-` reads stdin)")
    .option("--value-file <path>", "read the value from a file")
    .option("--description <text>", "description")
    .option("--tag <k=v>", "tag (repeatable)", collect)
    .option("--key-name <name>", "DFC key protecting the value (default: the system key)")
    .option("--max-versions <n>", "versions kept (default 10)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const value = await readValue(ctx.io, {
          value: str(o, "value"),
          valueFile: str(o, "valueFile"),
        });
        const item = await ctx.client().createSecret({
          name: o.name as string,
          value,
          description: str(o, "description") ?? "",
          tags: list(o, "tag"),
          key_name: str(o, "keyName") ?? "",
          max_versions: count(o, "maxVersions", "--max-versions"),
        });
        ctx.print(item, formatItem(item));
        return 0;
      }),
    );

  command("get-secret-value", "print the value of one or more secrets")
    .requiredOption("--name <path>", "item name (repeatable)", collect)
    .option("--version <n>", "version (default: the newest)")
    .option("--ignore-cache", "read past the gateway's value cache (never a cached value)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const names = list(o, "name");
        const values = await ctx.client().getSecretValue(names, {
          version: count(o, "version", "--version"),
          ignoreCache: Boolean(o.ignoreCache),
        });
        const json = {
          values: values.map((v) => ({
            name: v.name,
            version: v.version,
            ...encodeBytes(v.value),
          })),
        };
        const shown = (bytes: Buffer) => asText(bytes) ?? bytes.toString("base64");
        // One secret prints bare, so `$(keyfrag get-secret-value --name …)` just works.
        const text =
          values.length === 1 && values[0]
            ? shown(values[0].value)
            : table(
                ["NAME", "VERSION", "VALUE"],
                values.map((v) => [v.name, v.version, shown(v.value)]),
              );
        ctx.print(json, text);
        return 0;
      }),
    );

  command("update-secret-val", "add a version to a secret")
    .requiredOption("--name <path>", "item name")
    .option("--value <value>", "the new value (`-` reads stdin)")
    .option("--value-file <path>", "read the new value from a file")
    .option("--check-and-set", "succeed only if the newest version is --expected-version")
    .option("--expected-version <n>", "the version the update replaces")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const value = await readValue(ctx.io, {
          value: str(o, "value"),
          valueFile: str(o, "valueFile"),
        });
        if (o.checkAndSet && o.expectedVersion === undefined) {
          throw new UsageError("--check-and-set needs --expected-version");
        }
        const item = await ctx.client().updateSecretVal({
          name: o.name as string,
          value,
          check_and_set: Boolean(o.checkAndSet),
          expected_version: count(o, "expectedVersion", "--expected-version"),
        });
        ctx.print(item, formatItem(item));
        return 0;
      }),
    );

  for (const [name, description, method] of [
    ["delete-item", "delete an item (it can be restored)", "deleteItem"],
    ["restore-item", "restore a deleted item", "restoreItem"],
    ["purge-item", "remove a deleted item for good, every version (no restore after)", "purgeItem"],
    ["describe-item", "show an item's metadata", "describeItem"],
  ] as const) {
    command(name, description)
      .requiredOption("--name <path>", "item name")
      .action((o: Opts, cmd: Command) =>
        run(cmd, async (ctx) => {
          const item = await ctx.client()[method](o.name as string);
          ctx.print(item, formatItem(item));
          return 0;
        }),
      );
  }

  command(
    "destroy-secret-version",
    "destroy one version of a static secret for good (its value; its metadata stays)",
  )
    .requiredOption("--name <path>", "static secret name")
    .requiredOption("--version <n>", "the version to destroy (describe-item lists them)")
    .addHelpText(
      "after",
      "\nThe value of that version cannot be read again, by anyone; the other versions stay\n" +
        "(delete-item and purge-item act on the whole item). Needs delete on the item.",
    )
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const version = count(o, "version", "--version");
        const item = await ctx.client().destroySecretVersion(o.name as string, version);
        ctx.print(item, `destroyed version ${version} of ${item.name}\n${formatItem(item)}`);
        return 0;
      }),
    );

  command("list-items", "list the items under a folder at any depth, and its folders (every page)")
    .option("--path <folder>", "folder", "/")
    .option("--type <type>", "static-secret, dfc-key or sealed-key")
    .option("--include-deleted", "include deleted items")
    .option("--page-size <n>", "items per request")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const client = ctx.client();
        const items = [];
        let pageToken = "";
        do {
          const page = await client.listItems({
            path: folderPath(o.path as string),
            type: str(o, "type") ?? "",
            include_deleted: Boolean(o.includeDeleted),
            page_size: count(o, "pageSize", "--page-size"),
            page_token: pageToken,
          });
          items.push(...page.items);
          pageToken = page.next_page_token;
        } while (pageToken);
        const folders = subfolders(
          folderPath(o.path as string),
          items.map((i) => i.name),
        );
        const folderLine = folders.length > 0 ? `folders: ${folders.join("  ")}\n` : "";
        ctx.print({ folders, items }, folderLine + formatItems(items));
        return 0;
      }),
    );

  command("create-dfc-key", "create a distributed (fragmented) key")
    .requiredOption("--name <path>", "key name")
    .requiredOption("--alg <algorithm>", KEY_ALGORITHMS.join(", "))
    .option("--slots <n>", "cluster slots holding fragments (default: all)")
    .option("--threshold <n>", "fragments needed to use the key (default: all)")
    .option("--customer-slot", "one fragment is held by the customer")
    .option("--rotation-interval-days <n>", "rotate automatically every n days")
    .option("--description <text>", "description")
    .option("--tag <k=v>", "tag (repeatable)", collect)
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const algorithm = (o.alg as string).toUpperCase();
        if (!isKeyAlgorithm(algorithm)) {
          throw new UsageError(`--alg must be one of ${KEY_ALGORITHMS.join(", ")}`);
        }
        const item = await withProgress(
          ctx.io.stderr,
          `creating ${o.name as string}`,
          ctx.client({ deadlineMs: LONG_DEADLINE_MS }).createDfcKey({
            name: o.name as string,
            algorithm,
            slots: count(o, "slots", "--slots"),
            threshold: count(o, "threshold", "--threshold"),
            customer_slot: Boolean(o.customerSlot),
            rotation_interval_days: count(o, "rotationIntervalDays", "--rotation-interval-days"),
            description: str(o, "description") ?? "",
            tags: list(o, "tag"),
          }),
        );
        ctx.print(item, formatItem(item));
        return 0;
      }),
    );

  command("encrypt", "encrypt with a DFC key (prints base64 ciphertext)")
    .requiredOption("--key-name <name>", "the key")
    .option("--plaintext <text>", "the plaintext (`-` reads stdin)")
    .option("--plaintext-file <path>", "read the plaintext from a file")
    .option("--context <k=v>", "encryption context (repeatable; decrypt needs the same)", collect)
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const plaintext = await readValue(
          ctx.io,
          { value: str(o, "plaintext"), valueFile: str(o, "plaintextFile") },
          "--plaintext",
        );
        const response = await ctx.client().encrypt({
          key_name: o.keyName as string,
          plaintext,
          context: contextOf(list(o, "context")),
        });
        ctx.print(response, response.ciphertext.toString("base64"));
        return 0;
      }),
    );

  command("decrypt", "decrypt a base64 ciphertext")
    .requiredOption("--key-name <name>", "the key")
    .requiredOption("--ciphertext <base64>", "the ciphertext")
    .option("--context <k=v>", "encryption context (repeatable)", collect)
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await ctx.client().decrypt({
          key_name: o.keyName as string,
          ciphertext: parseBase64("--ciphertext", o.ciphertext as string),
          context: contextOf(list(o, "context")),
        });
        const text = asText(response.plaintext) ?? response.plaintext.toString("base64");
        ctx.print({ plaintext: encodeBytes(response.plaintext) }, text);
        return 0;
      }),
    );

  command("sign", "sign data with an ED25519 DFC key (prints base64 signature)")
    .requiredOption("--key-name <name>", "the key")
    .requiredOption("--data <text>", "the data (`-` reads stdin)")
    .option("--version <n>", "key version (default: the newest)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await ctx.client().sign({
          key_name: o.keyName as string,
          data: await readValue(ctx.io, { value: str(o, "data") }, "--data"),
          version: count(o, "version", "--version"),
        });
        ctx.print(response, response.signature.toString("base64"));
        return 0;
      }),
    );

  command("verify", "verify a base64 signature (exit code 1 when invalid)")
    .requiredOption("--key-name <name>", "the key")
    .requiredOption("--data <text>", "the signed data (`-` reads stdin)")
    .requiredOption("--signature <base64>", "the signature")
    .option("--version <n>", "key version (default: whichever kept version made it)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await ctx.client().verify({
          key_name: o.keyName as string,
          data: await readValue(ctx.io, { value: str(o, "data") }, "--data"),
          signature: parseBase64("--signature", o.signature as string),
          version: count(o, "version", "--version"),
        });
        ctx.print(response, response.valid ? "valid" : "invalid");
        return response.valid ? 0 : 1;
      }),
    );

  command("get-public-key", "print the public key of an ED25519 DFC key (PEM)")
    .option("--name <name>", "the key")
    .addOption(new Option("--key-name <name>", "the key (as --name)").hideHelp())
    .option("--version <n>", "key version (default: the newest)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const name = str(o, "name") ?? str(o, "keyName");
        if (!name) throw new UsageError("required option '--name <name>' not specified");
        const response = await ctx.client().getPublicKey({
          key_name: name,
          version: count(o, "version", "--version"),
        });
        ctx.print(
          response,
          response.public_key_pem.trimEnd() || response.public_key.toString("base64"),
        );
        return 0;
      }),
    );

  command("rotate-key", "add a new version to a DFC key")
    .requiredOption("--name <path>", "key name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const item = await withProgress(
          ctx.io.stderr,
          `rotating ${o.name as string}`,
          ctx.client({ deadlineMs: LONG_DEADLINE_MS }).rotateKey(o.name as string),
        );
        ctx.print(item, formatItem(item));
        return 0;
      }),
    );

  command("refresh-key", "refresh the fragments of a DFC key (new epoch, same key)")
    .requiredOption("--name <path>", "key name")
    .option("--version <n>", "key version (default: the newest)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await withProgress(
          ctx.io.stderr,
          `refreshing ${o.name as string}`,
          ctx
            .client({ deadlineMs: LONG_DEADLINE_MS })
            .refreshKey({ name: o.name as string, version: count(o, "version", "--version") }),
        );
        ctx.print(
          response,
          `refreshed ${o.name as string}: epoch ${response.epoch} (${response.duration_ms} ms)`,
        );
        return 0;
      }),
    );

  command("create-role", "create a role")
    .requiredOption("--name <name>", "role name")
    .option("--description <text>", "description")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const role = await ctx
          .client()
          .createRole({ name: o.name as string, description: str(o, "description") ?? "" });
        ctx.print(role, formatRole(role));
        return 0;
      }),
    );

  command("get-role", "show a role and its rules")
    .requiredOption("--name <name>", "role name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const role = await ctx.client().getRole(o.name as string);
        ctx.print(role, formatRole(role));
        return 0;
      }),
    );

  command("list-roles", "list the roles (every page)").action((_o: Opts, cmd: Command) =>
    run(cmd, async (ctx) => {
      const client = ctx.client();
      const roles = [];
      let pageToken = "";
      do {
        const page = await client.listRoles({ page_token: pageToken });
        roles.push(...page.roles);
        pageToken = page.next_page_token;
      } while (pageToken);
      ctx.print(
        { roles },
        roles.length === 0
          ? "(no roles)"
          : table(
              ["NAME", "RULES", "DESCRIPTION"],
              roles.map((r) => [r.name, r.rules.length, r.description]),
            ),
      );
      return 0;
    }),
  );

  command("delete-role", "delete a role")
    .requiredOption("--name <name>", "role name")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await ctx.client().deleteRole(o.name as string);
        ctx.print(response, `deleted role ${o.name as string}`);
        return 0;
      }),
    );

  command("set-role-rule", "set the capabilities of one rule of a role")
    .requiredOption("--role-name <name>", "role name")
    .requiredOption("--path <glob>", "path glob, e.g. /prod/*")
    .requiredOption(
      "--capability <cap>",
      "create, read, update, delete, list, sign or deny (repeatable)",
      collect,
    )
    .option("--rule-type <type>", "item, auth-method, role or audit", "item")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const role = await ctx.client().setRoleRule({
          role_name: o.roleName as string,
          rule: {
            rule_type: o.ruleType as string,
            path: o.path as string,
            capabilities: list(o, "capability"),
          },
        });
        ctx.print(role, formatRole(role));
        return 0;
      }),
    );

  command("assoc-role-auth-method", "grant a role to the identities of an auth method")
    .requiredOption("--role-name <name>", "role name")
    .requiredOption("--access-id <id>", "access id of the auth method")
    .option("--sub-claim <k=v>", "only identities with this claim value (repeatable)", collect)
    .option("--case-sensitive", "compare sub-claim values case-sensitively")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const association = await ctx.client().assocRoleAuthMethod({
          role_name: o.roleName as string,
          access_id: o.accessId as string,
          sub_claims: pairsToLists("--sub-claim", list(o, "subClaim")),
          case_sensitive: Boolean(o.caseSensitive),
        });
        const claims = Object.entries(association.sub_claims ?? {})
          .map(([k, v]) => `${k}=${v.values.join("|")}`)
          .join(", ");
        ctx.print(
          association,
          fields([
            ["association", association.id],
            ["role", association.role_name],
            ["access id", association.access_id],
            ["sub-claims", claims],
            ["case-sensitive", association.case_sensitive ? "yes" : undefined],
          ]),
        );
        return 0;
      }),
    );

  registerAuthMethodCommands(command, run);

  command("revoke-token", "revoke this profile's token, or every token of an access id")
    .option("--access-id <id>", "revoke every token issued to this access id so far")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const accessId = str(o, "accessId");
        const client = ctx.client();
        const response = await client.revokeToken(accessId ? { access_id: accessId } : undefined);
        if (!accessId) {
          const { token: _revoked, tokenExpiresAtMs: _expiry, ...rest } = ctx.profile;
          await saveProfile(ctx.env, ctx.profileName, rest);
        }
        ctx.print(
          response,
          accessId ? `revoked every token of ${accessId}` : "revoked this profile's token",
        );
        return 0;
      }),
    );

  command("describe-permissions", "show what the current identity may do").action(
    (_o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const response = await ctx.client().describePermissions();
        const text =
          response.roles.length === 0
            ? "(no roles: every request is denied)"
            : response.roles.map((r) => `role ${r.role_name}\n${formatRules(r.rules)}`).join("\n");
        ctx.print(response, text);
        return 0;
      }),
  );

  command("get-audit-events", "query the audit log, newest first")
    .option("--since <when>", "from (30m, 1h, 7d or an ISO date)")
    .option("--until <when>", "until (30m, 1h, 7d or an ISO date)")
    .option("--actor <access-id>", "only this actor")
    .option("--action <action>", "only this action, e.g. get-secret-value")
    .option("--path-prefix <path>", "only paths under this prefix")
    .option("--result <result>", "allowed, denied or error")
    .option("--limit <n>", "at most n events", "100")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const now = Date.now();
        const limit = parseCount("--limit", o.limit as string);
        const client = ctx.client();
        const records = [];
        let pageToken = "";
        do {
          const page = await client.getAuditEvents({
            since_ms: o.since ? parseTime("--since", o.since as string, now) : 0,
            until_ms: o.until ? parseTime("--until", o.until as string, now) : 0,
            actor: str(o, "actor") ?? "",
            action: str(o, "action") ?? "",
            path_prefix: str(o, "pathPrefix") ?? "",
            result: str(o, "result") ?? "",
            page_size: Math.min(1000, Math.max(1, limit - records.length)),
            page_token: pageToken,
          });
          records.push(...page.records);
          pageToken = page.next_page_token;
        } while (pageToken && records.length < limit);
        records.splice(limit);
        ctx.print(
          { records },
          records.length === 0
            ? "(no events)"
            : table(
                ["TIME", "ACTOR", "ACTION", "PATH", "RESULT", "REASON"],
                records.map((r) => [
                  isoTime(r.time_ms),
                  r.actor?.access_id ?? "",
                  r.action,
                  r.path,
                  r.result,
                  r.reason,
                ]),
              ),
        );
        return 0;
      }),
    );

  command("verify-audit-chain", "check that no audit record was changed, removed or inserted")
    .addHelpText("after", "\nExit code 1 when the chain is broken.")
    .action((_o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const r = await withProgress(
          ctx.io.stderr,
          "verifying the audit chain",
          ctx.client({ deadlineMs: LONG_DEADLINE_MS }).verifyAuditChain(),
        );
        const pruned =
          Number(r.pruned_through_seq) > 0
            ? ` (records up to ${r.pruned_through_seq} were pruned by retention)`
            : "";
        ctx.print(
          r,
          r.ok
            ? `ok: ${r.records} records, chained${pruned}`
            : `BROKEN at record ${r.broken_seq}: ${r.problem}${pruned}`,
        );
        return r.ok ? 0 : 1;
      }),
    );

  command("export-audit-events", "write audit records as JSON lines, newest first, as they stream")
    .option("--since <when>", "from (30m, 1h, 7d or an ISO date)")
    .option("--until <when>", "until (30m, 1h, 7d or an ISO date)")
    .option("--actor <access-id>", "only this actor")
    .option("--action <action>", "only this action, e.g. get-secret-value")
    .option("--path-prefix <path>", "only paths under this prefix")
    .option("--result <result>", "allowed, denied or error")
    .option("--out <file>", "write to this file (created, mode 0600) instead of stdout")
    .addHelpText(
      "after",
      "\nEach line is a record as the audit log stores and hashes it (seq, time in ms, prevHash,\n" +
        "hash), so an export can be re-verified offline. Records are written as the gateway\n" +
        "streams them: an export of any size is never held in memory. A failed export to --out\n" +
        "removes the file (it would be incomplete).",
    )
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const now = Date.now();
        const out = str(o, "out");
        const query = {
          since_ms: o.since ? parseTime("--since", o.since as string, now) : 0,
          until_ms: o.until ? parseTime("--until", o.until as string, now) : 0,
          actor: str(o, "actor") ?? "",
          action: str(o, "action") ?? "",
          path_prefix: str(o, "pathPrefix") ?? "",
          result: str(o, "result") ?? "",
          page_size: 0,
          page_token: "",
        };
        const chunks = ctx.client().exportAuditEvents(query);
        if (out === undefined) {
          const stdout = ctx.io.stdout as { write(text: string): unknown } & Partial<EventEmitter>;
          for await (const lines of chunks) {
            // Waits while a pipe's reader is slower than the stream (backpressure).
            if (stdout.write(lines) === false && stdout.once)
              await once(stdout as EventEmitter, "drain");
          }
          return 0;
        }
        let file: FileHandle;
        try {
          file = await open(out, "wx", 0o600);
        } catch (err) {
          throw new CliError(
            `cannot write --out ${out}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
          );
        }
        let count = 0;
        try {
          for await (const lines of chunks) {
            await file.write(lines);
            count += lines.split("\n").length - 1;
          }
          await file.close();
        } catch (err) {
          await file.close().catch(() => {});
          await rm(out, { force: true });
          throw err;
        }
        ctx.io.stderr.write(`wrote ${count} records to ${out}\n`);
        return 0;
      }),
    );

  command(
    "cluster-status",
    "show the coordinator, the services and their health, the fragment nodes and a page of keys",
  )
    .option("--page-size <n>", "keys per page (default 100, at most 1000)")
    .option("--page-token <token>", "the page a previous cluster-status named")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const s = await ctx.client().clusterStatus({
          page_size: count(o, "pageSize", "--page-size"),
          page_token: str(o, "pageToken") ?? "",
        });
        const nodes = table(
          ["NODE", "SLOT", "REGION", "ZONE", "ADDRESS", "HEALTHY", "LAST SEEN", "KEY VERSIONS"],
          s.nodes.map((n) => [
            n.node_id,
            n.slot,
            n.region,
            n.zone,
            n.address,
            n.healthy ? "yes" : "NO",
            isoTime(n.last_seen_ms),
            n.key_versions_held,
          ]),
        );
        const keys =
          s.keys.length === 0
            ? "(no keys)"
            : table(
                ["KEY", "VERSION", "EPOCH", "LAST REFRESH"],
                s.keys.map((k) => [k.name, k.version, k.epoch, isoTime(k.last_refresh_at_ms)]),
              );
        const services =
          (s.services ?? []).length === 0
            ? ""
            : `${table(
                ["SERVICE", "ADDRESS", "HEALTHY"],
                (s.services ?? []).map((v) => [
                  v.name,
                  v.address,
                  v.healthy ? "yes" : `NO${v.detail ? ` (${v.detail})` : ""}`,
                ]),
              )}\n\n`;
        const more = s.next_page_token
          ? `\n\n${s.key_count} keys in the registry; next page: --page-token ${s.next_page_token}`
          : "";
        ctx.print(
          s,
          `coordinator ${s.coordinator_id}${s.leader ? " (leader" : " (not leader"}, fencing token ${s.fencing_token})\n\n${services}${nodes}\n\n${keys}${more}`,
        );
        return 0;
      }),
    );
}

/** Adds a command (name, description) to the program. */
export type CommandFactory = (name: string, description: string) => Command;

function registerAuthMethodCommands(command: CommandFactory, run: Runner): void {
  const common = (c: Command) =>
    c
      .requiredOption("--name <name>", "auth method name")
      .option("--description <text>", "description")
      .option(
        "--token-ttl <duration>",
        "lifetime of the tokens it issues (90s, 15m, 8h or seconds; default 15m)",
      )
      .option("--bound-cidr <cidr>", "accept logins only from this network (repeatable)", collect);

  const create = async (
    ctx: CommandContext,
    o: Opts,
    method: Record<string, unknown> & {
      method: "access_key" | "jwt" | "kubernetes" | "certificate";
    },
  ) => {
    const response = await ctx.client().createAuthMethod({
      name: o.name as string,
      description: str(o, "description") ?? "",
      token_ttl_seconds: positiveDuration(o, "tokenTtl", "--token-ttl"),
      ...method,
    });
    ctx.print(
      response,
      fields([
        ["name", response.method?.name],
        ["access id", response.method?.access_id],
        [
          "access key",
          response.access_key ? `${response.access_key}  (shown once: store it now)` : undefined,
        ],
      ]),
    );
    return 0;
  };

  common(command("create-auth-method-access-key", "create an access-key auth method")).action(
    (o: Opts, cmd: Command) =>
      run(cmd, (ctx) =>
        create(ctx, o, { method: "access_key", access_key: { bound_cidrs: list(o, "boundCidr") } }),
      ),
  );

  const jwtLike = async (o: Opts, kubernetes = false) => {
    const publicKeys = await Promise.all(
      list(o, "publicKey").map((path) => readTextFile("--public-key", path)),
    );
    if (!o.jwksUrl && publicKeys.length === 0 && !o.tokenReviewUrl) {
      throw new UsageError(
        kubernetes
          ? "give --jwks-url, --public-key or --token-review-url"
          : "give --jwks-url or --public-key",
      );
    }
    return {
      issuer: o.issuer as string,
      jwks_url: str(o, "jwksUrl") ?? "",
      public_keys: publicKeys,
      audiences: list(o, "audience"),
      bound_cidrs: list(o, "boundCidr"),
    };
  };

  common(command("create-auth-method-jwt", "create a JWT/OIDC auth method"))
    .requiredOption("--issuer <url>", "the issuer (iss)")
    .option("--jwks-url <url>", "where the issuer's keys are (https)")
    .option("--public-key <path>", "a PEM or JWK public key file (repeatable)", collect)
    .requiredOption("--audience <aud>", "accepted audience (repeatable)", collect)
    .option("--required-claim <k=v>", "claim that must have this value (repeatable)", collect)
    .option("--unique-identifier <claim>", "claim naming the identity in audit records", "sub")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) =>
        create(ctx, o, {
          method: "jwt",
          jwt: {
            ...(await jwtLike(o)),
            required_claims: pairsToLists("--required-claim", list(o, "requiredClaim")),
            unique_identifier: o.uniqueIdentifier as string,
          },
        }),
      ),
    );

  common(command("create-auth-method-k8s", "create a Kubernetes service-account auth method"))
    .requiredOption("--issuer <url>", "the cluster's service-account issuer")
    .option("--jwks-url <url>", "where the issuer's keys are (https)")
    .option("--public-key <path>", "a PEM or JWK public key file (repeatable)", collect)
    .requiredOption("--audience <aud>", "accepted audience (repeatable)", collect)
    .option(
      "--bound-namespace <ns>",
      "only service accounts of this namespace (repeatable)",
      collect,
    )
    .option("--bound-service-account <name>", "only this service account (repeatable)", collect)
    .option(
      "--token-review-url <url>",
      "also ask this API server (TokenReview); alone, it decides (https://kubernetes.default.svc)",
    )
    .option("--token-review-ca-file <path>", "PEM CA of the API server (with --token-review-url)")
    .option("--max-token-age <duration>", "refuse tokens issued longer ago (e.g. 1h)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) =>
        create(ctx, o, {
          method: "kubernetes",
          kubernetes: {
            ...(await jwtLike(o, true)),
            bound_namespaces: list(o, "boundNamespace"),
            bound_service_accounts: list(o, "boundServiceAccount"),
            token_review_url: str(o, "tokenReviewUrl") ?? "",
            token_review_ca: o.tokenReviewCaFile
              ? await readTextFile("--token-review-ca-file", o.tokenReviewCaFile as string)
              : "",
            max_token_age_seconds: o.maxTokenAge
              ? parseDuration("--max-token-age", o.maxTokenAge as string)
              : 0,
          },
        }),
      ),
    );

  common(command("create-auth-method-cert", "create a client-certificate auth method"))
    .requiredOption("--ca-file <path>", "PEM file of the CA(s) that sign client certificates")
    .option("--bound-common-name <cn>", "only certificates with this CN (repeatable)", collect)
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) =>
        create(ctx, o, {
          method: "certificate",
          certificate: {
            ca_certificates: await readTextFile("--ca-file", o.caFile as string),
            bound_common_names: list(o, "boundCommonName"),
            bound_cidrs: list(o, "boundCidr"),
          },
        }),
      ),
    );

  command("list-auth-methods", "list the auth methods (every page)").action(
    (_o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const client = ctx.client();
        const methods = [];
        let pageToken = "";
        do {
          const page = await client.listAuthMethods({ page_token: pageToken });
          methods.push(...page.methods);
          pageToken = page.next_page_token;
        } while (pageToken);
        ctx.print(
          { methods },
          methods.length === 0
            ? "(no auth methods)"
            : table(
                ["NAME", "ACCESS ID", "TYPE", "CREATED"],
                methods.map((m) => [m.name, m.access_id, m.method ?? "", isoTime(m.created_at_ms)]),
              ),
        );
        return 0;
      }),
  );

  command("delete-auth-method", "delete an auth method (its tokens are revoked)")
    .option("--name <name>", "auth method name")
    .option("--access-id <id>", "or its access id")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        if (!o.name && !o.accessId) throw new UsageError("give --name or --access-id");
        const response = await ctx
          .client()
          .deleteAuthMethod({ name: str(o, "name") ?? "", access_id: str(o, "accessId") ?? "" });
        ctx.print(response, `deleted auth method ${str(o, "name") ?? str(o, "accessId")}`);
        return 0;
      }),
    );
}

function contextOf(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pairsToLists("--context", pairs))) {
    if (v.values.length > 1) throw new UsageError(`--context ${k} given twice`);
    out[k] = v.values[0] ?? "";
  }
  return out;
}

function formatRole(role: {
  name: string;
  description: string;
  rules: { rule_type: string; path: string; capabilities: string[] }[];
}): string {
  return `role ${role.name}${role.description ? ` — ${role.description}` : ""}\n${formatRules(role.rules)}`;
}

/** The access key of `--access-key` (`-`: stdin) or `--access-key-file` (a key, or JSON credentials). */
async function readAccessKey(
  ctx: CommandContext,
  o: Opts,
): Promise<{ accessKey: string; accessId?: string }> {
  const file = str(o, "accessKeyFile");
  if (file === undefined) {
    const value = o.accessKey as string;
    if (value !== "-") return { accessKey: value };
    const key = (await readValue(ctx.io, { value: "-" }, "--access-key")).toString("utf8").trim();
    if (!key) throw new UsageError("--access-key -: nothing on stdin");
    return { accessKey: key };
  }
  const text = (await readTextFile("--access-key-file", file)).trim();
  if (text.startsWith("{")) {
    let parsed: { access_id?: unknown; access_key?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new UsageError(`--access-key-file ${file}: not valid JSON`);
    }
    if (typeof parsed.access_key !== "string" || !parsed.access_key) {
      throw new UsageError(`--access-key-file ${file}: no "access_key" in it`);
    }
    return {
      accessKey: parsed.access_key,
      ...(typeof parsed.access_id === "string" ? { accessId: parsed.access_id } : {}),
    };
  }
  if (!text) throw new UsageError(`--access-key-file ${file} is empty`);
  return { accessKey: text };
}

/** 899_400 ms → "15 minutes"; rounded to the unit that reads best. */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} seconds`;
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** A duration flag in seconds (`15m`, `8h`, `3600`); 0 when not given, never 0 when given. */
function positiveDuration(o: Opts, key: string, flag: string): number {
  if (o[key] === undefined) return 0;
  const seconds = parseDuration(flag, o[key] as string);
  if (seconds === 0)
    throw new UsageError(`${flag} must be more than 0 (leave it out for the default)`);
  return seconds;
}

/** `/demo/` → `/demo`: a folder named with its trailing slash, as shells complete it. */
export function folderPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

/** The folders directly under `folder` that hold some of `names` (`/demo/` → `/demo/db/`). */
export function subfolders(folder: string, names: readonly string[]): string[] {
  const base = folder === "/" ? "/" : `${folder}/`;
  const found = new Set<string>();
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const rest = name.slice(base.length);
    const slash = rest.indexOf("/");
    if (slash > 0) found.add(`${base}${rest.slice(0, slash)}/`);
  }
  return [...found].sort();
}
