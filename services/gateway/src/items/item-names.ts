/** The names the gateway accepts before it asks anyone anything about them. */
import { InvalidArgumentError } from "@keyfrag/rpc";

const MAX_PATH = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** DFC key names as the coordinator accepts them (absolute here, like every item). */
const KEY_NAME = /^\/[A-Za-z0-9/_.:@-]{1,255}$/;

/**
 * An absolute item path (`/prod/db/password`): no empty, `.` or `..` segments, no trailing
 * slash, no control characters, no `*` (globs belong in rules), valid Unicode. `allowRoot`
 * admits `/` itself (a folder to list). Throws InvalidArgumentError naming `field`.
 */
export function checkItemPath(value: unknown, field: string, allowRoot = false): string {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(`${field} ${why}`);
  };
  if (typeof value !== "string" || value.length === 0) return fail("is required");
  if (value.length > MAX_PATH) fail(`is longer than ${MAX_PATH} characters`);
  // protobuf decodes invalid UTF-8 to U+FFFD; a lone surrogate cannot be encoded back.
  if (value.includes("\uFFFD") || LONE_SURROGATE.test(value)) fail("is not valid UTF-8");
  if (CONTROL.test(value)) fail("may not contain control characters");
  if (value.includes("*")) fail('may not contain "*"');
  if (!value.startsWith("/")) fail(`must be absolute (start with "/"): ${JSON.stringify(value)}`);
  if (value === "/") return allowRoot ? value : fail('may not be "/"');
  if (value.endsWith("/")) fail(`may not end with "/": ${JSON.stringify(value)}`);
  for (const segment of value.slice(1).split("/")) {
    if (segment === "") fail(`may not contain empty segments: ${JSON.stringify(value)}`);
    if (segment === "." || segment === "..") {
      fail(`may not contain "." or ".." segments: ${JSON.stringify(value)}`);
    }
  }
  return value;
}

/** A DFC key name: an item path the coordinator also accepts (A-Z a-z 0-9 / _ . : @ -). */
export function checkKeyName(value: unknown, field: string): string {
  const name = checkItemPath(value, field);
  if (!KEY_NAME.test(name)) {
    throw new InvalidArgumentError(
      `${field} must be "/" and 1-255 characters of A-Z a-z 0-9 / _ . : @ -`,
    );
  }
  return name;
}

/** A plain name (roles, auth methods) as a path segment: `/name`, or as given when absolute. */
export function namePath(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidArgumentError(`${field} is required`);
  }
  return checkItemPath(value.startsWith("/") ? value : `/${value}`, field);
}
