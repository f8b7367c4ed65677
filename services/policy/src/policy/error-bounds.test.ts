import { InvalidArgumentError, MAX_QUOTED_CHARS } from "@keyfrag/rpc";
import { type TestRedis, testRedis } from "@keyfrag/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPolicyService, type PolicyService } from "./policy-service.js";
import { createPolicyStore } from "./policy-store.js";

/** The error `work` rejects with (it must reject). */
async function refusal(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a refusal");
}

// An error message goes back in a gRPC trailer: it quotes at most MAX_QUOTED_CHARS of a bad value.
describe("policy errors about a huge value", () => {
  let redis: TestRedis;
  let policy: PolicyService;
  const huge = "[".repeat(32 * 1024);
  const bound = MAX_QUOTED_CHARS + 200;

  beforeAll(async () => {
    redis = await testRedis();
    policy = createPolicyService({
      store: createPolicyStore(redis.client, redis.prefix),
      publish: () => {},
    });
    await policy.createRole({ name: "r", description: "" });
  });
  afterAll(async () => {
    await redis?.[Symbol.asyncDispose]();
  });

  it.each([
    [
      "rule_type",
      () => policy.setRoleRule("r", { ruleType: huge, path: "/a", capabilities: ["read"] }),
    ],
    [
      "capability",
      () => policy.setRoleRule("r", { ruleType: "item", path: "/a", capabilities: [huge] }),
    ],
    [
      "path",
      () =>
        policy.setRoleRule("r", {
          ruleType: "item",
          path: `a${"[".repeat(1000)}`,
          capabilities: ["read"],
        }),
    ],
    [
      "requested capability",
      () => policy.authorize({ accessId: "p-x", subClaims: {} }, "item", "/a", huge),
    ],
  ] as const)("quote the %s bounded", async (_, work) => {
    const err = await refusal(work);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message.length).toBeLessThan(bound);
    expect(err.message).toMatch(/… \(\d+ characters\)/);
  });
});
