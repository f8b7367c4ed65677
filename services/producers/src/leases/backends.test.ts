import { describe, expect, it } from "vitest";
import { connectionHints } from "./backends.js";

describe("where to connect with an issued credential", () => {
  it("always names the port: the target's, or its driver's default", () => {
    const connection = { host: "db.internal", database: "app", sslmode: "require" };
    expect(connectionHints({ type: "postgresql", connection })).toEqual({
      host: "db.internal",
      port: "5432",
      database: "app",
    });
    expect(connectionHints({ type: "mysql", connection: { host: "m" } })).toEqual({
      host: "m",
      port: "3306",
    });
    expect(connectionHints({ type: "redis", connection: { host: "r", port: "6380" } })).toEqual({
      host: "r",
      port: "6380",
    });
  });
});
