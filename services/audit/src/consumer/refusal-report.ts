/**
 * Messages the store refused (forged, malformed) are counted, not silently dropped: each
 * interval, one `audit.refused` event says how many, why and on which subjects. It goes through
 * the stream like any other event (MAC'd as the audit service), so forwarders see it too.
 */
import { boundText } from "@keyfrag/bus";
import type { Refusal } from "./authentic-event.js";

/** The action of the periodic summary of refused messages. */
export const REFUSED_SUMMARY_ACTION = "audit.refused";

const MAX_SUBJECTS = 8;

export interface RefusalReport {
  /** Counts one refused message. */
  refused(why: Refusal, subject: string): void;
  /** Records the counts so far as one event (nothing when there are none). */
  flush(): Promise<void>;
  /** Stops the interval and flushes. */
  close(): Promise<void>;
}

export function createRefusalReport(deps: {
  audit: {
    emit(event: {
      action: string;
      result: "denied";
      reason: string;
      fields: Record<string, string>;
    }): Promise<unknown>;
  };
  logger: { error(obj: object, msg: string): void };
  intervalMs?: number;
}): RefusalReport {
  let reasons = new Map<string, number>();
  let subjects = new Map<string, number>();
  let total = 0;
  let since = Date.now();

  function countSubject(subject: string, n: number): void {
    const key = subjects.has(subject) || subjects.size < MAX_SUBJECTS ? subject : "other";
    subjects.set(key, (subjects.get(key) ?? 0) + n);
  }

  async function flush(): Promise<void> {
    if (total === 0) return;
    const counts = { reasons, subjects, total, since };
    reasons = new Map();
    subjects = new Map();
    total = 0;
    since = Date.now();
    const list = (m: Map<string, number>) =>
      [...m.entries()]
        .sort(([, a], [, b]) => b - a)
        .map(([k, n]) => `${k}=${n}`)
        .join(",");
    try {
      await deps.audit.emit({
        action: REFUSED_SUMMARY_ACTION,
        result: "denied",
        reason: "messages on the audit stream refused: not made by a keyfrag service or malformed",
        fields: {
          refused: String(counts.total),
          reasons: list(counts.reasons),
          subjects: list(counts.subjects),
          sinceMs: String(counts.since),
          untilMs: String(Date.now()),
        },
      });
    } catch (err) {
      deps.logger.error(
        { err, refused: counts.total },
        "could not record the refused-events summary",
      );
      // Counted again next time.
      total += counts.total;
      since = counts.since;
      for (const [k, n] of counts.reasons) reasons.set(k, (reasons.get(k) ?? 0) + n);
      for (const [k, n] of counts.subjects) countSubject(k, n);
    }
  }

  const timer = setInterval(() => void flush(), deps.intervalMs ?? 60_000);
  timer.unref();

  return {
    refused(why, subject) {
      total++;
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
      // Subjects are publisher-chosen: bounded in length and number.
      countSubject(boundText(subject, 96), 1);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
