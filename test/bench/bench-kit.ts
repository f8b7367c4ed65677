/** What the benchmarks share: settings from the environment, statistics, tables, CPU accounting. */
import { readdir, readFile } from "node:fs/promises";
import { cpus, freemem, loadavg, totalmem } from "node:os";

/** An error's message, for tables of failures. */
export const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Clock ticks per second of Linux /proc CPU times. */
export const CLOCK_TICKS = 100;

export function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min}`);
  return v;
}

/** Nearest-rank percentile of ascending `sorted` (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] as number;
}

/** Prints a Markdown table; the first `leftColumns` columns are left-aligned, the rest right. */
export function printTable(
  headers: readonly string[],
  rows: readonly string[][],
  leftColumns = 1,
): void {
  // A pipe inside a cell is escaped, so the table reads back (bench-results.ts) as it was printed.
  const esc = (cells: readonly string[]) => cells.map((c) => c.replaceAll("|", "\\|"));
  headers = esc(headers);
  rows = rows.map(esc);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join(" | ")} |`;
  console.log(line(headers));
  console.log(
    `| ${widths.map((w, i) => (i < leftColumns ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
  );
  for (const r of rows) console.log(line(r));
  console.log("");
}

/** Busy CPU seconds of the whole machine, all cores together. */
export async function machineCpuSeconds(): Promise<number> {
  try {
    const [line] = (await readFile("/proc/stat", "utf8")).split("\n");
    const f = (line ?? "").trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const busy = [0, 1, 2, 5, 6, 7].reduce((t, i) => t + (f[i] ?? 0), 0);
    return busy / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Pids of the local Redis and NATS servers, if they run on this machine (not in a container). */
export async function infrastructurePids(): Promise<number[]> {
  const pids: number[] = [];
  try {
    for (const entry of await readdir("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const comm = await readFile(`/proc/${entry}/comm`, "utf8").catch(() => "");
      if (/^(redis-server|nats-server)\s*$/.test(comm)) pids.push(Number(entry));
    }
  } catch {
    // not Linux
  }
  return pids;
}

/** Concurrency levels from `name` ("1,16,128"), or `fallback`. */
export function envLevels(name: string, fallback: readonly number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return [...fallback];
  const levels = raw.split(",").map((s) => Number(s.trim()));
  if (levels.length === 0 || levels.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`${name} must be a comma-separated list of integers ≥ 1`);
  }
  return levels;
}

/** About three significant digits (also below 1, for the baseline's microseconds). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (x >= 1000) return Math.round(x).toLocaleString("en-US");
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1 || x === 0) return x.toFixed(2);
  return x.toPrecision(3);
}

/** CPU seconds (user + system) process `pid` has used, or NaN. */
export async function processCpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm) ": state is the first; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** A signal or the watchdog stopped the run (exit with its code, not as a failure). */
export class StopRequested extends Error {
  constructor(
    why: string,
    readonly code: number,
  ) {
    super(`stopped (${why})`);
  }
}

/**
 * Calls `abort(why, exit code)` on SIGINT (130), SIGTERM (143) or after `timeoutMs` (2);
 * returns the function that removes the handlers and the watchdog again.
 */
export function watchStops(abort: (why: string, code: number) => void, timeoutMs: number) {
  const onSigint = () => abort("SIGINT", 130);
  const onSigterm = () => abort("SIGTERM", 143);
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigterm);
  const watchdog = setTimeout(
    () => abort(`the benchmark ran longer than ${timeoutMs / 60_000} min`, 2),
    timeoutMs,
  );
  watchdog.unref();
  return {
    /** Only the watchdog: a run that is cleaning up may still be interrupted. */
    stopWatchdog: () => clearTimeout(watchdog),
    release: () => {
      clearTimeout(watchdog);
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
    },
  };
}

/** The closing line of every benchmark. */
export function printTotalRuntime(startedMs: number): void {
  console.log(
    `Total runtime: ${((performance.now() - startedMs) / 1000).toFixed(1)} s (load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})`,
  );
}

/** The machine lines of a benchmark's header: node, CPU, memory and load. */
export function printMachine(): void {
  const cpu = cpus();
  console.log(
    `- node: ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
  );
  console.log(`- cpu: ${cpu[0]?.model.trim() ?? "unknown"} × ${cpu.length}`);
  console.log(
    `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}
