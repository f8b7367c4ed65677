import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "./launcher.js";
import { composePlan } from "./podman-up.js";

const load = async (file: string) =>
  parse(await readFile(join(REPO_ROOT, "deploy", file), "utf8"), { version: "1.1" }) as unknown;

describe("composePlan (the start order pnpm compose:local follows)", () => {
  it("puts every service of the compose files after what it depends on, with its condition", async () => {
    const plan = composePlan([
      await load("docker-compose.yml"),
      await load("docker-compose.local.yml"),
    ]);
    const at = new Map(plan.map((p, i) => [p.name, i]));
    const base = (await load("docker-compose.yml")) as { services: Record<string, unknown> };
    expect([...at.keys()].sort()).toEqual(Object.keys(base.services).sort());
    for (const p of plan) {
      for (const d of p.dependsOn)
        expect(at.get(d.service), `${p.name} after ${d.service}`).toBeLessThan(
          at.get(p.name) as number,
        );
    }
    const byName = new Map(plan.map((p) => [p.name, p]));
    expect(byName.get("pki")).toMatchObject({ oneShot: true, healthcheck: false, dependsOn: [] });
    expect(byName.get("init")?.oneShot).toBe(true);
    expect(byName.get("nats")?.dependsOn).toEqual([
      { service: "pki", condition: "service_completed_successfully" },
    ]);
    expect(byName.get("gateway-1")).toMatchObject({ oneShot: false, healthcheck: true });
    expect(byName.get("gateway-1")?.dependsOn).toContainEqual({
      service: "secrets-1",
      condition: "service_healthy",
    });
  });

  it("merges later files over earlier ones, and reads the short depends_on form", () => {
    const plan = composePlan([
      {
        services: {
          a: { healthcheck: { test: ["CMD", "true"] } },
          b: { depends_on: ["a"], restart: "no" },
        },
      },
      { services: { a: { healthcheck: { disable: true } }, b: { depends_on: { c: {} } }, c: {} } },
    ]);
    expect(plan.map((p) => p.name)).toEqual(["a", "c", "b"]);
    expect(plan[0]?.healthcheck).toBe(false);
    expect(plan[2]).toMatchObject({
      oneShot: true,
      dependsOn: [
        { service: "a", condition: "service_started" },
        { service: "c", condition: "service_started" },
      ],
    });
  });

  it("refuses a cycle, an unknown service and an unknown condition, naming them", () => {
    expect(() =>
      composePlan([{ services: { a: { depends_on: ["b"] }, b: { depends_on: ["a"] } } }]),
    ).toThrow("depends_on cycle: a → b → a");
    expect(() => composePlan([{ services: { a: { depends_on: ["x"] } } }])).toThrow(
      "service a depends on unknown service x",
    );
    expect(() =>
      composePlan([{ services: { a: { depends_on: { b: { condition: "whenever" } } }, b: {} } }]),
    ).toThrow("unknown depends_on condition whenever");
  });
});
