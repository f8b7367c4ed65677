/**
 * The customer fragment does not trust the backend. The cluster CA (whoever holds it, the
 * coordinator's operator included) can mint a `gateway` certificate and order any DKG, so a
 * fragment node held by a customer's gateway checks two things itself:
 * - it evaluates and signs only for the customer's own gateways, pinned by their certificates'
 *   public keys (this gateway's own always; others listed by the customer), never for any
 *   certificate the CA issued with role `gateway`;
 * - it takes part only in a DKG whose threshold is every participant (n-of-n over the cluster
 *   slots plus its own), so no set of cluster slots can ever use the key without it.
 */
import { createHash, randomUUID, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { handleUnaryCall, ServerUnaryCall } from "@grpc/grpc-js";
import {
  type FragmentManagerHandlers,
  type IdentifiedCall,
  InvalidArgumentError,
  type Logger,
  malformedRequest,
  PermissionDeniedError,
  requireRole,
  toGrpcStatus,
  UnauthenticatedError,
} from "@keyfrag/rpc";

/** SHA-256 of a certificate's SubjectPublicKeyInfo (DER), hex: the pin of its key. */
export function certificateKeyPin(certificate: Uint8Array | string): string {
  const cert = new X509Certificate(
    typeof certificate === "string" ? certificate : Buffer.from(certificate),
  );
  const spki = cert.publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("hex");
}

const PIN = /^[0-9a-f]{64}$/;

/**
 * Reads a file of key pins, one hex SHA-256 a line (`#` starts a comment); undefined path:
 * none. Throws naming the line when one is not a pin.
 */
export async function readKeyPins(path: string | undefined, what: string): Promise<string[]> {
  if (path === undefined) return [];
  const pins: string[] = [];
  for (const [i, raw] of (await readFile(path, "utf8")).split("\n").entries()) {
    const line = (raw.split("#")[0] ?? "").trim().toLowerCase();
    if (line === "") continue;
    if (!PIN.test(line)) {
      throw new Error(`${what} (${path}) line ${i + 1}: expected a hex SHA-256 key pin`);
    }
    pins.push(line);
  }
  return pins;
}

export interface CustomerGuardOptions {
  /** Key pins (`certificateKeyPin`) of the gateways this fragment serves: the customer's own. */
  readonly gatewayPins: readonly string[];
  readonly logger: Logger;
}

/** The methods that use a key: only the customer's own gateways may call them. */
const USE_METHODS = [
  "Evaluate",
  "EvaluateBatch",
  "SignCommit",
  "SignPreprocess",
  "SignShare",
] as const;

/** `handlers` with the customer fragment's own checks in front (see the file comment). */
export function guardCustomerFragment(
  handlers: FragmentManagerHandlers,
  options: CustomerGuardOptions,
): FragmentManagerHandlers {
  const pins = new Set(options.gatewayPins.map((p) => p.toLowerCase()));
  if (pins.size === 0) throw new Error("a customer fragment needs at least one gateway to serve");

  /** The caller must be a gateway whose certificate key is pinned. */
  const ownGateway = (call: IdentifiedCall) => {
    requireRole(call, ["gateway"]);
    const raw = call.getAuthContext().sslPeerCertificate?.raw;
    if (!raw) throw new UnauthenticatedError("no verified client certificate");
    if (!pins.has(certificateKeyPin(raw))) {
      throw new PermissionDeniedError(
        `this customer fragment serves only its customer's own gateways, not ${call.getPath()} for this one`,
      );
    }
  };
  /** A DKG that includes this slot must need every participant: n-of-n. */
  const everyParticipant = (request: { threshold: number; participants: unknown[] }) => {
    if (request.threshold !== request.participants.length) {
      throw new InvalidArgumentError(
        `a customer-slot key must need every slot (threshold ${request.participants.length}), not ${request.threshold}: otherwise the cluster slots could use it without the customer`,
      );
    }
  };

  const guarded = { ...handlers };
  for (const method of USE_METHODS) {
    const handler = handlers[method] as handleUnaryCall<unknown, unknown>;
    guarded[method] = before(handler, ownGateway, options.logger) as never;
  }
  guarded.DkgRound1 = before(
    handlers.DkgRound1,
    (call) => everyParticipant(call.request),
    options.logger,
  );
  return guarded;
}

/** The methods by which a coordinator orders a node about (every one but use and peer export). */
const ORDER_METHODS = [
  "DkgRound1",
  "DkgRound2",
  "DkgFinish",
  "RefreshDeal",
  "RefreshPrepare",
  "RefreshCommit",
  "RefreshAbort",
  "CatchUp",
  "DiscardKey",
  "NodeStatus",
  "HeldKeys",
] as const;

/**
 * The handlers a linked customer fragment serves on its listening port: use (its gateways)
 * and peer export only. Coordinator orders come over the links it opened itself
 * (link/coordinator-links.ts), so its port takes none, whoever's certificate asks: one more
 * thing the holder of the cluster CA cannot do from outside the customer's network.
 */
export function withoutOrders(
  handlers: FragmentManagerHandlers,
  logger: Logger,
): FragmentManagerHandlers {
  const served = { ...handlers };
  for (const method of ORDER_METHODS) {
    served[method] = before(
      handlers[method] as handleUnaryCall<unknown, unknown>,
      () => {
        throw new PermissionDeniedError(
          `this customer fragment takes ${method} only over the links it opens to the coordinators, not on its port`,
        );
      },
      logger,
    ) as never;
  }
  return served;
}

/** Runs `check` before `handler`; a failed check is answered like any handler error. */
function before<Req, Res>(
  handler: handleUnaryCall<Req, Res>,
  check: (call: ServerUnaryCall<Req, Res>) => void,
  logger: Logger,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    // An undecodable request: the handler answers INVALID_ARGUMENT (after its role check).
    if (malformedRequest(call.request) !== undefined) return handler(call, callback);
    try {
      check(call);
    } catch (err) {
      const { code, details } = toGrpcStatus(err, {
        requestId: randomUUID(),
        logger,
        context: { method: call.getPath() },
      });
      callback({ code, details }, null);
      return;
    }
    handler(call, callback);
  };
}
