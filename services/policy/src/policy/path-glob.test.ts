import { InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { globMatches, validatePath } from "./path-glob.js";

describe("validatePath", () => {
  it.each(["/", "/prod", "/prod/db/postgres-*", "/*", "/a b/c@d:e"])("accepts %s", (p) => {
    expect(validatePath(p)).toBe(p);
  });

  it.each([
    ["", "is required"],
    ["prod/x", "must be absolute"],
    ["/prod/", 'may not end with "/"'],
    ["/prod//x", "may not contain empty segments"],
    ["/prod/./x", 'may not contain "." or ".."'],
    ["/prod/..", 'may not contain "." or ".."'],
    ["/prod/\nx", "may not contain control characters"],
    [`/${"a".repeat(1100)}`, "is longer than"],
  ])("rejects %j (%s), naming the field", (p, why) => {
    expect(() => validatePath(p, "rule.path")).toThrow(InvalidArgumentError);
    expect(() => validatePath(p, "rule.path")).toThrow(`rule.path ${why}`);
  });
});

describe("globMatches", () => {
  it.each([
    ["/prod/*", "/prod/x", true],
    ["/prod/*", "/prod/a/b/c", true],
    ["/prod/*", "/prod", false],
    ["/prod/*", "/production/x", false],
    ["/prod", "/prod", true],
    ["/prod", "/prod/x", false],
    ["/prod/db/postgres-*", "/prod/db/postgres-main", true],
    ["/prod/db/postgres-*", "/prod/db/mysql-main", false],
    ["/*", "/", true],
    ["/*", "/anything/at/all", true],
    ["/a*b*c", "/axxbyyc", true],
    ["/a*b*c", "/axxbyyd", false],
    ["/a.b", "/aXb", false],
    ["/a+(b)", "/a+(b)", true],
    ["/Prod/*", "/prod/x", false],
  ])("%s covers %s: %s", (glob, path, expected) => {
    expect(globMatches(glob, path)).toBe(expected);
  });

  it("stays fast on a glob full of stars", () => {
    const glob = `/${"a*".repeat(200)}b`;
    const started = performance.now();
    expect(globMatches(glob, `/${"a".repeat(1000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
