/** The redacted auth.json backup: the key is replaced by the command, everything else is kept. */
import { describe, expect, it } from "vitest";
import { redactSecret } from "../../../../src-main/core/vault/redacting-backups.js";

describe("redactSecret", () => {
  const key = "sk-or-v1-0123456789abcdef";
  it("puts the command where the key was and keeps the rest byte for byte", () => {
    const text = `{\n  "a": {"type": "oauth", "access": "tok"},\n  "openrouter": {"type": "api_key", "key": "${key}"}\n}\n`;
    expect(redactSecret(text, key, "!secret-tool lookup service s username openrouter")).toBe(
      `{\n  "a": {"type": "oauth", "access": "tok"},\n  "openrouter": {"type": "api_key", "key": "!secret-tool lookup service s username openrouter"}\n}\n`,
    );
  });
  it("also cuts the key out of a longer string and out of an escaped spelling", () => {
    const escaped = key.replace("s", "\\u0073");
    const text = `{"h": "Bearer ${key}", "k": "${escaped}"}`;
    const out = redactSecret(text, key, "!cmd");
    expect(out).not.toContain(key);
    expect(JSON.parse(out)).toEqual({ h: "Bearer [moved to the OS vault]", k: "!cmd" });
  });
});
