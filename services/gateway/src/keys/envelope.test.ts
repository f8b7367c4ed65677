import { createHash } from "node:crypto";
import { FailedPreconditionError, InvalidArgumentError } from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import {
  callerContext,
  checkContext,
  type Derive,
  itemContext,
  openValue,
  sealValue,
} from "./envelope.js";

// Stands in for the fragment cluster's threshold OPRF: a keyed function of (key, input), which
// is all the envelope needs from it (the real derivation is exercised end to end).
const derive: Derive = async (keyName, input) =>
  new Uint8Array(createHash("sha512").update(keyName).update(input).digest());
const key = { name: "/keyfrag/system", algorithm: "AES256GCM" as const, version: 1 };

describe("envelopes", () => {
  it("round-trips a value bound to its item", async () => {
    const sealed = await sealValue(derive, key, Buffer.from("s3cret"), itemContext("/app/a"));
    expect(Buffer.from(sealed).includes(Buffer.from("s3cret"))).toBe(false);
    const opened = await openValue(derive, key.name, sealed, itemContext("/app/a"), 1);
    expect(Buffer.from(opened).toString()).toBe("s3cret");
  });

  it("opens a ciphertext held in a Buffer that is a view into a larger one", async () => {
    const sealed = await sealValue(derive, key, Buffer.from("s3cret"), {});
    const pooled = Buffer.concat([Buffer.alloc(7, 1), sealed]).subarray(7);
    const opened = await openValue(derive, key.name, pooled, {}, 1);
    expect(Buffer.from(opened).toString()).toBe("s3cret");
  });

  it("does not open under another item, key or version", async () => {
    const sealed = await sealValue(derive, key, Buffer.from("s3cret"), itemContext("/app/a"));
    await expect(openValue(derive, key.name, sealed, itemContext("/app/b"), 1)).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(openValue(derive, "/other", sealed, itemContext("/app/a"), 1)).rejects.toThrow(
      /not made with key \/other/,
    );
    const v2 = await sealValue(derive, { ...key, version: 2 }, Buffer.from("x"), {});
    await expect(openValue(derive, key.name, v2, {}, 1)).rejects.toThrow(FailedPreconditionError);
    await expect(openValue(derive, key.name, Buffer.from("junk"), {}, 1)).rejects.toThrow(
      /not a keyfrag ciphertext/,
    );
  });

  it("keeps callers' contexts apart from item bindings: Decrypt cannot open a stored secret", async () => {
    const stored = await sealValue(derive, key, Buffer.from("s3cret"), itemContext("/app/a"));
    const asCaller = callerContext({ item: "/app/a" });
    expect(asCaller).toEqual({ "caller:item": "/app/a" });
    await expect(openValue(derive, key.name, stored, asCaller, 1)).rejects.toThrow(
      InvalidArgumentError,
    );
    // And what Encrypt makes with that context is not accepted as the item's value.
    const forged = await sealValue(derive, key, Buffer.from("forged"), asCaller);
    await expect(openValue(derive, key.name, forged, itemContext("/app/a"), 1)).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it("refuses reserved and oversized context keys", () => {
    expect(() => checkContext({ "keyfrag:item": "/x" })).toThrow(/reserved/);
    expect(() => checkContext({ "": "x" })).toThrow(InvalidArgumentError);
    expect(checkContext({ tenant: "acme" })).toEqual({ tenant: "acme" });
  });
});
