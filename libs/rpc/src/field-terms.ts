/**
 * Server messages name request fields as the proto does (`user_ttl_seconds (7200) exceeds
 * max_ttl_seconds (3600)`, `key_name must be …`); a caller wrote them in its own interface's
 * names (a CLI flag `--user-ttl 2h`, a REST body field `user-ttl`). `renameFieldsInMessage` puts
 * a message in the caller's terms; the CLI and the gateway's REST API pass only their names.
 */

/** `7200` → `2h`, `5400` → `1h30m`, `45` → `45s`. */
export function secondsAsDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("");
}

/**
 * A request field (`user_ttl_seconds`, `rule.capabilities`): lower case, with at least one `_`
 * or `.`, not a part of a path or name (`/t/db_name`, `kf_user_1`'s tail), with the number that
 * follows it (`(7200)`, `must be at most 120`).
 */
const FIELD =
  /(?<![/\w.:@-])([a-z][a-z0-9]*(?:[._][a-z0-9]+)+)\b( \((\d+)\)|(?: (?:must|may) be (?:at most|at least|between))? (\d+)\b)?/g;

/**
 * `message` with each request field `nameOf` knows renamed to the caller's name for it; fields it
 * answers undefined for stay. The number after a `*_seconds` field becomes a duration (`2h`)
 * where `takesDuration(name)` (default: always), since the caller gave one. Quoted parts
 * (`"/a/key_name"`: the caller's own values) are never rewritten.
 */
export function renameFieldsInMessage(
  message: string,
  nameOf: (field: string) => string | undefined,
  takesDuration: (name: string) => boolean = () => true,
): string {
  return message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(FIELD, rename)))
    .join("");

  function rename(
    whole: string,
    field: string,
    valuePart: string | undefined,
    inParens?: string,
    bare?: string,
  ): string {
    const name = nameOf(field);
    if (!name || name === field) return whole;
    const raw = inParens ?? bare;
    if (
      raw === undefined ||
      valuePart === undefined ||
      !/_seconds$/.test(field) ||
      !takesDuration(name)
    ) {
      return `${name}${valuePart ?? ""}`;
    }
    const at = valuePart.lastIndexOf(raw);
    return `${name}${valuePart.slice(0, at)}${secondsAsDuration(Number(raw))}${valuePart.slice(at + raw.length)}`;
  }
}
