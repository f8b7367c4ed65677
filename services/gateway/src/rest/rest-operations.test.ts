import { describe, expect, it } from "vitest";
import { type Invoke, inlineKeys, REST_OPERATIONS } from "./rest-operations.js";

const operation = (name: string) => {
  const found = REST_OPERATIONS.find((o) => o.name === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
};

describe("REST operations: mapping onto the gateway's operations", () => {
  it("dynamic-secret-tmp-creds-Get answers every page of leases, only the named dynamic secret's", async () => {
    const lease = (ds: string, i: number) => ({ id: `${ds}/l${i}`, dynamic_secret: ds });
    const pages: Record<string, { leases: object[]; next_page_token: string }> = {
      "": { leases: [lease("/db", 1), lease("/db/nested", 2)], next_page_token: "p2" },
      p2: { leases: [lease("/db", 3)], next_page_token: "p3" },
      p3: { leases: [lease("/db", 4)], next_page_token: "" },
    };
    const asked: unknown[] = [];
    const invoke = (async (method: string, request: { page_token: string }) => {
      asked.push({ method, request });
      const page = pages[request.page_token];
      if (!page) throw new Error(`unexpected page ${request.page_token}`);
      return page;
    }) as unknown as Invoke;
    const answer = (await operation("dynamic-secret-tmp-creds-Get").run(
      { name: "db", token: "t" } as never,
      invoke,
    )) as Array<{ id: string }>;
    expect(answer.map((l) => l.id)).toEqual(["/db/l1", "/db/l3", "/db/l4"]);
    expect(asked).toHaveLength(3);
    expect(asked[0]).toMatchObject({ method: "ListLeases", request: { prefix: "/db/" } });
  });

  it("jwks-json-data: a JWKS becomes one key per member; a JWK or PEM stays one", () => {
    const jwk = { kty: "OKP", crv: "Ed25519", x: "abc", kid: "k1" };
    const jwks = JSON.stringify({ keys: [jwk, { ...jwk, kid: "k2" }] });
    expect(inlineKeys(Buffer.from(jwks).toString("base64"))).toEqual([
      JSON.stringify(jwk),
      JSON.stringify({ ...jwk, kid: "k2" }),
    ]);
    expect(inlineKeys(jwks)).toHaveLength(2);
    expect(inlineKeys(JSON.stringify(jwk))).toEqual([JSON.stringify(jwk)]);
    const pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----";
    expect(inlineKeys(pem)).toEqual([pem]);
    expect(inlineKeys(Buffer.from(pem).toString("base64"))).toEqual([pem]);
    expect(() => inlineKeys(Buffer.from('{"keys": []}').toString("base64"))).toThrow(/keys/);
  });
});
