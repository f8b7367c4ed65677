import { InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { checkItemPath, checkKeyName, namePath } from "./item-names.js";

describe("item names", () => {
  it("accepts absolute paths", () => {
    expect(checkItemPath("/prod/db/password", "name")).toBe("/prod/db/password");
    expect(checkItemPath("/", "path", true)).toBe("/");
  });

  it.each([
    ["", "is required"],
    ["prod/db", "must be absolute"],
    ["/prod/../etc", '".."'],
    ["/prod/./x", '"."'],
    ["/prod//x", "empty segments"],
    ["/prod/", 'end with "/"'],
    ["/prod/*", '"*"'],
    ["/a\nb", "control characters"],
    ["/a\uFFFDb", "not valid UTF-8"],
    ["/a\uD800b", "not valid UTF-8"],
    ["/", 'may not be "/"'],
    [`/${"a".repeat(1100)}`, "longer than"],
  ])("refuses %j, naming the field", (value, why) => {
    expect(() => checkItemPath(value, "name")).toThrow(InvalidArgumentError);
    expect(() => checkItemPath(value, "name")).toThrow(
      new RegExp(`^name .*${why.replace(/[.*"]/g, "\\$&")}`),
    );
  });

  it("checks key names against what the coordinator accepts", () => {
    expect(checkKeyName("/keys/app-1", "key_name")).toBe("/keys/app-1");
    expect(() => checkKeyName("/keys/é", "key_name")).toThrow(/key_name/);
  });

  it("turns role and method names into paths", () => {
    expect(namePath("admin", "name")).toBe("/admin");
    expect(namePath("/ci/github", "name")).toBe("/ci/github");
    expect(() => namePath("", "role_name")).toThrow(/role_name is required/);
  });
});
