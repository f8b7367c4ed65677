import { describe, expect, it } from "vitest";
import { createRefusalReport, REFUSED_SUMMARY_ACTION } from "./refusal-report.js";

describe("refusal report", () => {
  it("records refused messages as one summary, and keeps the counts when it cannot", async () => {
    const recorded: { fields: Record<string, string> }[] = [];
    let up = false;
    const report = createRefusalReport({
      audit: {
        emit: async (e) => {
          if (!up) throw new Error("stream down");
          recorded.push(e);
        },
      },
      logger: { error: () => {} },
      intervalMs: 3_600_000,
    });
    for (let i = 0; i < 3; i++) report.refused("no valid MAC", "kf.audit.events.gateway");
    // Publisher-chosen subjects: bounded in number and length.
    for (let i = 0; i < 20; i++)
      report.refused("malformed", `kf.audit.events.${i}${"x".repeat(500)}`);
    await report.flush();
    expect(recorded).toHaveLength(0);
    up = true;
    await report.close();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: REFUSED_SUMMARY_ACTION,
      result: "denied",
      fields: { refused: "23", reasons: "malformed=20,no valid MAC=3" },
    });
    const subjects = recorded[0]?.fields.subjects ?? "";
    expect(subjects.split(",")).toHaveLength(9);
    expect(subjects.length).toBeLessThan(1_000);
    await report.flush();
    expect(recorded).toHaveLength(1);
  });
});
