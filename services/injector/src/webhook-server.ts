/**
 * The webhook's HTTPS server: `POST /mutate` takes an `admission.k8s.io/v1` AdmissionReview
 * and answers one with the same uid; `GET /healthz` for probes. A malformed request is a 400
 * with a JSON error (the API server then applies the webhook's failurePolicy); a pod whose
 * annotations are wrong is refused in the AdmissionReview, with a message naming them.
 */

import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { Logger } from "pino";
import { type InjectorSettings, mutatePod, type Pod } from "./mutate.js";

/** API servers send at most a few MiB; a pod is far smaller. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const CERT_CHECK_MS = 60_000;

export interface WebhookOptions {
  certFile: string;
  keyFile: string;
  settings: InjectorSettings;
  logger: Logger;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface AdmissionRequest {
  uid: string;
  kind?: { group?: string; version?: string; kind?: string };
  namespace?: string;
  operation?: string;
  object?: Pod;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and dropped (bounded by the request timeout), so the
      // client gets its 413 instead of a reset connection.
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () =>
      size > MAX_BODY_BYTES
        ? reject(new HttpError(413, `body over ${MAX_BODY_BYTES} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on("error", reject);
  });
}

function parseReview(body: Buffer): AdmissionRequest {
  let review: unknown;
  try {
    review = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "body is not JSON");
  }
  const r = review as { apiVersion?: unknown; kind?: unknown; request?: AdmissionRequest };
  if (r?.apiVersion !== "admission.k8s.io/v1" || r.kind !== "AdmissionReview") {
    throw new HttpError(400, "expected an admission.k8s.io/v1 AdmissionReview");
  }
  if (!r.request || typeof r.request.uid !== "string" || !r.request.uid) {
    throw new HttpError(400, "AdmissionReview without request.uid");
  }
  return r.request;
}

/** The AdmissionReview answer to `req`. */
function review(req: AdmissionRequest, settings: InjectorSettings, logger: Logger) {
  const answer = (response: Record<string, unknown>) => ({
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    response: { uid: req.uid, ...response },
  });
  const isPod = req.kind?.kind === "Pod" && !req.kind.group;
  if (!isPod || req.operation !== "CREATE" || !req.object) return answer({ allowed: true });
  const namespace = req.namespace ?? req.object.metadata?.namespace ?? "";
  const m = mutatePod(req.object, String(namespace), settings);
  const pod = { namespace, uid: req.uid };
  if (m.kind === "skip") {
    logger.debug({ ...pod, reason: m.reason }, "not injected");
    return answer({ allowed: true });
  }
  if (m.kind === "deny") {
    logger.info({ ...pod, reason: m.message }, "refused");
    return answer({
      allowed: false,
      status: { code: 400, reason: "BadRequest", message: m.message },
    });
  }
  logger.info({ ...pod, operations: m.patch.length }, "injected");
  return answer({
    allowed: true,
    patchType: "JSONPatch",
    patch: Buffer.from(JSON.stringify(m.patch)).toString("base64"),
  });
}

export function createWebhookServer(options: WebhookOptions): Server {
  const { logger, settings } = options;
  const load = () => ({ cert: readFileSync(options.certFile), key: readFileSync(options.keyFile) });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = createServer({ ...load(), minVersion: "TLSv1.2" }, (req, res) => {
    void (async () => {
      try {
        if (req.method === "GET" && req.url === "/healthz") return send(res, 200, { status: "ok" });
        if (req.url !== "/mutate") throw new HttpError(404, "not found");
        if (req.method !== "POST") throw new HttpError(405, "POST an AdmissionReview");
        const type = req.headers["content-type"] ?? "";
        if (!type.startsWith("application/json")) {
          throw new HttpError(415, "expected content-type application/json");
        }
        send(res, 200, review(parseReview(await readBody(req)), settings, logger));
      } catch (err) {
        if (err instanceof HttpError) return send(res, err.status, { error: err.message });
        const id = randomUUID();
        logger.error(
          { id, err: (err as Error).message, stack: (err as Error).stack },
          "internal error",
        );
        send(res, 500, { error: `internal error (id ${id})` });
      }
    })();
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  // cert-manager renews the certificate in place: pick the new one up without a restart.
  let stamp = "";
  const stampOf = () =>
    [options.certFile, options.keyFile]
      .map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs)
      .join();
  stamp = stampOf();
  const timer = setInterval(() => {
    const now = stampOf();
    if (now === stamp) return;
    try {
      server.setSecureContext(load());
      stamp = now;
      logger.info("TLS certificate reloaded");
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "TLS certificate not reloaded");
    }
  }, CERT_CHECK_MS);
  timer.unref();
  server.on("close", () => clearInterval(timer));
  return server;
}
