import { describe, expect, it } from "vitest";
import { renameFieldsInMessage, secondsAsDuration } from "../src/field-terms.js";

// The messages are the services' own, as they are thrown.
describe("renameFieldsInMessage", () => {
  const names: Record<string, string> = {
    user_ttl_seconds: "--user-ttl",
    max_ttl_seconds: "--max-ttl",
    key_name: "--key-name",
    "rule.capabilities": "--capability",
    "custom.timeout_seconds": "--timeout-sec",
  };
  const nameOf = (field: string) => names[field];

  it("renames the fields the caller's lookup knows, seconds after a *_seconds field as a duration", () => {
    expect(
      renameFieldsInMessage("user_ttl_seconds (7200) exceeds max_ttl_seconds (3600)", nameOf),
    ).toBe("--user-ttl (2h) exceeds --max-ttl (1h)");
    expect(renameFieldsInMessage("user_ttl_seconds must be at most 5400", nameOf)).toBe(
      "--user-ttl must be at most 1h30m",
    );
    expect(renameFieldsInMessage("rule.capabilities must list one", nameOf)).toBe(
      "--capability must list one",
    );
  });

  it("keeps the number where the caller's field takes whole seconds", () => {
    expect(
      renameFieldsInMessage(
        "custom.timeout_seconds must be at most 120",
        nameOf,
        (name) => name !== "--timeout-sec",
      ),
    ).toBe("--timeout-sec must be at most 120");
  });

  it("leaves fields the lookup does not know, quoted values, paths and names", () => {
    for (const message of [
      "page_token is not a page token of this list",
      'item "/a/key_name" already exists',
      "target /t/key_name not found",
      "user kf_user_ttl_1 is gone",
      'key_name "x" is quoted after: "key_name (5)"',
    ]) {
      const out = renameFieldsInMessage(message, nameOf);
      // Only unquoted, free-standing key_name may change.
      expect(out.replaceAll("--key-name", "key_name")).toBe(message);
    }
    expect(renameFieldsInMessage('key_name "key_name (5)"', nameOf)).toBe(
      '--key-name "key_name (5)"',
    );
    // A lookup that answers the field itself changes nothing.
    expect(renameFieldsInMessage("max_ttl_seconds (60)", (f) => f)).toBe("max_ttl_seconds (60)");
  });
});

describe("secondsAsDuration", () => {
  it("writes the largest units first and leaves out empty ones", () => {
    expect([0, 45, 60, 5400, 7200, 86_400, 90_061].map((s) => secondsAsDuration(s))).toEqual([
      "0s",
      "45s",
      "1m",
      "1h30m",
      "2h",
      "1d",
      "1d1h1m1s",
    ]);
  });
});
