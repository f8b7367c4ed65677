/** What every command module shares: the runner, option readers, and the command factory. */

import { type Command, Option } from "commander";
import { type CommandContext, OUTPUT_FORMATS } from "./context.js";
import { parseCount } from "./parse.js";

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
export const LONG_DEADLINE_MS = 120_000;

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

/** Adds a command (name, description) to the program. */
export type CommandFactory = (name: string, description: string) => Command;

/**
 * Every entry of a paged listing: the first page (page token ""), then each next page token,
 * until there is none or `limit` entries are in (at most `limit` are returned). `fetchPage` gets
 * the token and how many entries are in so far, and answers the page's entries and next token.
 */
export async function allPages<T>(
  fetchPage: (pageToken: string, have: number) => Promise<readonly [readonly T[], string]>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const all: T[] = [];
  let pageToken = "";
  do {
    const [entries, next] = await fetchPage(pageToken, all.length);
    all.push(...entries);
    pageToken = next;
  } while (pageToken && all.length < limit);
  return all.length > limit ? all.slice(0, limit) : all;
}
