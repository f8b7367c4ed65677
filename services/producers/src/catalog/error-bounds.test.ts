import {
  type CreateDynamicSecretRequest__Output,
  type CreateTargetRequest__Output,
  InvalidArgumentError,
  MAX_QUOTED_CHARS,
} from "@keyfrag/rpc";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "../drivers/driver.js";
import { validateExtensions } from "../ssh/openssh.js";
import { createCatalogService, type TargetValidators } from "./catalog-service.js";
import type { CatalogStore } from "./catalog-store.js";

const huge = "[".repeat(64 * 1024);
const bound = MAX_QUOTED_CHARS + 200;

// The type is checked before anything is looked up, so neither store nor validators are reached.
const catalog = createCatalogService({
  store: {} as CatalogStore,
  validators: {} as TargetValidators,
  maxLeaseTtlSeconds: 3_600,
});

function refusal(work: () => unknown): Promise<Error> {
  return Promise.resolve()
    .then(work)
    .then(
      () => {
        throw new Error("expected a refusal");
      },
      (err: unknown) => err as Error,
    );
}

// An error message goes back in a gRPC trailer: it quotes at most MAX_QUOTED_CHARS of a bad value.
describe("producers errors about a huge value", () => {
  it.each([
    ["target type", () => catalog.createTarget({ type: huge } as CreateTargetRequest__Output)],
    [
      "dynamic secret type",
      () =>
        catalog.createDynamicSecret({
          name: "/ds",
          type: huge,
        } as CreateDynamicSecretRequest__Output),
    ],
    ["certificate extension", () => validateExtensions({ [huge]: "" })],
  ] as const)("quote the %s bounded", async (_, work) => {
    const err = await refusal(work);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message.length).toBeLessThan(bound);
  });

  it("quotes an unknown statement placeholder bounded, and knows no inherited ones", () => {
    expect(() => renderTemplate(`{{${"x".repeat(8_000)}}}`, {})).toThrow(/characters\)$/);
    expect(() => renderTemplate("{{constructor}}", {})).toThrow(/unknown placeholder/);
  });
});
