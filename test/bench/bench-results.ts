/**
 * A benchmark run as data: the Markdown tables the benches print (see `printTable`), read back
 * into JSON, and the ratio table between two runs. The benches keep printing Markdown only, so
 * a row added to any of their tables lands in the JSON, the charts and `--compare` as it is.
 */
import { readFile } from "node:fs/promises";

/** One cell: a number where the printed cell was one ("1,265", "0.25"), else its text. */
export type Cell = number | string;

/** One printed table, under the nearest heading above it. */
export interface BenchTable {
  /** The nearest `#` heading printed before the table, without the hashes. */
  section: string;
  headers: string[];
  /** Cells as printed (escaped pipes unescaped). */
  cells: string[][];
  /** One object per row, header → number or text ("–" becomes null). */
  rows: Record<string, Cell | null>[];
}

/** One benchmark program of a run, e.g. the gateway bench. */
export interface BenchProgram {
  name: string;
  command: string[];
  exitCode: number | null;
  seconds: number;
  tables: BenchTable[];
}

/** The file `pnpm bench` writes as bench-results/<run>.json. */
export interface BenchRun {
  /** Format of this file; bump when a field changes meaning. */
  format: 1;
  run: string;
  startedAt: string;
  finishedAt: string;
  commit: string;
  machine: { node: string; cpu: string; cores: number; memoryGiB: number; loadAverage: number[] };
  /** The benchmark knobs set for the run (KEYFRAG_BENCH_* and the like). */
  environment: Record<string, string>;
  programs: BenchProgram[];
}

/** A Markdown cell back to a number: "1,265" → 1265, "0.25" → 0.25, "–" → null, else text. */
export function parseCell(cell: string): Cell | null {
  const t = cell.trim();
  if (t === "–" || t === "-" || t === "") return null;
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?$/.test(t))
    return Number(t.replace(/,/g, ""));
  return t;
}

/** Splits a Markdown table line on pipes that are not escaped (`\|`). */
function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const cells: string[] = [];
  let current = "";
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === "\\" && inner[i + 1] === "|") {
      current += "|";
      i++;
    } else if (ch === "|") {
      cells.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  cells.push(current.trim());
  return cells;
}

const isSeparator = (line: string) => /^\|(\s*:?-+:?\s*\|)+\s*$/.test(line.trim());

/** Every Markdown table in `text`, each with the nearest heading above it. */
export function parseTables(text: string): BenchTable[] {
  const lines = text.split(/\r?\n/);
  const tables: BenchTable[] = [];
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      section = (heading[1] ?? "").trim();
      continue;
    }
    if (!line.trimStart().startsWith("|") || !isSeparator(lines[i + 1] ?? "")) continue;
    const headers = splitRow(line);
    const cells: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && (lines[j] ?? "").trimStart().startsWith("|"); j++) {
      cells.push(splitRow(lines[j] ?? ""));
    }
    const rows = cells.map((r) =>
      Object.fromEntries(headers.map((h, k) => [h, parseCell(r[k] ?? "")])),
    );
    tables.push({ section, headers, cells, rows });
    i = j - 1;
  }
  return tables;
}

/** Reads and checks a run file written by `pnpm bench`. */
export async function readRun(path: string): Promise<BenchRun> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: not a readable JSON file (${e instanceof Error ? e.message : e})`);
  }
  const run = parsed as Partial<BenchRun>;
  if (run.format !== 1 || !Array.isArray(run.programs) || typeof run.run !== "string") {
    throw new Error(`${path}: not a bench-results run file (format 1)`);
  }
  return run as BenchRun;
}

// ---------------------------------------------------------------------------------------------
// Which columns say what

/** Columns that name the number of concurrent callers of a row. */
const CALLERS = /^(callers|clients|concurrency|in flight)$/i;
/** Columns that name what a row measured rather than a measurement. */
const KEY_COLUMN =
  /^(operation|gateway operation|system|client|baseline|mode|phase|keys|secrets|leases|keys in registry|callers|clients|concurrency|in flight)$/i;
/** Measurements worth a ratio: rates and latencies. */
const METRIC = /(\/s|\bms\b)/i;
const RATE = /^(ops\/s|keys\/s|roles revoked\/s|per second)$/i;

export const callersColumn = (t: BenchTable) => t.headers.find((h) => CALLERS.test(h));
export const rateColumn = (t: BenchTable) => t.headers.find((h) => RATE.test(h));
/** The column of a percentile latency, e.g. "p50 ms" or "p50 ms" with a prefix. */
export const latencyColumn = (t: BenchTable, p: "p50" | "p99") =>
  t.headers.find((h) => new RegExp(`^${p} ms$`, "i").test(h));

/** Columns that identify a row: named like one, or text in every row. */
export function keyColumns(t: BenchTable): string[] {
  return t.headers.filter(
    (h) =>
      KEY_COLUMN.test(h) ||
      (t.rows.length > 0 && t.rows.every((r) => typeof r[h] === "string" || r[h] === null)),
  );
}

/** A row's identity within its table: its key cells as "header=value" (text only for labels). */
export function rowKey(t: BenchTable, row: Record<string, Cell | null>): string {
  return keyColumns(t)
    .map((h) =>
      CALLERS.test(h) || /^(keys|secrets|leases|keys in registry)$/i.test(h)
        ? `${h}=${row[h]}`
        : `${row[h]}`,
    )
    .join(", ");
}

// ---------------------------------------------------------------------------------------------
// Compare

/** One line of the ratio table. */
export interface Ratio {
  program: string;
  section: string;
  row: string;
  metric: string;
  a: number;
  b: number;
  /** b ÷ a. */
  ratio: number;
  /** Whether b is better than a: higher for rates, lower for latencies. */
  better: boolean;
}

/** Where a table sits in a run: its program, its section, and which of the same name it is. */
function tableIds(run: BenchRun): Map<string, { program: string; table: BenchTable }> {
  const ids = new Map<string, { program: string; table: BenchTable }>();
  for (const p of run.programs) {
    const seen = new Map<string, number>();
    for (const table of p.tables) {
      const base = `${p.name}\u0000${table.section}\u0000${table.headers.join("\u0001")}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      ids.set(`${base}\u0000${n}`, { program: p.name, table });
    }
  }
  return ids;
}

/** Rates and latencies that both runs measured for the same row: b ÷ a for each. */
export function compareRuns(a: BenchRun, b: BenchRun): Ratio[] {
  const ratios: Ratio[] = [];
  const bTables = tableIds(b);
  for (const [id, { program, table }] of tableIds(a)) {
    const other = bTables.get(id)?.table;
    if (!other) continue;
    const keys = keyColumns(table);
    const bRows = new Map(other.rows.map((r) => [rowKey(other, r), r]));
    for (const rowA of table.rows) {
      const key = rowKey(table, rowA);
      const rowB = bRows.get(key);
      if (!rowB) continue;
      for (const metric of table.headers) {
        if (keys.includes(metric) || !METRIC.test(metric) || /ratio|÷/i.test(metric)) continue;
        const va = rowA[metric];
        const vb = rowB[metric];
        if (typeof va !== "number" || typeof vb !== "number" || va === 0) continue;
        const higherIsBetter = /\/s/.test(metric);
        ratios.push({
          program,
          section: table.section,
          row: key,
          metric,
          a: va,
          b: vb,
          ratio: vb / va,
          better: higherIsBetter ? vb > va : vb < va,
        });
      }
    }
  }
  return ratios;
}
