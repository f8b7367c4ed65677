/** Shows the bootstrap's admin credentials once: into a 0600 file, or on stdout. */
import { writeFile } from "node:fs/promises";
import type { AdminCredentials } from "./admin-bootstrap.js";

/**
 * Writes the credentials to `file` (created 0600, never overwritten) and prints where they
 * are; without a file, or when it cannot be written, prints them on stdout (not through the
 * logger) as one JSON line that launchers can pick up. This is the only time the key is shown.
 */
export async function showAdminCredentials(
  credentials: AdminCredentials,
  file: string | undefined,
): Promise<void> {
  if (file) {
    const body = { access_id: credentials.accessId, access_key: credentials.accessKey };
    try {
      await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: "wx" });
      const shown = { accessId: credentials.accessId, credentialsFile: file };
      console.log(JSON.stringify({ bootstrap: shown }));
      return;
    } catch (err) {
      // The key exists nowhere else: show it rather than lose it.
      console.log(JSON.stringify({ bootstrap: credentials, fileError: (err as Error).message }));
      return;
    }
  }
  console.log(JSON.stringify({ bootstrap: credentials }));
}
