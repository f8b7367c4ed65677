/**
 * `pnpm bench`: runs the benchmarks one after another (the crypto primitives, the cluster, the
 * gateway, the producers), prints their Markdown as they go, and writes the run as
 * bench-results/<run>.json and .md with charts in bench-results/<run>/ (throughput and latency
 * against callers, per operation).
 *
 *   pnpm bench [--only crypto,cluster,gateway,producers] [--run NAME] [--out DIR]
 *   pnpm bench --compare A.json B.json [--out DIR]   (ratio table B ÷ A, overlay charts)
 *
 * Each program is the same command `pnpm bench` ran before (runnable on its own, with its own
 * KEYFRAG_BENCH_* variables); this runner only reads back the tables they print.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { basename, join, resolve } from "node:path";
import { mergeOperations, operations, writeCharts } from "./bench-charts.js";
import { fmt, printTable } from "./bench-kit.js";
import {
  type BenchProgram,
  type BenchRun,
  compareRuns,
  parseTables,
  readRun,
} from "./bench-results.js";

const ROOT = resolve(import.meta.dirname, "../..");

const PROGRAMS: Record<string, string[]> = {
  crypto: ["pnpm", "--filter", "@keyfrag/crypto", "run", "bench"],
  cluster: [process.execPath, "--import", "tsx", "test/bench/cluster-bench.ts"],
  gateway: [process.execPath, "--import", "tsx", "test/bench/gateway-bench.ts"],
  producers: [process.execPath, "--import", "tsx", "test/bench/producers-bench.ts"],
};

interface Options {
  only: string[];
  run: string;
  out: string;
  compare?: [string, string];
}

function usage(message: string): never {
  console.error(`pnpm bench: ${message}`);
  console.error(
    "usage: pnpm bench [--only crypto,cluster,gateway,producers] [--run NAME] [--out DIR]\n" +
      "       pnpm bench --compare A.json B.json [--out DIR]",
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    only: Object.keys(PROGRAMS),
    run: new Date().toISOString().replace(/[:.]/g, "-"),
    out: join(ROOT, "bench-results"),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === "--") continue; // pnpm passes it through
    if (arg === "--only") {
      opts.only = value()
        .split(",")
        .map((s) => s.trim());
      const unknown = opts.only.filter((p) => !(p in PROGRAMS));
      if (unknown.length > 0 || opts.only.length === 0) {
        usage(`--only takes ${Object.keys(PROGRAMS).join(", ")} (got ${unknown.join(", ")})`);
      }
    } else if (arg === "--run") {
      opts.run = value();
      if (!/^[\w.-]+$/.test(opts.run)) usage("--run takes letters, digits, '.', '_' and '-'");
    } else if (arg === "--out") {
      opts.out = resolve(value());
    } else if (arg === "--compare") {
      opts.compare = [value(), value()];
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  return opts;
}

function gitCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return "unknown";
  }
}

let current: ReturnType<typeof spawn> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // A child of a terminal gets Ctrl-C itself; a signal sent to this process only is passed on,
  // so the bench stops its cluster before it exits.
  process.on(signal, () => {
    if (current?.exitCode === null) current.kill(signal);
    else process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** Runs one program, echoing its output; returns it with its tables, and its Markdown. */
async function runProgram(
  name: string,
  command: string[],
): Promise<{ program: BenchProgram; markdown: string }> {
  const started = performance.now();
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  current = child;
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    process.stdout.write(chunk);
  });
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", (code, signal) => done(code ?? (signal ? 128 : null)));
  });
  current = undefined;
  const text = Buffer.concat(chunks).toString("utf8");
  const seconds = (performance.now() - started) / 1000;
  return {
    program: { name, command, exitCode, seconds, tables: parseTables(text) },
    markdown: text,
  };
}

async function runAll(opts: Options): Promise<number> {
  const startedAt = new Date().toISOString();
  const cpu = cpus();
  const programs: BenchProgram[] = [];
  const markdown: string[] = [];
  let exitCode = 0;
  for (const name of opts.only) {
    const ran = await runProgram(name, PROGRAMS[name] as string[]);
    const program = ran.program;
    programs.push(program);
    markdown.push(ran.markdown);
    if (program.exitCode !== 0) {
      exitCode = program.exitCode ?? 1;
      console.error(`pnpm bench: ${name} exited with ${program.exitCode}; stopping here`);
      break;
    }
  }
  const run: BenchRun = {
    format: 1,
    run: opts.run,
    startedAt,
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      node: process.version,
      cpu: cpu[0]?.model.trim() ?? "unknown",
      cores: cpu.length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    environment: Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] =>
          /^(KEYFRAG_BENCH_|KF_)/.test(e[0]) &&
          e[1] !== undefined &&
          !/KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/i.test(e[0].replace(/^KEYFRAG_BENCH_/, "")),
      ),
    ),
    programs,
  };
  await mkdir(opts.out, { recursive: true });
  const json = join(opts.out, `${opts.run}.json`);
  await writeFile(json, `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(join(opts.out, `${opts.run}.md`), markdown.join("\n"));
  const charts = await writeCharts(operations(run), join(opts.out, opts.run));
  console.log(`Results: ${json} (and .md), ${charts.length} charts in ${join(opts.out, opts.run)}`);
  return exitCode;
}

async function compare(opts: Options & { compare: [string, string] }): Promise<void> {
  const [pathA, pathB] = opts.compare;
  const [a, b] = await Promise.all([readRun(pathA), readRun(pathB)]);
  const ratios = compareRuns(a, b);
  console.log(`## ${b.run} ÷ ${a.run}`);
  console.log("");
  console.log(
    `- A: ${pathA} (${a.commit}, ${a.startedAt}, load ${a.machine.loadAverage.join(" ")})`,
  );
  console.log(
    `- B: ${pathB} (${b.commit}, ${b.startedAt}, load ${b.machine.loadAverage.join(" ")})`,
  );
  console.log("- ratio B ÷ A; for rates higher is better, for latencies lower is better");
  console.log("");
  if (ratios.length === 0) {
    console.log("The two runs measured no row in common.");
    return;
  }
  let section = "";
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length > 0) printTable(["row", "metric", "A", "B", "B ÷ A", ""], rows, 2);
    rows = [];
  };
  for (const r of ratios) {
    const s = `${r.program}: ${r.section}`;
    if (s !== section) {
      flush();
      section = s;
      console.log(`### ${s}`);
      console.log("");
    }
    const flat = Math.abs(r.ratio - 1) < 0.05;
    rows.push([
      r.row,
      r.metric,
      fmt(r.a),
      fmt(r.b),
      `${r.ratio.toFixed(2)}×`,
      flat ? "≈" : r.better ? "better" : "worse",
    ]);
  }
  flush();
  const name = (p: string) => basename(p).replace(/\.json$/, "");
  const dir = join(opts.out, `compare-${name(pathA)}-vs-${name(pathB)}`);
  const charts = await writeCharts(
    mergeOperations(operations(a, "A: "), operations(b, "B: ")),
    dir,
  );
  console.log(`${charts.length} overlay charts in ${dir}`);
}

const opts = parseArgs(process.argv.slice(2));
const done = opts.compare
  ? compare(opts as Options & { compare: [string, string] }).then(() => 0)
  : runAll(opts);
done.then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`pnpm bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
