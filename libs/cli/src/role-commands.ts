import type { Command } from "commander";
import {
  allPages,
  type CommandFactory,
  collect,
  list,
  type Opts,
  type Runner,
  str,
} from "./command-kit.js";
import { fields, formatRules, table } from "./format.js";
import { pairsToLists } from "./parse.js";

/** create-role … assoc-role-auth-method. */
export function registerRoleCommands(command: CommandFactory, run: Runner): void {
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
      const roles = await allPages(async (page_token) => {
        const page = await client.listRoles({ page_token });
        return [page.roles, page.next_page_token] as const;
      });
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

  command("delete-role-rule", "remove one rule of a role")
    .requiredOption("--role-name <name>", "role name")
    .requiredOption("--path <glob>", "the rule's path, as set")
    .option("--rule-type <type>", "item, auth-method, role or audit", "item")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const role = await ctx.client().deleteRoleRule({
          role_name: o.roleName as string,
          rule_type: o.ruleType as string,
          path: o.path as string,
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
}

function formatRole(role: {
  name: string;
  description: string;
  rules: { rule_type: string; path: string; capabilities: string[] }[];
}): string {
  return `role ${role.name}${role.description ? ` — ${role.description}` : ""}\n${formatRules(role.rules)}`;
}
