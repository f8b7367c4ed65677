/**
 * Charts of a benchmark run, drawn by Apache ECharts' server-side SVG renderer: per operation,
 * throughput against concurrent callers and p50/p99 latency against callers, one line per
 * system (and per run, when two runs are compared).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as echarts from "echarts";
import { fmt } from "./bench-kit.js";
import {
  type BenchRun,
  callersColumn,
  keyColumns,
  latencyColumn,
  rateColumn,
} from "./bench-results.js";

/** One measured point of one line. */
interface Point {
  callers: number;
  rate: number | null;
  p50: number | null;
  p99: number | null;
}

/** One operation's measurements: what its charts draw. */
export interface OperationSeries {
  /** File-name-safe id, unique within the run. */
  id: string;
  title: string;
  callersLabel: string;
  rateLabel: string;
  /** Line name (e.g. "keyfrag", "node:crypto", "A: keyfrag") → points by callers. */
  lines: Map<string, Point[]>;
}

/** Columns that tell two lines of one operation apart rather than two operations. */
const LINE_COLUMN = /^(system|client|baseline)$/i;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80) || "table";

/** Every operation of `run` measured at some number of callers, with `prefix` on line names. */
export function operations(run: BenchRun, prefix = ""): Map<string, OperationSeries> {
  const out = new Map<string, OperationSeries>();
  for (const program of run.programs) {
    for (const table of program.tables) {
      const callers = callersColumn(table);
      const rate = rateColumn(table);
      if (!callers || !rate) continue;
      const p50 = latencyColumn(table, "p50");
      const p99 = latencyColumn(table, "p99");
      const labels = keyColumns(table).filter((h) => h !== callers);
      const lineColumns = labels.filter((h) => LINE_COLUMN.test(h));
      const opColumns = labels.filter((h) => !LINE_COLUMN.test(h));
      for (const row of table.rows) {
        const x = row[callers];
        if (typeof x !== "number") continue;
        const opName = opColumns.map((h) => String(row[h] ?? "")).join(" ") || table.section;
        const title = `${program.name}: ${opName}`;
        const id = slug(`${program.name}-${opName}`);
        let op = out.get(id);
        if (!op) {
          op = { id, title, callersLabel: callers, rateLabel: rate, lines: new Map() };
          out.set(id, op);
        }
        const line = `${prefix}${lineColumns.map((h) => String(row[h] ?? "")).join(" ") || "keyfrag"}`;
        const num = (h: string | undefined) => {
          const v = h === undefined ? null : row[h];
          return typeof v === "number" ? v : null;
        };
        const points = op.lines.get(line) ?? [];
        points.push({ callers: x, rate: num(rate), p50: num(p50), p99: num(p99) });
        op.lines.set(line, points);
      }
    }
  }
  for (const op of out.values()) {
    for (const points of op.lines.values()) points.sort((a, b) => a.callers - b.callers);
  }
  return out;
}

/** Lines of `b` added to those of `a`, operation by operation (for comparing two runs). */
export function mergeOperations(
  a: Map<string, OperationSeries>,
  b: Map<string, OperationSeries>,
): Map<string, OperationSeries> {
  const out = new Map<string, OperationSeries>();
  for (const [id, op] of a) out.set(id, { ...op, lines: new Map(op.lines) });
  for (const [id, op] of b) {
    const into = out.get(id);
    if (!into) out.set(id, { ...op, lines: new Map(op.lines) });
    else for (const [name, points] of op.lines) into.lines.set(name, points);
  }
  return out;
}

function render(option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 720, height: 420 });
  try {
    chart.setOption({ animation: false, backgroundColor: "#ffffff", ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const callersAxis = (op: OperationSeries): echarts.EChartsOption["xAxis"] => ({
  type: "log",
  logBase: 2,
  name: `concurrent ${op.callersLabel === "concurrency" ? "callers" : op.callersLabel}`,
  nameLocation: "middle",
  nameGap: 28,
  minorSplitLine: { show: false },
});

/** Throughput against callers, one line per system/run. */
export function throughputSvg(op: OperationSeries): string {
  return render({
    title: { text: `${op.title} — throughput`, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 70, right: 30, top: 50, bottom: 70 },
    xAxis: callersAxis(op),
    yAxis: { type: "value", name: op.rateLabel, min: 0 },
    series: [...op.lines].map(([name, points]) => ({
      type: "line",
      name,
      symbolSize: 7,
      label: {
        show: true,
        position: "top",
        fontSize: 10,
        formatter: (p: { value: unknown }) => fmt(Number((p.value as number[])[1])),
      },
      data: points.filter((p) => p.rate !== null).map((p) => [p.callers, p.rate]),
    })),
  });
}

/** p50 (solid) and p99 (dashed) latency against callers, per system/run; log scale. */
export function latencySvg(op: OperationSeries): string {
  const series: echarts.SeriesOption[] = [];
  for (const [name, points] of op.lines) {
    for (const p of ["p50", "p99"] as const) {
      const data = points.filter((pt) => pt[p] !== null && (pt[p] ?? 0) > 0);
      if (data.length === 0) continue;
      series.push({
        type: "line",
        name: `${name} ${p}`,
        symbolSize: 6,
        lineStyle: { type: p === "p99" ? "dashed" : "solid" },
        data: data.map((pt) => [pt.callers, pt[p]]),
      });
    }
  }
  return render({
    title: { text: `${op.title} — latency`, left: "center", textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 70, right: 30, top: 50, bottom: 70 },
    xAxis: callersAxis(op),
    yAxis: { type: "log", name: "ms", logBase: 10 },
    series,
  });
}

/** Writes `<id>-throughput.svg` and `<id>-latency.svg` per operation into `dir`; their paths. */
export async function writeCharts(
  ops: Map<string, OperationSeries>,
  dir: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const op of ops.values()) {
    const xs = new Set([...op.lines.values()].flatMap((ps) => ps.map((p) => p.callers)));
    if (xs.size < 2) continue; // one level of callers is a number, not a curve
    for (const [kind, svg] of [
      ["throughput", throughputSvg(op)],
      ["latency", latencySvg(op)],
    ] as const) {
      const file = join(dir, `${op.id}-${kind}.svg`);
      await writeFile(file, svg);
      written.push(file);
    }
  }
  return written;
}
