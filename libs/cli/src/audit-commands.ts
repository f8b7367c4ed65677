/** The audit log: query, verify the chain, export. */

import { type EventEmitter, once } from "node:events";
import { type FileHandle, open, rm } from "node:fs/promises";
import type { Command } from "commander";
import { CliError } from "./cli-errors.js";
import {
  allPages,
  type CommandFactory,
  LONG_DEADLINE_MS,
  type Opts,
  type Runner,
  str,
} from "./command-kit.js";
import { isoTime, table } from "./format.js";
import { parseCount, parseTime } from "./parse.js";
import { withProgress } from "./progress.js";

/** get-audit-events, verify-audit-chain, export-audit-events. */
export function registerAuditCommands(command: CommandFactory, run: Runner): void {
  withAuditFilter(command("get-audit-events", "query the audit log, newest first"))
    .option("--limit <n>", "at most n events", "100")
    .action((o: Opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const now = Date.now();
        const limit = parseCount("--limit", o.limit as string);
        const filter = auditFilter(o, now);
        const client = ctx.client();
        const records = await allPages(async (page_token, have) => {
          const page = await client.getAuditEvents({
            ...filter,
            page_size: Math.min(1000, Math.max(1, limit - have)),
            page_token,
          });
          return [page.records, page.next_page_token] as const;
        }, limit);
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

  withAuditFilter(
    command(
      "export-audit-events",
      "write audit records as JSON lines, newest first, as they stream",
    ),
  )
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
          ...auditFilter(o, now),
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
}

/** The filter options get-audit-events and export-audit-events share. */
function withAuditFilter(c: Command): Command {
  return c
    .option("--since <when>", "from (30m, 1h, 7d or an ISO date)")
    .option("--until <when>", "until (30m, 1h, 7d or an ISO date)")
    .option("--actor <access-id>", "only this actor")
    .option("--action <action>", "only this action, e.g. get-secret-value")
    .option("--path-prefix <path>", "only paths under this prefix")
    .option("--result <result>", "allowed, denied or error");
}

/** The audit query's filter fields from withAuditFilter's options; times relative to `now`. */
function auditFilter(o: Opts, now: number) {
  return {
    since_ms: o.since ? parseTime("--since", o.since as string, now) : 0,
    until_ms: o.until ? parseTime("--until", o.until as string, now) : 0,
    actor: str(o, "actor") ?? "",
    action: str(o, "action") ?? "",
    path_prefix: str(o, "pathPrefix") ?? "",
    result: str(o, "result") ?? "",
  };
}
