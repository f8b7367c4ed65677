/** Profiles: `~/.keyfrag/profiles/<name>.json` (or under `KEYFRAG_HOME`), private to the user. */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { CliError, UsageError } from "./cli-errors.js";

/** What a profile remembers: where the gateway is, which CA to trust, and the token. */
export interface Profile {
  gateway?: string;
  caFile?: string;
  token?: string;
  /** When the token expires, ms since the epoch. */
  tokenExpiresAtMs?: number;
}

const PROFILE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The folder holding the profile files. */
export function profilesDir(env: Record<string, string | undefined>): string {
  return join(env.KEYFRAG_HOME || join(homedir(), ".keyfrag"), "profiles");
}

function profilePath(env: Record<string, string | undefined>, name: string): string {
  if (!PROFILE_NAME.test(name) || name.startsWith(".")) {
    throw new UsageError(`bad profile name ${JSON.stringify(name)} (letters, digits, . _ -)`);
  }
  return join(profilesDir(env), `${name}.json`);
}

/** Reads a profile; a missing one is empty. */
export async function loadProfile(
  env: Record<string, string | undefined>,
  name: string,
): Promise<Profile> {
  const path = profilePath(env, name);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new CliError(`cannot read profile ${path}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as Profile;
  } catch {
    throw new CliError(`profile ${path} is not valid JSON: fix or delete it`);
  }
}

/** Writes a profile (file mode 0600, folder 0700: it holds a token). */
export async function saveProfile(
  env: Record<string, string | undefined>,
  name: string,
  profile: Profile,
): Promise<string> {
  const path = profilePath(env, name);
  const dir = profilesDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  // Write then rename, so a reader never sees half a file and the mode holds from the start.
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
  return path;
}
