import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, env, parseConfig, z } from "./index.js";

const schema = z.object({
  KF_SLOT: env.int(1, 255),
  KF_LISTEN: env.address(),
  KF_NODE_ID: env.name(),
  KF_NATS_URL: env.url(["nats"]).default("nats://127.0.0.1:4222"),
});

describe("parseConfig", () => {
  it("parses and coerces a good environment", () => {
    const c = parseConfig(schema, { KF_SLOT: "3", KF_LISTEN: "127.0.0.1:0", KF_NODE_ID: "fm-1a" });
    expect(c).toEqual({
      KF_SLOT: 3,
      KF_LISTEN: "127.0.0.1:0",
      KF_NODE_ID: "fm-1a",
      KF_NATS_URL: "nats://127.0.0.1:4222",
    });
  });

  it("names every missing or bad variable", () => {
    let err: unknown;
    try {
      parseConfig(schema, { KF_SLOT: "300", KF_LISTEN: "nope", KF_NATS_URL: "http://x" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toMatch(/KF_SLOT: .*255/);
    expect(message).toMatch(/KF_LISTEN: expected host:port/);
    expect(message).toMatch(/KF_NODE_ID: is required but not set/);
    expect(message).toMatch(/KF_NATS_URL: expected a nats URL/);
  });

  it("reads a hex key from a file and refuses short, non-hex or missing ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "kf-config-"));
    const good = join(dir, "good");
    const short = join(dir, "short");
    const text = join(dir, "text");
    writeFileSync(good, `${"ab".repeat(32)}\n`);
    writeFileSync(short, "abcd");
    writeFileSync(text, "not hex at all, not even close, no no no no no no no no no no no no");
    const keys = z.object({ KEY: env.keyFile(32) });
    expect(parseConfig(keys, { KEY: good }).KEY).toEqual(new Uint8Array(32).fill(0xab));
    expect(() => parseConfig(keys, { KEY: short })).toThrow(
      /KEY: file must hold at least 32 bytes/,
    );
    expect(() => parseConfig(keys, { KEY: text })).toThrow(/KEY: file must hold/);
    expect(() => parseConfig(keys, { KEY: join(dir, "nope") })).toThrow(/KEY: file does not exist/);
  });
});
