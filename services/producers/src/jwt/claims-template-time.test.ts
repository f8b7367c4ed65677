import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { MAX_CLAIMS_TEMPLATE_BYTES, renderClaims, validateClaimsTemplate } from "./jwt.js";

const vars = { accessId: "p-1", subClaims: {}, producer: "/jwt/issuer" };

/** `{"a":"<head><unit>…<tail>"}`, `unit` repeated to fill the 16 KiB a template may have. */
function hostile(head: string, unit: string, tail = ""): string {
  const room = MAX_CLAIMS_TEMPLATE_BYTES - '{"a":""}'.length - head.length - tail.length;
  return `{"a":"${head}${unit.repeat(Math.floor(room / unit.length))}${tail}"}`;
}

const templates: Record<string, string> = {
  "{{ and spaces, never closed": hostile("{{", " "),
  "{{ and tabs, never closed": hostile("{{", "\\t"),
  "many {{ and spaces": hostile("", "{{   "),
  "an unknown name padded with spaces": hostile("{{x", " ", "}}"),
};

/**
 * Checks and renders `template` in a worker, ended after `limitMs`: a catastrophic regex blocks
 * the thread it runs on, so only a separate thread can be stopped on time. Resolves with the
 * milliseconds each step took (the worker's start and module loading not counted).
 */
function timed(template: string, limitMs: number): Promise<Record<string, number>> {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     import(workerData.tsx)
       .then(({ tsImport }) => tsImport(workerData.module, workerData.module))
       .then((m) => {
         const ms = {};
         for (const fn of ["validateClaimsTemplate", "renderClaims"]) {
           const start = performance.now();
           try { m[fn](workerData.template, workerData.vars); } catch {}
           ms[fn] = performance.now() - start;
         }
         parentPort.postMessage(ms);
       });`,
    {
      eval: true,
      workerData: {
        tsx: import.meta.resolve("tsx/esm/api"),
        module: new URL("./jwt.ts", import.meta.url).href,
        template,
        vars,
      },
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`claims template still being checked after ${limitMs} ms`));
    }, limitMs);
    worker.once("message", (ms: Record<string, number>) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(ms);
    });
    worker.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe("claims templates built to make the placeholder regex backtrack", () => {
  it.each(Object.entries(templates))("%s: checked and rendered in milliseconds", async (_, t) => {
    expect(Buffer.byteLength(t)).toBeLessThanOrEqual(MAX_CLAIMS_TEMPLATE_BYTES);
    const ms = await timed(t, 10_000);
    expect(ms.validateClaimsTemplate).toBeLessThan(50);
    expect(ms.renderClaims).toBeLessThan(50);
  });

  it("still reads placeholders with spaces inside the braces", () => {
    const template = JSON.stringify({
      who: "{{ access_id }}",
      p: "{{producer}}",
      x: "{{ sub_claim.team\t}}",
    });
    expect(() => validateClaimsTemplate(template)).not.toThrow();
    expect(renderClaims(template, { ...vars, subClaims: { team: ["blue"] } })).toEqual({
      who: "p-1",
      p: "/jwt/issuer",
      x: "blue",
    });
  });

  it("quotes an unknown placeholder's name bounded in the error", () => {
    const template = hostile("{{", "x", "}}");
    let message = "";
    try {
      validateClaimsTemplate(template);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/unknown placeholder "x{64}"… \(\d+ characters\)/);
    expect(message.length).toBeLessThan(200);
  });
});
