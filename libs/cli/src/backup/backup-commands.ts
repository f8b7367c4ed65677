/** The `keyfrag gateway …` commands: local operations on the gateway's host. */
import { type Command, Option } from "commander";
import type { Runner } from "../command-kit.js";
import {
  exportCustomerFragment,
  importCustomerFragment,
  PASSPHRASE_ENV,
  readBackupFile,
  readPassphrase,
} from "./customer-backup.js";

type Opts = Record<string, string | boolean | undefined>;

/** Registers `gateway export-customer-fragment` and `gateway import-customer-fragment`. */
export function registerGatewayCommands(program: Command, run: Runner): void {
  const gateway = program
    .command("gateway")
    .description("local operations on the gateway's host (no gateway connection or token)");

  const fragmentOptions = (cmd: Command) =>
    cmd
      .addOption(new Option("--output <format>", "output format").choices(["json", "text"]))
      .requiredOption(
        "--data-dir <dir>",
        "the customer fragment's data directory (KF_CUSTOMER_DATA_DIR)",
      )
      .requiredOption("--node-key-file <path>", "its node key (KF_CUSTOMER_NODE_KEY_FILE)")
      .requiredOption(
        "--identity-key-file <path>",
        "its identity key (KF_CUSTOMER_IDENTITY_KEY_FILE)",
      )
      .option("--cert-file <path>", "its certificate (KF_CUSTOMER_TLS_CERT), with --key-file")
      .option("--key-file <path>", "its TLS private key (KF_CUSTOMER_TLS_KEY)")
      .option(
        "--passphrase-file <path>",
        `file holding the passphrase (default: $${PASSPHRASE_ENV})`,
      )
      .allowExcessArguments(false);

  const paths = (o: Opts) => ({
    dataDir: o.dataDir as string,
    nodeKeyFile: o.nodeKeyFile as string,
    identityKeyFile: o.identityKeyFile as string,
    ...(o.certFile !== undefined ? { certFile: o.certFile as string } : {}),
    ...(o.keyFile !== undefined ? { keyFile: o.keyFile as string } : {}),
  });

  fragmentOptions(
    gateway
      .command("export-customer-fragment")
      .description("write the customer fragment to one passphrase-encrypted file (.kfb)"),
  )
    .requiredOption("--out <path>", "the backup file to create (never overwritten)")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const passphrase = await readPassphrase(ctx.io, o.passphraseFile as string | undefined);
        const result = await exportCustomerFragment(paths(o), o.out as string, passphrase);
        ctx.print(
          result,
          `wrote ${result.out}: ${result.files.length} files, ${result.bytes} bytes. Keep it and its passphrase apart and safe: together they are the customer fragment.`,
        );
        return 0;
      }),
    );

  fragmentOptions(
    gateway
      .command("import-customer-fragment")
      .description("restore the customer fragment from a backup file (stop the gateway first)"),
  )
    .requiredOption(
      "--in <path>",
      "the backup file, or the gateway's backup directory (KF_CUSTOMER_BACKUP_DIR: its newest generation)",
    )
    .option("--force", "replace a non-empty data directory and existing key files")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { image, file } = await readBackupFile(o.in as string);
        const passphrase = await readPassphrase(ctx.io, o.passphraseFile as string | undefined);
        const imported = await importCustomerFragment(
          image,
          paths(o),
          passphrase,
          Boolean(o.force),
        );
        const result = { backup: file, ...imported };
        if (result.skippedCertificate) {
          ctx.io.stderr.write(
            "note: the backup's certificate and TLS key were not restored (give --cert-file and --key-file to restore them)\n",
          );
        }
        ctx.print(
          result,
          `restored ${result.files.length} files from ${file} into ${o.dataDir as string} and the key files; start the gateway`,
        );
        return 0;
      }),
    );
}
