import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { inFlagTerms } from "./flag-terms.js";

describe("server messages in the command's flags", () => {
  const command = new Command("create-dynamic-secret")
    .option("--user-ttl <duration>")
    .option("--max-ttl <duration>")
    .option("--capability <capability...>")
    .option("--alg <algorithm>");

  it("names each field the command has a flag for as that flag, seconds as a duration", () => {
    expect(inFlagTerms("user_ttl_seconds (7200) exceeds max_ttl_seconds (3600)", command)).toBe(
      "--user-ttl (2h) exceeds --max-ttl (1h)",
    );
    // Renamed flags: a plural list, a shortened name.
    expect(inFlagTerms("rule.capabilities must list one; algorithm is unknown", command)).toBe(
      "--capability must list one; algorithm is unknown",
    );
    expect(inFlagTerms("key.algorithm is unknown", command)).toBe("--alg is unknown");
  });

  it("leaves fields the command has no flag for, and quoted values", () => {
    for (const message of ["page_token is not a page token", 'item "/a/user_ttl_seconds (5)"']) {
      expect(inFlagTerms(message, command)).toBe(message);
    }
  });
});
