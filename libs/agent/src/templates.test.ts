import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compileTemplate } from "./templates.js";

describe("agent templates", () => {
  it("renders fields, JSON and base64", () => {
    const t = compileTemplate("{{data.user}}:{{base64 data.password}} {{json data}}", "file f");
    expect(t({ data: { user: "u", password: "p" } })).toBe('u:cA== {"user":"u","password":"p"}');
  });

  it("quotes a value as one shell word that a sourcing shell keeps as data", () => {
    const value = 'a\'b\n$(touch /tmp/x) `id` "q" \\';
    const t = compileTemplate("export DB_PASSWORD={{shell value}}\n", "file f");
    const rendered = t({ value });
    expect(rendered).toBe(`export DB_PASSWORD='a'\\''b\n$(touch /tmp/x) \`id\` "q" \\'\n`);
    const out = execFileSync("sh", ["-c", `${rendered}printf %s "$DB_PASSWORD"`], {
      encoding: "utf8",
    });
    expect(out).toBe(value);
  });

  it("names a missing field without printing the object it looked in", () => {
    const t = compileTemplate("{{data.nope}}", "file /keyfrag/secrets/db");
    expect(() => t({ data: { password: "hunter2" } })).toThrow(
      /^file \/keyfrag\/secrets\/db: template: field "nope" is not defined/,
    );
  });

  // A template that reads a field of a string value: Handlebars' errors quote the string.
  it.each([
    ["{{data.password.x}}", { data: { password: "S3CRET-VAL" } }],
    ["{{value.foo}}", { value: "S3CRET-VAL" }],
    ["{{#with value}}{{nope}}{{/with}}", { value: "S3CRET-VAL" }],
    ["{{value.nope}}", { value: "S3CRET-VAL" }],
  ])("a render failure of %s never carries the value", (text, context) => {
    const t = compileTemplate(text, "file /x");
    let message = "";
    try {
      t(context);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^file \/x: template: /);
    expect(message).not.toContain("S3CRET");
  });
});
