import { readFile } from "node:fs/promises";

const KEY_LINE = /^([0-9a-fA-F]{64})(?:\s+\S.*)?$/;

/**
 * Parses a slot-peers file: one hex X25519 identity public key per line, optionally followed
 * by a name (the replica's node id, for people); blank lines and `#` comments are skipped.
 * Any other line is an error naming its number, so a mangled file never silently pins nothing.
 */
export function parseSlotPeers(text: string, what = "slot peers file"): Uint8Array[] {
  const keys: Uint8Array[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const match = KEY_LINE.exec(line);
    if (!match?.[1]) {
      throw new Error(
        `${what}, line ${i + 1}: expected a 64-hex-character identity public key (and a name)`,
      );
    }
    keys.push(new Uint8Array(Buffer.from(match[1], "hex")));
  }
  return keys;
}

/** Reads a slot-peers file; no file means no peers. */
export async function readSlotPeers(path: string | undefined): Promise<Uint8Array[]> {
  if (path === undefined) return [];
  return parseSlotPeers(await readFile(path, "utf8"), path);
}
