/**
 * The gateway's messages name request fields as the proto does (`user_ttl_seconds (7200)
 * exceeds max_ttl_seconds (3600)`, `key_name must be …`); a REST caller wrote the body's fields
 * (`user-ttl`, `key-name`, `protection_key`). This puts a message in the REST operation's terms:
 * each request field its body has a field for becomes that field, seconds a duration where the
 * body field takes one. Fields the body does not have are left as they are.
 */
import type { TObject, TSchema } from "@sinclair/typebox";

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
 * `message` with the request fields named as `body`'s fields. `fieldNames` maps a request field
 * (its last part: `ca_key_name`) to a body field that is not its kebab-case (`signer-key-name`).
 */
export function inRestTerms(
  message: string,
  body: TObject,
  fieldNames: Readonly<Record<string, string>> = {},
): string {
  const properties = body.properties as Record<string, TSchema>;
  const fieldOf = (field: string): string | undefined => {
    // `rule.capabilities`, `ssh.ca_key_name`: the last part names the field.
    const last = field.split(".").at(-1) ?? field;
    const bare = last.replace(/_(seconds|ms)$/, "");
    const candidates = [
      fieldNames[last],
      bare.replaceAll("_", "-"),
      last.replaceAll("_", "-"),
      // capabilities → capability, tags → tag: Akeyless names some lists in the singular.
      bare.replaceAll("_", "-").replace(/ies$/, "y"),
      bare.replaceAll("_", "-").replace(/s$/, ""),
      last,
    ];
    return candidates.find((c): c is string => c !== undefined && c in properties);
  };
  const takesDuration = (restField: string) => {
    // A Ttl (rest-values.ts): a number of seconds, or a string with units.
    const schema = properties[restField] as { anyOf?: { pattern?: string }[] } | undefined;
    return schema?.anyOf?.some((s) => s.pattern?.includes("[smhd]")) === true;
  };
  // Quoted caller values ("/a/key_name") are the caller's own words: never rewritten.
  return message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join("");

  function rewrite(text: string): string {
    return text.replace(
      // Not a part of a path or name (`/t/db_name`, `kf_user_1`'s tail).
      /(?<![/\w.:@-])([a-z][a-z0-9]*(?:[._][a-z0-9]+)+)\b( \((\d+)\)|(?: (?:must|may) be (?:at most|at least|between))? (\d+)\b)?/g,
      (whole, field: string, valuePart: string | undefined, inParens?: string, bare?: string) => {
        // A duration the body has no field for (max_ttl_seconds of a dynamic secret made over
        // REST) is still named in the body's style, with its value as a duration.
        const restField =
          fieldOf(field) ??
          (/_seconds$/.test(field)
            ? (field.split(".").at(-1) ?? field).replace(/_seconds$/, "").replaceAll("_", "-")
            : undefined);
        if (!restField || restField === field) return whole;
        const raw = inParens ?? bare;
        if (
          raw === undefined ||
          valuePart === undefined ||
          !/_seconds$/.test(field) ||
          (restField in properties && !takesDuration(restField))
        ) {
          return `${restField}${valuePart ?? ""}`;
        }
        const at = valuePart.lastIndexOf(raw);
        return `${restField}${valuePart.slice(0, at)}${secondsAsDuration(Number(raw))}${valuePart.slice(at + raw.length)}`;
      },
    );
  }
}
