import { afterEach, describe, expect, it } from "vitest";
import { isoTime, toJson } from "./format.js";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("times", () => {
  it("text shows local time with its offset; UTC as Z", () => {
    const t = Date.UTC(2026, 11, 7, 15, 30, 0);
    process.env.TZ = "Asia/Kolkata";
    expect(isoTime(t)).toBe("2026-12-07T21:00:00.000+05:30");
    process.env.TZ = "America/New_York";
    expect(isoTime(String(t))).toBe("2026-12-07T10:30:00.000-05:00");
    process.env.TZ = "UTC";
    expect(isoTime(t)).toBe("2026-12-07T15:30:00.000Z");
    expect(isoTime(0)).toBe("");
  });

  it("JSON carries RFC 3339 under the name without _ms; durations stay numbers", () => {
    expect(
      toJson({
        created_at_ms: "1000",
        time_ms: 0,
        duration_ms: 250,
        nested: [{ expires_at_ms: 2000 }],
      }),
    ).toEqual({
      created_at: "1970-01-01T00:00:01.000Z",
      time: null,
      duration_ms: 250,
      nested: [{ expires_at: "1970-01-01T00:00:02.000Z" }],
    });
  });
});
