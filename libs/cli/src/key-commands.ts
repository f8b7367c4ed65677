import { isKeyAlgorithm, KEY_ALGORITHMS } from "@keyfrag/rpc";
import { type Command, Option } from "commander";
import { UsageError } from "./cli-errors.js";
import {
  type CommandFactory,
  collect,
  count,
  LONG_DEADLINE_MS,
  list,
  type Opts,
  type Runner,
  str,
} from "./command-kit.js";
import { readValue } from "./context.js";
import { asText, encodeBytes, formatItem } from "./format.js";
import { pairsToLists, parseBase64 } from "./parse.js";
import { withProgress } from "./progress.js";

/** The DFC key commands. */
export function registerKeyCommands(command: CommandFactory, run: Runner): void {
  command("create-dfc-key", "create a distributed (fragmented) key")
    .requiredOption("--name <path>", "key name")
    .requiredOption("--alg <algorithm>", KEY_ALGORITHMS.join(", "))
    .option("--slots <n>", "cluster slots holding fragments (default: all)")
    .option("--threshold <n>", "fragments needed to use the key (default: all)")
    .option("--customer-slot", "one fragment is held by the customer (the cluster's only one)")
    .option(
      "--customer-frg-id <id>",
      "the customer fragment holding it (id or slot number; implies --customer-slot)",
    )
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
            customer_slot: Boolean(o.customerSlot) || str(o, "customerFrgId") !== undefined,
            customer_frg_id: str(o, "customerFrgId") ?? "",
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
}

function contextOf(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pairsToLists("--context", pairs))) {
    if (v.values.length > 1) throw new UsageError(`--context ${k} given twice`);
    out[k] = v.values[0] ?? "";
  }
  return out;
}
