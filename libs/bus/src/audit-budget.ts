/**
 * The budget of `denied` audit events: anyone can make a service deny them (a request without a
 * valid token costs an attacker nothing), and each one would be a durable record. Per window,
 * each source address may have `perSource` of them recorded one by one, and all sources together
 * `total`; the rest are counted and recorded as one summary event per source (the busiest
 * `maxSummaries`, then one for all others) when the window closes. Counted, not lost: a summary
 * that cannot be recorded is carried into the next window.
 *
 * A source is an IPv4 address or an IPv6 /64: one host commonly holds a whole /64, so counting
 * IPv6 addresses one by one would give it 2^64 budgets (and fill the source table). An
 * IPv4-mapped IPv6 address counts as its IPv4 address.
 */
import { isIP } from "node:net";

/** Limits of denied events recorded one by one, per window. */
export interface DeniedBudget {
  /** Per source address (default 20). */
  perSource: number;
  /** All sources together (default 500). */
  total: number;
  /** Window length in ms (default 60 s). */
  windowMs: number;
}

export const DEFAULT_DENIED_BUDGET: DeniedBudget = { perSource: 20, total: 500, windowMs: 60_000 };

/** Sources tracked one by one per window; beyond this, new sources share one bucket. */
const MAX_SOURCES = 10_000;
/** Summaries per window naming one source; the rest are folded into one. */
const MAX_SUMMARIES = 100;
/** Actions named per summary (the most frequent). */
const MAX_ACTIONS = 8;
/** What a summary's source is when it covers several sources. */
export const OTHER_SOURCES = "*";

/**
 * The groups of an IPv6 address (8 numbers), or undefined when it is none. Handles `::` and
 * a dotted IPv4 tail; a zone (`%eth0`) is dropped.
 */
function ipv6Groups(address: string): number[] | undefined {
  const bare = address.replace(/%.*$/, "");
  if (isIP(bare) !== 6) return undefined;
  let text = bare;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const groups = [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 ? groups : undefined;
}

/**
 * The budget bucket of a source address: an IPv4 address itself, an IPv4-mapped IPv6 address
 * as IPv4, any other IPv6 address as its /64 (`2001:db8:1:2::/64`); anything else unchanged.
 */
export function sourceBucket(source: string): string {
  const groups = ipv6Groups(source);
  if (!groups) return source;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
    return `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

interface SourceCount {
  recorded: number;
  suppressed: number;
  /** Suppressed events per action. */
  actions: Map<string, number>;
}

/** One summary to record: `suppressed` denied events from `source` were not recorded alone. */
export interface DeniedSummary {
  source: string;
  suppressed: number;
  /** How many sources it covers (1 unless `source` is OTHER_SOURCES). */
  sources: number;
  /** `action=count` of the most frequent actions, comma-separated. */
  actions: string;
  windowStartMs: number;
  windowEndMs: number;
}

export interface DeniedCounter {
  /** Whether the next denied event from `source` is recorded; if not, it is counted. */
  admit(source: string, action: string): boolean;
  /** Closes the window: the summaries to record, and the counts start again. */
  close(nowMs: number): DeniedSummary[];
  /** Puts summaries that could not be recorded back, to be summarized again next time. */
  restore(summaries: readonly DeniedSummary[]): void;
}

/** A counter of denied events over `budget`. */
export function createDeniedCounter(budget: DeniedBudget, nowMs: number): DeniedCounter {
  let windowStart = nowMs;
  let total = 0;
  let sources = new Map<string, SourceCount>();
  // Summaries carried over (not recorded yet), merged into the next close.
  let carried: DeniedSummary[] = [];

  const countOf = (address: string): SourceCount => {
    const source = sourceBucket(address);
    let count = sources.get(source);
    if (!count) {
      const key = sources.size >= MAX_SOURCES ? OTHER_SOURCES : source;
      count = sources.get(key);
      if (!count) {
        count = { recorded: 0, suppressed: 0, actions: new Map() };
        sources.set(key, count);
      }
    }
    return count;
  };

  return {
    admit(source, action) {
      const count = countOf(source);
      if (count.recorded < budget.perSource && total < budget.total) {
        count.recorded++;
        total++;
        return true;
      }
      count.suppressed++;
      // Actions are service-chosen names, but bound the map anyway.
      if (count.actions.has(action) || count.actions.size < 64) {
        count.actions.set(action, (count.actions.get(action) ?? 0) + 1);
      }
      return false;
    },
    close(nowMs) {
      const suppressed = [...sources.entries()]
        .filter(([, c]) => c.suppressed > 0)
        .sort(([, a], [, b]) => b.suppressed - a.suppressed);
      const summaries: DeniedSummary[] = [];
      const summary = (source: string, counts: SourceCount[]): DeniedSummary => {
        const actions = new Map<string, number>();
        for (const c of counts) {
          for (const [a, n] of c.actions) actions.set(a, (actions.get(a) ?? 0) + n);
        }
        return {
          source,
          suppressed: counts.reduce((sum, c) => sum + c.suppressed, 0),
          sources: counts.length,
          actions: [...actions.entries()]
            .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
            .slice(0, MAX_ACTIONS)
            .map(([a, n]) => `${a}=${n}`)
            .join(","),
          windowStartMs: windowStart,
          windowEndMs: nowMs,
        };
      };
      for (const [source, count] of suppressed.slice(0, MAX_SUMMARIES)) {
        summaries.push(summary(source, [count]));
      }
      const rest = suppressed.slice(MAX_SUMMARIES).map(([, c]) => c);
      if (rest.length > 0) summaries.push(summary(OTHER_SOURCES, rest));
      const out = [...carried, ...summaries];
      carried = [];
      sources = new Map();
      total = 0;
      windowStart = nowMs;
      return out;
    },
    restore(summaries) {
      // Bounded: beyond the cap, carried summaries merge into one.
      carried.push(...summaries);
      if (carried.length > MAX_SUMMARIES + 1) {
        const merged = carried.splice(MAX_SUMMARIES);
        carried.push({
          source: OTHER_SOURCES,
          suppressed: merged.reduce((sum, s) => sum + s.suppressed, 0),
          sources: merged.reduce((sum, s) => sum + s.sources, 0),
          actions: "",
          windowStartMs: Math.min(...merged.map((s) => s.windowStartMs)),
          windowEndMs: Math.max(...merged.map((s) => s.windowEndMs)),
        });
      }
    },
  };
}
