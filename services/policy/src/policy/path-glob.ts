import { InvalidArgumentError, quote } from "@keyfrag/rpc";

const MAX_PATH = 1024;
// Control characters would make paths ambiguous in logs and in the rule keys stored in Redis.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks an absolute path (or path glob): `/`-rooted, no empty, `.` or `..` segments, no
 * trailing slash except `/` itself. Throws InvalidArgumentError naming `field`.
 */
export function validatePath(path: string, field = "path"): string {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(`${field} ${why}`);
  };
  if (typeof path !== "string" || path.length === 0) fail("is required");
  if (path.length > MAX_PATH) fail(`is longer than ${MAX_PATH} characters`);
  if (CONTROL.test(path)) fail("may not contain control characters");
  if (!path.startsWith("/")) fail(`must be absolute (start with "/"): ${quote(path)}`);
  if (path === "/") return path;
  if (path.endsWith("/")) fail(`may not end with "/": ${quote(path)}`);
  for (const segment of path.slice(1).split("/")) {
    if (segment === "") fail(`may not contain empty segments ("//"): ${quote(path)}`);
    if (segment === "." || segment === "..") {
      fail(`may not contain "." or ".." segments: ${quote(path)}`);
    }
  }
  return path;
}

/**
 * Whether `glob` covers `path`. `*` matches any run of characters, `/` included; every other
 * character is literal. Both are assumed valid (see `validatePath`).
 */
export function globMatches(glob: string, path: string): boolean {
  if (!glob.includes("*")) return glob === path;
  // Greedy matching that backtracks only to the last `*`: O(glob × path) at worst, so a
  // glob full of stars cannot make a decision slow the way a backtracking regex could.
  let g = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (p < path.length) {
    if (g < glob.length && glob[g] !== "*" && glob[g] === path[p]) {
      g++;
      p++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      resume = p;
    } else if (star >= 0) {
      g = star + 1;
      p = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === "*") g++;
  return g === glob.length;
}
