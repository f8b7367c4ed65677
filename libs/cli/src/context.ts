/** What every command needs: I/O, the profile, the output format and a gateway client. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createKeyfragClient, type KeyfragClient, type KeyfragClientOptions } from "@keyfrag/sdk";
import { stringify as stringifyYaml } from "yaml";
import { CliError, UsageError } from "./cli-errors.js";
import { toJson } from "./format.js";
import { loadProfile, type Profile } from "./profile.js";
import type { ProgressStream } from "./progress.js";

/** Where the CLI reads and writes; `runCli` takes it so tests can capture everything. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  /** Read by `--value -` (default: nothing). */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Environment (KEYFRAG_HOME, KEYFRAG_GATEWAY, HOME…); default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The global options. */
export interface GlobalOptions {
  output: OutputFormat;
  gateway?: string;
  caFile?: string;
  profile: string;
}

export const DEFAULT_GATEWAY = "127.0.0.1:50051";
/** The profile used without `--profile`, and the one new profiles take their gateway from. */
export const DEFAULT_PROFILE = "default";

/** What `--output` takes: readable text, or the response as JSON or YAML. */
export const OUTPUT_FORMATS = ["text", "json", "yaml"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A command's view of the world. */
export interface CommandContext {
  io: CliIo;
  env: Record<string, string | undefined>;
  output: OutputFormat;
  profileName: string;
  profile: Profile;
  gateway: string;
  /** Absolute path of the CA file to trust, if any. */
  caFile: string | undefined;
  /** A client that sends the profile's token; fails clearly when there is none or it expired. */
  client(options?: { deadlineMs?: number }): KeyfragClient;
  /** A client without a token (for `auth`). */
  anonymousClient(extra?: Partial<KeyfragClientOptions>): KeyfragClient;
  /** Prints `json` (made JSON-safe) or `text`, as the output format says. */
  print(json: unknown, text: string): void;
}

/** Builds the context of one command run. */
export async function createContext(io: CliIo, globals: GlobalOptions): Promise<CommandContext> {
  const env = io.env ?? process.env;
  const profile = await loadProfile(env, globals.profile);
  // A profile that does not name its gateway or CA yet (a new one, before its first `auth`)
  // takes them from the default profile, so a second profile reaches the same gateway without
  // a TLS error. Flags and variables still win; the CA only follows its own gateway.
  const parent =
    globals.profile !== DEFAULT_PROFILE && (!profile.gateway || !profile.caFile)
      ? await loadProfile(env, DEFAULT_PROFILE)
      : {};
  const gateway =
    globals.gateway ?? profile.gateway ?? env.KEYFRAG_GATEWAY ?? parent.gateway ?? DEFAULT_GATEWAY;
  const inheritedCa =
    parent.caFile && gateway === (parent.gateway ?? DEFAULT_GATEWAY) ? parent.caFile : undefined;
  const caFileOption = globals.caFile ?? profile.caFile ?? env.KEYFRAG_CA_FILE ?? inheritedCa;
  const caFile = caFileOption ? resolve(caFileOption) : undefined;
  const base = { address: gateway, ...(caFile ? { caFile } : {}) };
  const created: KeyfragClient[] = [];
  const track = (client: KeyfragClient) => {
    created.push(client);
    return client;
  };
  const ctx: CommandContext & Disposable = {
    io,
    env,
    output: globals.output,
    profileName: globals.profile,
    profile,
    gateway,
    caFile,
    client(options = {}) {
      // KEYFRAG_TOKEN (CI, as VAULT_TOKEN) wins over the profile's token; its expiry is the
      // gateway's to judge.
      const envToken = env.KEYFRAG_TOKEN?.trim();
      if (envToken) return track(createKeyfragClient({ ...base, token: envToken, ...options }));
      if (!profile.token) {
        throw new CliError(
          `not logged in (profile ${globals.profile}): run \`keyfrag auth${globals.profile === "default" ? "" : ` --profile ${globals.profile}`}\` first, or set KEYFRAG_TOKEN`,
        );
      }
      if (profile.tokenExpiresAtMs !== undefined && profile.tokenExpiresAtMs <= Date.now()) {
        throw new CliError(expiredMessage(globals.profile, profile.tokenExpiresAtMs));
      }
      return track(
        createKeyfragClient({
          ...base,
          token: profile.token,
          ...(profile.tokenExpiresAtMs ? { tokenExpiresAtMs: profile.tokenExpiresAtMs } : {}),
          ...options,
        }),
      );
    },
    anonymousClient: (extra = {}) => track(createKeyfragClient({ ...base, ...extra })),
    print(json, text) {
      io.stdout.write(
        globals.output === "json"
          ? `${JSON.stringify(toJson(json), null, 2)}\n`
          : globals.output === "yaml"
            ? stringifyYaml(toJson(json))
            : `${text}\n`,
      );
    },
    [Symbol.dispose]() {
      for (const client of created) client.close();
    },
  };
  return ctx;
}

/** The message for a token that expired. */
export function expiredMessage(profileName: string, expiresAtMs?: number): string {
  const when = expiresAtMs ? ` at ${new Date(expiresAtMs).toISOString()}` : "";
  const profileFlag = profileName === DEFAULT_PROFILE ? "" : ` --profile ${profileName}`;
  return `the token of profile ${profileName} expired${when}: run \`keyfrag auth${profileFlag}\` again`;
}

/** Reads the value of `--value`/`--value-file` (`--value -` reads stdin). */
export async function readValue(
  io: CliIo,
  options: { value?: string; valueFile?: string },
  flag = "--value",
): Promise<Buffer> {
  if (options.value !== undefined && options.valueFile !== undefined) {
    throw new UsageError(`give ${flag} or ${flag}-file, not both`);
  }
  if (options.valueFile !== undefined) {
    try {
      return await readFile(options.valueFile);
    } catch (err) {
      throw new CliError(
        `cannot read ${options.valueFile}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
  }
  if (options.value === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin ?? []) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
  if (options.value === undefined) throw new UsageError(`${flag} or ${flag}-file is required`);
  return Buffer.from(options.value, "utf8");
}

/** Reads a text file a flag names (a CA, a public key). */
export async function readTextFile(flag: string, path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new CliError(
      `cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
}
