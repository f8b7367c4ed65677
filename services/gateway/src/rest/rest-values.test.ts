import { Value } from "@sinclair/typebox/value";
import { describe, expect, test } from "vitest";
import {
  authMethodNamed,
  Bool,
  bool,
  Int,
  int,
  itemName,
  strings,
  Ttl,
  ttlSeconds,
} from "./rest-values.js";

describe("Akeyless value conventions", () => {
  test("booleans come as JSON values or as the strings true/false, nothing else", () => {
    for (const v of [true, false, "true", "false"]) expect(Value.Check(Bool(), v)).toBe(true);
    for (const v of ["yes", 1, "TRUE", null]) expect(Value.Check(Bool(), v)).toBe(false);
    expect(bool("true")).toBe(true);
    expect(bool("false")).toBe(false);
    expect(bool(undefined, true)).toBe(true);
  });

  test("ports and counts come as numbers or digit strings", () => {
    expect(Value.Check(Int(), 3306)).toBe(true);
    expect(Value.Check(Int(), "3306")).toBe(true);
    expect(Value.Check(Int(), "33o6")).toBe(false);
    expect(Value.Check(Int(), -1)).toBe(false);
    expect(int("3306", "port", 65_535)).toBe(3306);
    expect(() => int("70000", "port", 65_535)).toThrow(/port must be an integer from 0 to 65535/);
    expect(int(undefined, "x")).toBe(0);
  });

  test("TTLs are seconds as numbers or strings with units", () => {
    for (const v of [3600, "3600", "60m", "1h30m", "7d", "45s"]) {
      expect(Value.Check(Ttl(), v)).toBe(true);
    }
    for (const v of ["60 minutes", "m", "1h-1m", -5]) expect(Value.Check(Ttl(), v)).toBe(false);
    expect(ttlSeconds("60m", "user-ttl")).toBe(3600);
    expect(ttlSeconds("1h30m", "user-ttl")).toBe(5400);
    expect(ttlSeconds("2d", "user-ttl")).toBe(172_800);
    expect(ttlSeconds(900, "user-ttl")).toBe(900);
    expect(ttlSeconds("900", "user-ttl")).toBe(900);
    expect(ttlSeconds(undefined, "user-ttl")).toBe(0);
  });

  test("names get their leading / when it is missing", () => {
    expect(itemName("mysql-dynamic-secret")).toBe("/mysql-dynamic-secret");
    expect(itemName("/a/b")).toBe("/a/b");
    expect(itemName(undefined)).toBe("");
  });

  test("a list field also takes one string", () => {
    expect(strings("a")).toEqual(["a"]);
    expect(strings(["a", "b"])).toEqual(["a", "b"]);
    expect(strings("")).toEqual([]);
    expect(strings(undefined)).toEqual([]);
  });
});

describe("auth methods by name", () => {
  // The auth service's listing order: "/x" sorts before "x".
  const methods = [
    { name: "/team/deploy", access_id: "p-slashed" },
    { name: "team/deploy", access_id: "p-plain" },
    { name: "/other", access_id: "p-other" },
  ];
  test("the leading / is optional when one method has the name", () => {
    expect(authMethodNamed(methods, "other", "refuse")?.access_id).toBe("p-other");
    expect(authMethodNamed(methods, "/other", "exact")?.access_id).toBe("p-other");
    expect(authMethodNamed(methods, "none", "refuse")).toBeUndefined();
  });
  test("when both spellings exist: the exact one, or a conflict naming both", () => {
    expect(authMethodNamed(methods, "team/deploy", "exact")?.access_id).toBe("p-plain");
    expect(authMethodNamed(methods, "/team/deploy", "exact")?.access_id).toBe("p-slashed");
    for (const name of ["team/deploy", "/team/deploy"]) {
      expect(() => authMethodNamed(methods, name, "refuse")).toThrow(
        /ambiguous: both "\/team\/deploy" and "team\/deploy" exist; give the access-id/,
      );
    }
  });
});
