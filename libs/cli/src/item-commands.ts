import type { Command } from "commander";
import { UsageError } from "./cli-errors.js";
import {
  allPages,
  type CommandFactory,
  collect,
  count,
  list,
  type Opts,
  type Runner,
  str,
} from "./command-kit.js";
import { readValue } from "./context.js";
import { asText, encodeBytes, formatItem, formatItems, table } from "./format.js";

/** create-secret, get-secret-value, update-secret-val, … list-items. */
export function registerItemCommands(command: CommandFactory, run: Runner): void {
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
        const items = await allPages(async (page_token) => {
          const page = await client.listItems({
            path: folderPath(o.path as string),
            type: str(o, "type") ?? "",
            include_deleted: Boolean(o.includeDeleted),
            page_size: count(o, "pageSize", "--page-size"),
            page_token,
          });
          return [page.items, page.next_page_token] as const;
        });
        const folders = subfolders(
          folderPath(o.path as string),
          items.map((i) => i.name),
        );
        const folderLine = folders.length > 0 ? `folders: ${folders.join("  ")}\n` : "";
        ctx.print({ folders, items }, folderLine + formatItems(items));
        return 0;
      }),
    );
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
