/** The CLI as a function: parse `argv`, run one command, print, return the exit code. */

import { readFileSync } from "node:fs";
import { runAgent } from "@keyfrag/agent";
import { grpcCodeName, isExpiredToken, KeyfragError } from "@keyfrag/sdk";
import { Command, CommanderError, Option } from "commander";
import { registerGatewayCommands } from "./backup/backup-commands.js";
import { CliError, UsageError } from "./cli-errors.js";
import { OWN_CA_FILE, type Runner } from "./command-kit.js";
import { registerCommands } from "./commands.js";
import {
  type CliIo,
  createContext,
  DEFAULT_GATEWAY,
  DEFAULT_PROFILE,
  expiredMessage,
  type GlobalOptions,
  OUTPUT_FORMATS,
} from "./context.js";
import { registerDynamicSecretCommands } from "./dynamic-commands.js";
import { inFlagTerms } from "./flag-terms.js";
import { suggestCommands } from "./suggest.js";

/** This CLI's version (its package's). */
export const CLI_VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

const ENVIRONMENT_HELP = `
Environment:
  KEYFRAG_TOKEN    a token to send instead of the profile's (CI; e.g. from \`keyfrag auth --output json\`)
  KEYFRAG_GATEWAY  the gateway when neither --gateway nor the profile names one (default ${DEFAULT_GATEWAY})
  KEYFRAG_CA_FILE  the CA to trust when neither --ca-file nor the profile names one
  KEYFRAG_HOME     where profiles live (default ~/.keyfrag)
  KEYFRAG_DEBUG    1: stack traces for unexpected errors

Examples:
  keyfrag auth --access-id p-… --access-key-file key.txt     log in (the key stays out of \`ps\`)
  keyfrag create-secret --name /demo/db-password --value s3cr3t
  keyfrag get-secret-value --name /demo/db-password
  keyfrag <command> --help                                    a command's options
  keyfrag agent --help                                        keep secrets in files (pods, VMs)`;

/** Exit codes: 0 success, 1 failure (the gateway's or a local one), 2 usage error. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Runs the CLI on `argv` (without the node and script paths) and resolves with the exit code.
 * Expected failures print one `error: …` line on stderr, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // The agent is a long-running process with its own flags and signals (libs/agent), not a
  // gateway call: it takes the rest of the command line as it is.
  if (argv[0] === "agent") return runAgent(argv.slice(1), io);
  let exitCode = 0;
  const used: Used = { profileName: DEFAULT_PROFILE, gateway: "", caFile: undefined };
  const env = io.env ?? process.env;
  const program = new Command("keyfrag")
    .description("keyfrag: secrets management in which no key ever exists whole")
    .version(`keyfrag ${CLI_VERSION}`, "-V, --version", "print the version")
    .addOption(
      new Option("--output <format>", "output format").choices(OUTPUT_FORMATS).default("text"),
    )
    .option("--gateway <host:port>", "the gateway (default: the profile's, or 127.0.0.1:50051)")
    .option("--ca-file <path>", "CA certificate to trust (default: the profile's)")
    .option(
      "--profile <name>",
      "profile under ~/.keyfrag/profiles (KEYFRAG_HOME); a new one starts with the default profile's gateway and CA",
      DEFAULT_PROFILE,
    )
    .enablePositionalOptions()
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const run: Runner = async (cmd, body) => {
    // Global options given after the command name win over those before it, except a
    // command's own --ca-file (create-auth-method-cert), which is not the CA to trust.
    const local = cmd.opts<Partial<GlobalOptions>>();
    const globals = { ...program.opts<GlobalOptions>() };
    if (local.output) globals.output = local.output;
    if (local.gateway) globals.gateway = local.gateway;
    if (local.profile) globals.profile = local.profile;
    if (local.caFile && !OWN_CA_FILE.has(cmd.name())) globals.caFile = local.caFile;
    for (const option of requiredOptions.get(cmd) ?? []) {
      if (cmd.getOptionValue(option.attributeName()) === undefined) {
        throw new UsageError(`required option '${option.flags}' not specified`);
      }
    }
    used.command = cmd;
    used.profileName = globals.profile;
    const ctx = await createContext(io, globals);
    used.gateway = ctx.gateway;
    used.caFile = ctx.caFile;

    try {
      exitCode = (await body(ctx)) ?? 0;
    } finally {
      (ctx as unknown as Disposable)[Symbol.dispose]();
    }
  };
  registerCommands(program, run);
  registerDynamicSecretCommands(program, run);
  registerGatewayCommands(program, run);
  program.addHelpText("after", ENVIRONMENT_HELP);
  // Commander checks required options before unknown ones, so `--nme` was reported as a missing
  // `--name`; the runner checks them instead, after commander has refused unknown options.
  const requiredOptions = new Map<Command, Option[]>();
  for (const cmd of allCommands(program)) {
    const required = cmd.options.filter((o) => o.mandatory);
    for (const option of required) option.makeOptionMandatory(false);
    if (required.length > 0) requiredOptions.set(cmd, required);
  }

  const unknownCommand = findUnknownCommand(program, argv);
  if (unknownCommand !== undefined) {
    const suggestions = suggestCommands(
      unknownCommand,
      program.commands.map((c) => c.name()),
    );
    io.stderr.write(
      `error: unknown command '${unknownCommand}'${suggestions.length > 0 ? `\n(Did you mean ${suggestions.join(", ")}?)` : ""}\n(\`keyfrag --help\` lists every command)\n`,
    );
    return EXIT_USAGE;
  }

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (err) {
    return report(err, io, used, env);
  }
}

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

/** The command word of `argv`, when it names no command (undefined otherwise). */
function findUnknownCommand(program: Command, argv: readonly string[]): string | undefined {
  const takesValue = new Set(
    program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return undefined;
    if (arg.startsWith("-")) {
      if (!arg.includes("=") && takesValue.has(arg)) i++;
      continue;
    }
    const known =
      arg === "help" || program.commands.some((c) => c.name() === arg || c.aliases().includes(arg));
    return known ? undefined : arg;
  }
  return undefined;
}

/** What the CLI was talking to, for hints in error messages. */
interface Used {
  profileName: string;
  gateway: string;
  caFile: string | undefined;
  /** The command that ran, whose flags messages are put in terms of. */
  command?: Command;
}

/** A hint for a connection or TLS failure: what to do about it. */
export function connectionHint(message: string, used: Used): string | undefined {
  const gateway = used.gateway || DEFAULT_GATEWAY;
  if (
    /self[- ]signed certificate|unable to (get|verify)|certificate (has expired|is not yet valid)|unknown ca/i.test(
      message,
    )
  ) {
    return used.caFile
      ? `the gateway at ${gateway} has a TLS certificate that the CA in ${used.caFile} did not sign: give the gateway's CA with --ca-file (pnpm start's is .keyfrag/pki/ca.pem), or set KEYFRAG_CA_FILE`
      : `the gateway at ${gateway} has a TLS certificate this CLI does not trust: give its CA with --ca-file (pnpm start's is .keyfrag/pki/ca.pem) or set KEYFRAG_CA_FILE; \`keyfrag auth --ca-file …\` keeps it in the profile (${used.profileName})`;
  }
  if (/altnames|Hostname\/IP does not match|ERR_TLS_CERT_ALTNAME/i.test(message)) {
    return `the gateway's TLS certificate is not for ${gateway}: dial it by a name its certificate holds (--gateway or KEYFRAG_GATEWAY)`;
  }
  if (
    /ECONNREFUSED|No connection established|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|Deadline exceeded|Name resolution failed/i.test(
      message,
    )
  ) {
    return `no gateway answers at ${gateway}: is it running (pnpm start)? Point the CLI at yours with --gateway or KEYFRAG_GATEWAY`;
  }
  return undefined;
}

function report(
  err: unknown,
  io: CliIo,
  used: Used,
  env: Record<string, string | undefined>,
): number {
  const profileName = used.profileName;
  if (err instanceof CommanderError) {
    // Commander has printed its message (or the help) already.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return 0;
    if (err.code === "commander.help") return err.exitCode === 0 ? 0 : EXIT_USAGE;
    return EXIT_USAGE;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (isExpiredToken(err)) {
    const message = env.KEYFRAG_TOKEN?.trim()
      ? "the token in KEYFRAG_TOKEN expired: set a new one (or unset it to use the profile's)"
      : expiredMessage(profileName);
    io.stderr.write(`error: ${message} (UNAUTHENTICATED)\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof KeyfragError) {
    // grpc-js ends connection failures with an empty "Resolution note:"; drop the noise.
    const message = err.message.replace(/\s*Resolution note:\s*$/, "");
    const code = grpcCodeName(err) ?? err.code;
    const hint =
      code === "UNAVAILABLE" || code === "DEADLINE_EXCEEDED"
        ? connectionHint(message, used)
        : undefined;
    const said = used.command ? inFlagTerms(message, used.command) : message;
    io.stderr.write(
      hint ? `error: ${hint}\n  (${said} (${code}))\n` : `error: ${said} (${code})\n`,
    );
    return EXIT_FAILURE;
  }
  if (err instanceof CliError) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT_FAILURE;
  }
  // A bug: still one line, unless asked for the details.
  io.stderr.write(
    env.KEYFRAG_DEBUG && err instanceof Error
      ? `error: ${err.stack}\n`
      : `error: ${err instanceof Error ? err.message : String(err)} (set KEYFRAG_DEBUG=1 for details)\n`,
  );
  return EXIT_FAILURE;
}
