import { Type } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import { inRestTerms } from "./rest-field-terms.js";
import { Int, Text, Ttl } from "./rest-values.js";

// The messages are the gateway's and the producers' own, as they are thrown.
describe("REST messages in the body's terms", () => {
  const body = Type.Object({
    name: Text("n"),
    "user-ttl": Type.Optional(Ttl()),
    "key-name": Type.Optional(Text("k")),
    "timeout-sec": Type.Optional(Int("t")),
    capability: Type.Optional(Text("c")),
    "signer-key-name": Type.Optional(Text("s")),
  });

  it("names a request field as the body's kebab-case field, seconds as a duration", () => {
    expect(inRestTerms("user_ttl_seconds (7200) exceeds max_ttl_seconds (3600)", body)).toBe(
      "user-ttl (2h) exceeds max-ttl (1h)",
    );
    expect(inRestTerms('key_name must be a DFC key name ("/" and …)', body)).toBe(
      'key-name must be a DFC key name ("/" and …)',
    );
    expect(inRestTerms("rule.capabilities must list at least one capability", body)).toBe(
      "capability must list at least one capability",
    );
  });

  it("uses the operation's own names where they are not the kebab-case", () => {
    expect(
      inRestTerms("ssh.ca_key_name must be a DFC key name", body, {
        ca_key_name: "signer-key-name",
      }),
    ).toBe("signer-key-name must be a DFC key name");
    // A body field of whole seconds keeps the number.
    expect(
      inRestTerms("custom.timeout_seconds must be at most 120", body, {
        timeout_seconds: "timeout-sec",
      }),
    ).toBe("timeout-sec must be at most 120");
  });

  it("leaves alone what is no request field of the operation", () => {
    for (const message of [
      'item "/a/b" does not exist',
      "no rule allows it (role kf_admin)",
      "action gateway.get-secret-value",
      "page_token is not a page token of this list",
      // Caller values: a quoted name, a path, a user name.
      'item "/a/key_name" already exists',
      "target /t/key_name not found",
      "user kf_user_ttl_1 is gone",
    ]) {
      expect(inRestTerms(message, body)).toBe(message);
    }
  });
});
