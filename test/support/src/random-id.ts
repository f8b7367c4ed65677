import { randomBytes } from "node:crypto";

/** A short lowercase hex id; safe in Redis keys, NATS names and SQL identifiers alike. */
export function randomId(): string {
  return randomBytes(6).toString("hex");
}
