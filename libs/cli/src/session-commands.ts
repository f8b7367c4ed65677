import type { Command } from "commander";
import { UsageError } from "./cli-errors.js";
import { type CommandFactory, type Opts, type Runner, str } from "./command-kit.js";
import { type CommandContext, readTextFile, readValue } from "./context.js";
import { formatRules, isoTime } from "./format.js";
import { saveProfile } from "./profile.js";

/** `auth`: logs in and keeps the token in the profile. */
export function registerLoginCommand(command: CommandFactory, run: Runner): void {
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
}

/** revoke-token and describe-permissions. */
export function registerTokenCommands(command: CommandFactory, run: Runner): void {
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
