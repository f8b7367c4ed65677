import { credentials, ServerCredentials } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  createPolicyClient,
  InvalidArgumentError,
  loadKeyfragProto,
  MAX_QUOTED_CHARS,
  MAX_STATUS_MESSAGE_CHARS,
  type PolicyClient,
  quote,
  type RunningServer,
  startServer,
  unary,
} from "../src/index.js";

describe("quote", () => {
  it("shows a short value whole, JSON-quoted", () => {
    expect(quote("ab\nc")).toBe('"ab\\nc"');
    expect(quote(42)).toBe('"42"');
  });

  it("cuts a long value and says how long it was", () => {
    const shown = quote("[".repeat(32 * 1024));
    expect(shown).toBe(`"${"[".repeat(MAX_QUOTED_CHARS)}"… (32768 characters)`);
  });
});

// A real server and one client channel, as the gateway holds one channel per upstream service.
describe("a status message echoing a huge value", () => {
  let server: RunningServer;
  let client: PolicyClient;

  beforeAll(async () => {
    server = await startServer({
      address: "127.0.0.1:0",
      credentials: ServerCredentials.createInsecure(),
      services: [
        {
          definition: loadKeyfragProto().policy,
          implementation: {
            // Echoes the name unbounded, as a careless error site would.
            GetRole: unary(async (req: { name: string }) => {
              if (req.name.startsWith("[")) throw new InvalidArgumentError(`bad ${req.name}`);
              await new Promise((r) => setTimeout(r, 100));
              return { name: req.name };
            }),
          },
        },
      ],
    });
    client = createPolicyClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await server?.shutdown(0);
  });

  it("comes back bounded, and calls in flight on the same channel are not disturbed", async () => {
    const getRole = (name: string) => call(client, "GetRole", { name });
    await getRole("warm-up");
    const others = Promise.allSettled(Array.from({ length: 4 }, (_, i) => getRole(`role-${i}`)));
    const bad = getRole("[".repeat(32 * 1024)).then(
      () => undefined,
      (err: unknown) => err,
    );
    const err = await bad;
    expect(err).toBeInstanceOf(InvalidArgumentError);
    const message = (err as Error).message;
    expect(message.startsWith("bad [[[")).toBe(true);
    expect(message.length).toBeLessThan(MAX_STATUS_MESSAGE_CHARS + 100);
    const answers = await others;
    expect(answers.map((a) => a.status)).toEqual(Array(4).fill("fulfilled"));
    expect(await getRole("after")).toMatchObject({ name: "after" });
  });
});
