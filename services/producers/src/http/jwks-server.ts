/**
 * The public HTTP endpoints: the JWKS of each JWT issuer (relying parties verify its tokens)
 * and the JWKS custom producers' webhooks verify keyfrag's calls against. Public keys only.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { KeyfragError } from "@keyfrag/rpc";
import type { Logger } from "pino";
import type { Issuers } from "../issuers/issuers.js";

/**
 * Every answer about a name that is not a JWT issuer (no such dynamic secret, another kind of
 * dynamic secret, a deleted key): one status and body, so this unauthenticated endpoint does not
 * tell which dynamic-secret names exist. Bodies are fixed strings: nothing from the request is
 * echoed.
 */
const NO_ISSUER = { status: 404, body: { error: "no JWT issuer by that name" } } as const;
const MALFORMED_PATH = { status: 400, body: { error: "malformed request path" } } as const;
const NOT_FOUND = { status: 404, body: { error: "not found" } } as const;
const UNAVAILABLE = { status: 503, body: { error: "temporarily unavailable" } } as const;
const INTERNAL = { status: 500, body: { error: "internal error" } } as const;
const PRODUCER_PREFIX = "/v1/jwks/producer";

type Answer = { status: number; body: unknown; cache?: boolean };

/**
 * The path of an origin-form request target (`/a/b?q`), or undefined for anything else
 * (`*`, absolute-form, empty, or `//…`, which URL parsers read as a host). Not `new URL`: it
 * throws on targets such as `//`.
 */
function requestPath(target: string | undefined): string | undefined {
  if (!target?.startsWith("/") || target.startsWith("//")) return undefined;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** The dynamic-secret name in a percent-encoded path segment; undefined if malformed. */
function decodeName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined; // URIError: a malformed escape such as `%E0%A4%A` or a lone `%`
  }
}

/**
 * Limits of the public server, so slow or idle clients cannot hold its sockets (and the
 * process's file descriptors) for long: a request's headers must arrive within
 * `headersTimeoutMs`, the whole request within `requestTimeoutMs`, and at most
 * `maxConnections` are open at once (more are closed on accept).
 */
export interface JwksServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  /** How often Node checks those timeouts (its default, 30 s, would let them run far over). */
  checkIntervalMs: number;
}

export const DEFAULT_JWKS_SERVER_LIMITS: JwksServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  maxConnections: 1_024,
  checkIntervalMs: 2_000,
};

/**
 * Starts the HTTP server on `host:port`; resolves with the bound port, a close function and the
 * server (for tests).
 */
export async function startJwksServer(deps: {
  address: string;
  issuers: Pick<Issuers, "issuerJwks" | "webhookJwks">;
  log: Logger;
  limits?: Partial<JwksServerLimits>;
}): Promise<{ port: number; close(): Promise<void>; server: Server }> {
  const limits = { ...DEFAULT_JWKS_SERVER_LIMITS, ...deps.limits };
  const send = (
    res: import("node:http").ServerResponse,
    status: number,
    body: unknown,
    cache = false,
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      "cache-control": cache ? "public, max-age=60" : "no-store",
    });
    res.end(text);
  };
  const route = (method: string | undefined, target: string | undefined): Promise<Answer> => {
    if (method !== "GET")
      return Promise.resolve({ status: 405, body: { error: "method not allowed" } });
    const path = requestPath(target);
    if (path === undefined) return Promise.resolve(MALFORMED_PATH);
    if (path === "/healthz") return Promise.resolve({ status: 200, body: { status: "ok" } });
    if (path === "/v1/jwks/webhooks") {
      return deps.issuers.webhookJwks().then(
        (body) => ({ status: 200, body, cache: true }),
        (err: unknown) => failure(err, UNAVAILABLE),
      );
    }
    if (!path.startsWith(`${PRODUCER_PREFIX}/`)) return Promise.resolve(NOT_FOUND);
    const name = decodeName(path.slice(PRODUCER_PREFIX.length));
    if (name === undefined) return Promise.resolve(MALFORMED_PATH);
    return deps.issuers.issuerJwks(name).then(
      (body) => ({ status: 200, body, cache: true }),
      (err: unknown) => failure(err, NO_ISSUER),
    );
  };
  /** A deliberate error: `refused` (or 503 if a dependency is down); anything else: logged, 500. */
  const failure = (err: unknown, refused: Answer): Answer => {
    if (err instanceof KeyfragError && err.code === "unavailable") return UNAVAILABLE;
    if (
      err instanceof KeyfragError &&
      ["not-found", "invalid-argument", "failed-precondition"].includes(err.code)
    ) {
      return refused;
    }
    deps.log.error({ err }, "JWKS request failed");
    return INTERNAL;
  };
  const options = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
  const server: Server = createServer(options, (req, res) => {
    // A throw here would be an uncaught exception: answer 500 instead, and never crash.
    let answer: Promise<Answer>;
    try {
      answer = route(req.method, req.url);
    } catch (err) {
      answer = Promise.resolve(failure(err, INTERNAL));
    }
    answer
      .then((a) => send(res, a.status, a.body, a.cache))
      .catch((err: unknown) => deps.log.warn({ err }, "JWKS answer could not be sent"));
  });
  const [host, port] = [
    deps.address.slice(0, deps.address.lastIndexOf(":")),
    Number(deps.address.slice(deps.address.lastIndexOf(":") + 1)),
  ];
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host.replace(/^\[|\]$/g, ""), () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Once listening, an error (EMFILE on accept…) must not become an uncaught exception that
  // stops the process and with it lease revocation: log it; the server keeps accepting.
  server.on("error", (err) => deps.log.error({ err }, "JWKS server error"));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
