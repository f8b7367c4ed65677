import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box.js";

describe("secret box", () => {
  const box = createSecretBox(new Uint8Array(32).fill(1));

  it("round-trips, never shows the plaintext, and binds forwarder and field", () => {
    const sealed = box.seal("splunk", "token", "hec-token-1");
    expect(sealed).not.toContain("hec-token-1");
    expect(box.seal("splunk", "token", "hec-token-1")).not.toBe(sealed);
    expect(box.open("splunk", "token", sealed)).toBe("hec-token-1");
    expect(() => box.open("other", "token", sealed)).toThrow(/does not decrypt/);
    expect(() => box.open("splunk", "password", sealed)).toThrow(/does not decrypt/);
    expect(() =>
      createSecretBox(new Uint8Array(32).fill(2)).open("splunk", "token", sealed),
    ).toThrow();
    expect(() => box.open("splunk", "token", "plain")).toThrow(/not sealed/);
  });
});
