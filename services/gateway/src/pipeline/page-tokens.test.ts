import { InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { createPageTokens } from "./page-tokens.js";

describe("page tokens", () => {
  const tokens = createPageTokens(new Uint8Array(32).fill(9));

  it("hides the upstream token and gives it back only to the same caller and list", () => {
    const sealed = tokens.seal("L3NlY3JldC9uYW1l", "p-alice", "ListItems");
    expect(sealed).not.toContain("L3NlY3JldC9uYW1l");
    expect(tokens.open(sealed, "p-alice", "ListItems")).toBe("L3NlY3JldC9uYW1l");
    expect(() => tokens.open(sealed, "p-bob", "ListItems")).toThrow(InvalidArgumentError);
    expect(() => tokens.open(sealed, "p-alice", "ListRoles")).toThrow(InvalidArgumentError);
    // Any gateway of the cluster (same audit key) can open it.
    expect(createPageTokens(new Uint8Array(32).fill(9)).open(sealed, "p-alice", "ListItems")).toBe(
      "L3NlY3JldC9uYW1l",
    );
  });

  it("refuses a made-up token, and keeps the empty token empty", () => {
    // What an upstream token looks like: a caller must not be able to pass one in.
    const madeUp = Buffer.from("/prod/secret").toString("base64url");
    expect(() => tokens.open(madeUp, "p-alice", "ListItems")).toThrow(/page_token/);
    expect(tokens.seal("", "p-alice", "ListItems")).toBe("");
    expect(tokens.open("", "p-alice", "ListItems")).toBe("");
  });
});
