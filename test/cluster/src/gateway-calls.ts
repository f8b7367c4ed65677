/** What end-to-end tests do with a gateway over and over: log in, and see how a call ended. */
import {
  type CallOptions,
  call,
  type GatewayClient,
  KeyfragError,
  type KeyfragErrorCode,
} from "@keyfrag/rpc";
import { bearer, type FullCluster } from "./full-cluster.js";

/** Logs in with an access key through the gateway; call options carrying the token. */
export async function login(
  gw: GatewayClient,
  accessId: string,
  accessKey: string,
  deadlineMs = 30_000,
): Promise<CallOptions> {
  const res = await call(gw, "Auth", { access_id: accessId, access_key: accessKey });
  return bearer(res.token, deadlineMs);
}

/** Logs the cluster's bootstrap admin in through `gw`; call options carrying its token. */
export async function adminLogin(
  full: Pick<FullCluster, "adminCredentials">,
  gw: GatewayClient,
  deadlineMs = 60_000,
): Promise<CallOptions> {
  const creds = await full.adminCredentials();
  return login(gw, creds.accessId, creds.accessKey, deadlineMs);
}

/** The KeyfragError a call failed with, or "ok"; anything else is thrown. */
export async function outcome(p: Promise<unknown>): Promise<KeyfragError | "ok"> {
  try {
    await p;
    return "ok";
  } catch (err) {
    if (err instanceof KeyfragError) return err;
    throw err;
  }
}

/** The error code a call failed with, or "ok"; anything else is thrown. */
export async function codeOf(p: Promise<unknown>): Promise<KeyfragErrorCode | "ok"> {
  const result = await outcome(p);
  return result === "ok" ? "ok" : result.code;
}
