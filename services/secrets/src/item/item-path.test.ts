import { InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { folderRange, validateItemPath, validateLabel } from "./item-path.js";

describe("validateItemPath", () => {
  it.each([
    "/a",
    "/prod/db/password",
    "/prod/db/pass word",
    "/ünïcødé/ключ/🔑",
    "/a.b/..c/c..",
    `/${"x".repeat(511)}`,
    `/${"é".repeat(511)}`,
  ])("accepts %s", (name) => {
    expect(validateItemPath(name, "name")).toBe(name);
  });

  it.each([
    ["", "name is required"],
    ["prod/a", "absolute path"],
    ["/", "root"],
    ["/a/", 'end with "/"'],
    ["/a//b", "empty segment"],
    ["/a/./b", '"." segment'],
    ["/a/../b", '".." segment'],
    ["/..", '".." segment'],
    ["/a/*", '"*"'],
    ["/a\u0000b", "control characters"],
    ["/a\nb", "control characters"],
    ["/a\u0085b", "control characters"],
    ["/a\ufffdb", "not valid UTF-8"],
    ["/a\ud800b", "not valid UTF-8"],
    ["/a\udc00", "not valid UTF-8"],
    [`/${"x".repeat(512)}`, "longer than 512"],
  ])("refuses %j", (name, why) => {
    expect(() => validateItemPath(name, "name")).toThrow(InvalidArgumentError);
    expect(() => validateItemPath(name, "name")).toThrow(why);
    expect(() => validateItemPath(name, "names[2]")).toThrow(/^names\[2\] /);
  });

  it("accepts the root only as a folder", () => {
    expect(validateItemPath("/", "path", true)).toBe("/");
  });
});

describe("validateLabel", () => {
  it("refuses empty, control characters, invalid UTF-8 and long labels", () => {
    expect(validateLabel("team:db", "tags[0]", 128)).toBe("team:db");
    expect(() => validateLabel("", "tags[0]", 128)).toThrow("tags[0] must not be empty");
    expect(() => validateLabel("a\tb", "tags[1]", 128)).toThrow("tags[1] must not contain");
    expect(() => validateLabel("a\ud800", "tags[1]", 128)).toThrow("not valid UTF-8");
    expect(() => validateLabel("x".repeat(129), "tags[3]", 128)).toThrow("longer than 128");
  });
});

describe("folderRange", () => {
  it("bounds a folder so that siblings sharing its prefix are outside", () => {
    const { min, max } = folderRange("/prod");
    const inside = (name: string) => name > min.slice(1) && name < max.slice(1);
    expect(inside("/prod/a")).toBe(true);
    expect(inside("/prod/x/y")).toBe(true);
    expect(inside("/prod")).toBe(false);
    expect(inside("/production")).toBe(false);
    expect(inside("/prod-a")).toBe(false);
    expect(folderRange("/")).toEqual({ min: "-", max: "+" });
  });
});
