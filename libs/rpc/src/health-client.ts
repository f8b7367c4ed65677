/** Asks a gRPC server's `grpc.health.v1` service (every keyfrag server registers it) how it is. */
import { type Client, Metadata } from "@grpc/grpc-js";

/** The answer of a health check: SERVING, or why not. */
export interface HealthAnswer {
  /** The channel's target: the server's address. */
  address: string;
  healthy: boolean;
  /** The status when not SERVING (NOT_SERVING, UNKNOWN…), or the error of the call. */
  detail: string;
}

const STATUS_NAMES = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"];

/**
 * Health/Check of the whole server (service "") over `client`'s own channel and credentials,
 * within `timeoutMs`. Never throws: a failed call is an unhealthy answer.
 */
export function checkHealth(client: Client, timeoutMs = 2_000): Promise<HealthAnswer> {
  const address = client.getChannel().getTarget().replace(/^dns:/, "");
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      "/grpc.health.v1.Health/Check",
      // HealthCheckRequest { service: "" } encodes to nothing.
      () => Buffer.alloc(0),
      // HealthCheckResponse { status = 1 (enum) }: 0x08 then the value; absent means UNKNOWN.
      (bytes: Buffer) => (bytes[0] === 0x08 ? (bytes[1] ?? 0) : 0),
      {},
      new Metadata(),
      { deadline: Date.now() + timeoutMs },
      (err, status) => {
        if (err) {
          resolve({ address, healthy: false, detail: err.details || err.message });
          return;
        }
        const name = STATUS_NAMES[status ?? 0] ?? `status ${status}`;
        resolve({ address, healthy: status === 1, detail: status === 1 ? "" : name });
      },
    );
  });
}
