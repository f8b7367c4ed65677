import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { latencySvg, operations, throughputSvg, writeCharts } from "./bench-charts.js";
import { printTable } from "./bench-kit.js";
import { type BenchRun, compareRuns, parseTables, readRun } from "./bench-results.js";

/** What printTable prints, as the runner reads it from a bench's stdout. */
function printed(section: string, headers: string[], rows: string[][], left = 1): string {
  const lines: string[] = [`### ${section}`, ""];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  try {
    printTable(headers, rows, left);
  } finally {
    spy.mockRestore();
  }
  return lines.join("\n");
}

const HEADERS = ["operation", "system", "clients", "ops", "ops/s", "p50 ms", "p99 ms", "errors"];

function run(name: string, opsPerSec: (clients: number) => number): BenchRun {
  const rows = [1, 16, 64].flatMap((c) => [
    [
      "GetSecretValue",
      "keyfrag",
      String(c),
      "100",
      opsPerSec(c).toLocaleString("en-US"),
      "1.6",
      "12.0",
      "0",
    ],
    ["GetSecretValue", "node:crypto", String(c), "100", "9,000", "0.10", "0.50", "0"],
  ]);
  const text = [
    "## gateway benchmark",
    "- a line that is not a table",
    printed("Latency and throughput", HEADERS, rows, 2),
    printed(
      "Service logs",
      ["level | service | message", "count"],
      [["warn | gateway | slow", "3"]],
    ),
  ].join("\n");
  return {
    format: 1,
    run: name,
    startedAt: "2026-12-07T15:00:00.000Z",
    finishedAt: "2026-12-07T15:10:00.000Z",
    commit: "abc",
    machine: { node: "v20", cpu: "x", cores: 2, memoryGiB: 8, loadAverage: [1, 1, 1] },
    environment: {},
    programs: [
      { name: "gateway", command: ["node"], exitCode: 0, seconds: 600, tables: parseTables(text) },
    ],
  };
}

describe("bench results", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "kf-bench-results-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads printed tables back with their section, numbers as numbers and escaped pipes kept", () => {
    const [latency, logs] = run("a", (c) => 530 * c).programs[0]?.tables ?? [];
    expect(latency?.section).toBe("Latency and throughput");
    expect(latency?.rows[4]).toMatchObject({
      operation: "GetSecretValue",
      clients: 64,
      "ops/s": 33920,
    });
    expect(logs?.headers).toEqual(["level | service | message", "count"]);
    expect(logs?.rows[0]).toEqual({
      "level | service | message": "warn | gateway | slow",
      count: 3,
    });
  });

  it("a dash reads back as no value, not as zero or text", () => {
    const [t] = parseTables(printed("s", ["operation", "clients", "ops/s"], [["x", "1", "–"]]));
    expect(t?.rows[0]?.["ops/s"]).toBeNull();
  });

  it("compare gives B ÷ A per row and metric, and says which way is better", () => {
    const ratios = compareRuns(
      run("a", () => 1000),
      run("b", () => 2000),
    );
    const at64 = ratios.filter((r) => r.row === "GetSecretValue, keyfrag, clients=64");
    expect(at64.find((r) => r.metric === "ops/s")).toMatchObject({
      a: 1000,
      b: 2000,
      ratio: 2,
      better: true,
    });
    expect(at64.find((r) => r.metric === "p50 ms")).toMatchObject({ ratio: 1, better: false });
    // counts are not compared, only rates and latencies
    expect(ratios.some((r) => r.metric === "ops" || r.metric === "errors")).toBe(false);
  });

  it("a run file that is not one is refused with its path named", async () => {
    const path = join(dir, "bad.json");
    await writeFile(path, JSON.stringify({ hello: 1 }));
    await expect(readRun(path)).rejects.toThrow(`${path}: not a bench-results run file`);
  });

  it("draws a throughput and a latency chart per operation, one line per system", async () => {
    const ops = operations(run("a", (c) => 500 * c));
    expect([...ops.keys()]).toEqual(["gateway-getsecretvalue"]);
    const op = ops.get("gateway-getsecretvalue");
    expect(op && [...op.lines.keys()]).toEqual(["keyfrag", "node:crypto"]);
    if (!op) return;
    const t = throughputSvg(op);
    expect(t.startsWith("<svg")).toBe(true);
    // the measured values are drawn as labels on the line
    expect(t).toContain("32,000");
    expect(latencySvg(op)).toContain("keyfrag p99");
    const files = await writeCharts(ops, dir);
    expect((await readdir(dir)).sort()).toEqual([
      "gateway-getsecretvalue-latency.svg",
      "gateway-getsecretvalue-throughput.svg",
    ]);
    expect(await readFile(files[0] ?? "", "utf8")).toContain("</svg>");
  });
});
