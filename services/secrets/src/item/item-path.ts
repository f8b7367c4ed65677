import { InvalidArgumentError } from "@keyfrag/rpc";

/** Longest item name, in characters (code points). */
export const MAX_NAME_CHARS = 512;

// C0, DEL and C1 controls: invisible in logs and UIs, so never part of a name or tag.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is refused.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// gRPC decodes invalid UTF-8 to U+FFFD, and a JS caller can hand over lone surrogates: either
// way the bytes the caller meant are lost, so such names are refused rather than stored mangled.
const NOT_UTF8 = /\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks an absolute item path (`/prod/db/password`) and returns it; `allowRoot` also accepts
 * `/` (a folder to list). Throws an InvalidArgumentError naming `field`.
 */
export function validateItemPath(value: string, field: string, allowRoot = false): string {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(`${field} ${why}`);
  };
  if (value === "") fail("is required");
  if (NOT_UTF8.test(value)) fail("is not valid UTF-8");
  if (CONTROL.test(value)) fail("must not contain control characters");
  if ([...value].length > MAX_NAME_CHARS) fail(`is longer than ${MAX_NAME_CHARS} characters`);
  if (!value.startsWith("/")) fail('must be an absolute path starting with "/"');
  if (value === "/") return allowRoot ? value : fail('must name an item, not the root "/"');
  if (value.endsWith("/")) fail('must not end with "/"');
  if (value.includes("*")) fail('must not contain "*"');
  for (const segment of value.slice(1).split("/")) {
    if (segment === "") fail('must not contain an empty segment ("//")');
    if (segment === "." || segment === "..") fail(`must not contain a "${segment}" segment`);
  }
  return value;
}

/** Checks free text (a tag) for characters that would be invisible or mangled. */
export function validateLabel(value: string, field: string, maxChars: number): string {
  if (value === "") throw new InvalidArgumentError(`${field} must not be empty`);
  if (NOT_UTF8.test(value)) throw new InvalidArgumentError(`${field} is not valid UTF-8`);
  if (CONTROL.test(value)) {
    throw new InvalidArgumentError(`${field} must not contain control characters`);
  }
  if ([...value].length > maxChars) {
    throw new InvalidArgumentError(`${field} is longer than ${maxChars} characters`);
  }
  return value;
}

/**
 * The ZRANGEBYLEX bounds of every name strictly below `folder`: `(/prod/` up to `(/prod0`
 * (`0` follows `/` in byte order), so `/production` is left out. `/` is the whole range.
 */
export function folderRange(folder: string): { min: string; max: string } {
  if (folder === "/") return { min: "-", max: "+" };
  return { min: `(${folder}/`, max: `(${folder}0` };
}
