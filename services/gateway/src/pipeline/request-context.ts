/** What the gateway reads from a call before doing anything: the token, the request id, the peer. */
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type { Metadata } from "@grpc/grpc-js";
import { REQUEST_ID_KEY, UnauthenticatedError } from "@keyfrag/rpc";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const BEARER = /^Bearer ([^\s]+)$/i;

/** The bearer token of `authorization: Bearer <token>`; UnauthenticatedError when absent or malformed. */
export function bearerToken(metadata: Metadata): string {
  const values = metadata.get("authorization");
  if (values.length === 0)
    throw new UnauthenticatedError(
      "missing token (the authorization metadata; over REST, the body's token field)",
    );
  if (values.length > 1) throw new UnauthenticatedError("more than one authorization value");
  const [value] = values;
  const match = typeof value === "string" ? BEARER.exec(value.trim()) : null;
  if (!match?.[1]) throw new UnauthenticatedError('authorization must be "Bearer <token>"');
  return match[1];
}

/** The caller's `x-request-id` when it is a plain id, else a fresh one. */
export function requestIdOf(metadata: Metadata): string {
  const [given] = metadata.get(REQUEST_ID_KEY);
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The IP address of a grpc-js peer string (`127.0.0.1:5000`, `ipv4:…`, `[::1]:5000`), with
 * IPv4-mapped IPv6 addresses written as IPv4; the string itself when it is no address.
 */
export function peerAddress(peer: string): string {
  const rest = peer.replace(/^ipv[46]:/, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(rest);
  let host = rest;
  if (bracketed?.[1]) host = bracketed[1];
  else {
    const v4 = /^(\d+\.\d+\.\d+\.\d+)(?::\d+)?$/.exec(rest);
    if (v4?.[1]) host = v4[1];
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (mapped?.[1]) host = mapped[1];
  return isIP(host) ? host : rest;
}

/** Audit actions by method name: the gateway's methods are a fixed set, named in its code. */
const actions = new Map<string, string>();

/** `CreateSecret` → `gateway.create-secret`: the audit action of a gateway method. */
export function auditAction(method: string): string {
  let action = actions.get(method);
  if (action === undefined) {
    action = `gateway.${method.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`;
    // Bounded anyway, should a caller-chosen name ever get here.
    if (actions.size < 1_024) actions.set(method, action);
  }
  return action;
}
