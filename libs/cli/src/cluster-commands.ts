/** The cluster's state as the coordinator sees it. */

import type { Command } from "commander";
import { type CommandFactory, count, type Opts, type Runner, str } from "./command-kit.js";
import { isoTime, table } from "./format.js";

/** cluster-status. */
export function registerClusterCommands(command: CommandFactory, run: Runner): void {
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
