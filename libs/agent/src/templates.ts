/**
 * Templates: Handlebars (a maintained, logic-less library: a template cannot run code or
 * reach prototypes), in strict mode so that a misspelt field is an error naming the field
 * instead of an empty value in a credentials file. Values are never HTML-escaped.
 */
import Handlebars from "handlebars";

const hb = Handlebars.create();
hb.registerHelper("json", (value: unknown) => JSON.stringify(value));
hb.registerHelper("base64", (value: unknown) => Buffer.from(String(value)).toString("base64"));
// A value as one POSIX shell word (single-quoted), for files a start script `source`s: a
// newline, `$(…)` or a quote in a secret stays data.
hb.registerHelper("shell", (value: unknown) => `'${String(value).replaceAll("'", "'\\''")}'`);

/** What a template renders when the configuration gives none, by kind of source. */
export function defaultTemplate(source: object): string {
  if ("secret" in source) return "{{value}}";
  if ("dynamic" in source) return "{{json this}}";
  if ("encrypt" in source) return "{{ciphertext}}";
  if ("decrypt" in source) return "{{plaintext}}";
  return "{{certificate}}\n";
}

export type CompiledTemplate = (context: Record<string, unknown>) => string;

/** Compiles `text`; a syntax error is thrown at once (at start), naming `origin`. */
export function compileTemplate(text: string, origin: string): CompiledTemplate {
  let render: HandlebarsTemplateDelegate;
  try {
    render = hb.compile(text, { noEscape: true, strict: true });
    // Handlebars compiles lazily on first render: parse now so a syntax error stops the start.
    hb.precompile(text, { noEscape: true, strict: true });
  } catch (err) {
    throw new Error(`${origin}: template: ${(err as Error).message.split("\n")[0]}`);
  }
  return (context) => {
    try {
      return render(context);
    } catch (err) {
      throw new Error(`${origin}: template: ${renderFailure(err)}`);
    }
  };
}

/**
 * What a render failure says, never with a value in it: Handlebars' strict-mode message names
 * the field and stringifies the object it looked in (a string value is printed whole), and a
 * path that descends into a string fails with a TypeError that quotes the string. Only the
 * field's name (from the template, not the data) and the position are kept.
 */
function renderFailure(err: unknown): string {
  const e = err as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const where =
    typeof e.lineNumber === "number" && typeof e.column === "number"
      ? ` (line ${e.lineNumber}, column ${e.column + 1})`
      : "";
  const missing = /^"([^"\n]{1,200})" not defined in /.exec(String(e.message ?? ""));
  if (missing) return `field "${missing[1]}" is not defined${where}`;
  return `a field the template reads is missing or is not an object${where}`;
}
