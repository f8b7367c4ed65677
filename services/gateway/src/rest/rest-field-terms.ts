/**
 * The gateway's messages name request fields as the proto does (`user_ttl_seconds (7200)
 * exceeds max_ttl_seconds (3600)`, `key_name must be …`); a REST caller wrote the body's fields
 * (`user-ttl`, `key-name`, `protection_key`). This puts a message in the REST operation's terms:
 * each request field its body has a field for becomes that field, seconds a duration where the
 * body field takes one. Fields the body does not have are left as they are.
 */
import { renameFieldsInMessage } from "@keyfrag/rpc";
import type { TObject, TSchema } from "@sinclair/typebox";

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
  /** The body field of a request field, or undefined: the message keeps the request field. */
  const nameOf = (field: string): string | undefined =>
    fieldOf(field) ??
    // A duration the body has no field for (max_ttl_seconds of a dynamic secret made over REST)
    // is still named in the body's style, with its value as a duration.
    (/_seconds$/.test(field)
      ? (field.split(".").at(-1) ?? field).replace(/_seconds$/, "").replaceAll("_", "-")
      : undefined);
  /** A Ttl (rest-values.ts) takes a number of seconds or a string with units; not a body field: yes. */
  const takesDuration = (restField: string) => {
    if (!(restField in properties)) return true;
    const schema = properties[restField] as { anyOf?: { pattern?: string }[] };
    return schema.anyOf?.some((s) => s.pattern?.includes("[smhd]")) === true;
  };
  return renameFieldsInMessage(message, nameOf, takesDuration);
}
