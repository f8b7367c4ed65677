/** Errors of the services behind the gateway, made clear to the caller. */
import { KeyfragError, UnavailableError } from "@keyfrag/rpc";

/**
 * Awaits a call to the secrets service; an UNAVAILABLE answer says which service is down, so a
 * caller sees "secrets service unavailable: …" rather than a bare connection error.
 */
export async function fromSecrets<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (err) {
    if (err instanceof KeyfragError && err.code === "unavailable") {
      throw new UnavailableError(`secrets service unavailable: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

/** Whether an error means a service behind could not answer (not that it said no). */
export function isUnavailability(err: unknown): boolean {
  return (
    err instanceof KeyfragError && (err.code === "unavailable" || err.code === "deadline-exceeded")
  );
}
