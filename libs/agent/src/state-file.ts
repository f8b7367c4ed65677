/**
 * The hand-over from `--init` to the sidecar: the ids and expiries of the leases whose
 * credentials the init run wrote (no values: a lease id alone gives nothing without a token
 * allowed to use it). The sidecar renews those leases instead of issuing new credentials, so
 * one pod holds one database user, and revokes them when the pod goes.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "./file-writer.js";

const LeaseStateSchema = z.object({
  source: z.string(),
  id: z.string(),
  expiresAtMs: z.number(),
  maxExpiresAtMs: z.number(),
});
export type LeaseState = z.infer<typeof LeaseStateSchema>;
const StateSchema = z.object({ leases: z.array(LeaseStateSchema) });

/** The leases of an earlier run; none if the file is missing or unreadable. */
export async function readState(path: string): Promise<LeaseState[]> {
  try {
    const res = StateSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
    return res.success ? res.data.leases : [];
  } catch {
    return [];
  }
}

export async function writeState(path: string, leases: LeaseState[]): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify({ leases })}\n`, { mode: 0o600 });
}
