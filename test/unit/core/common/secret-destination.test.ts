/**
 * The one rule for where a secret may go (secret-destination.ts), tried with the look-alikes an
 * attacker would use, and the forms of a key that redaction must catch (redact-secret.ts).
 */
import { describe, expect, it } from "vitest";
import { findKeyLeaks, leaksCreatedBy } from "../../../../src-main/core/common/key-leaks.js";
import { REDACTED, redactSecret, secretForms } from "../../../../src-main/core/common/redact-secret.js";
import { foreignDestination, isOpenRouterDestination } from "../../../../src-main/core/common/secret-destination.js";
import { readsAppVault } from "../../../../src-main/core/common/vault-entry.js";
import { openRouterBaseUrl } from "../../../../src-main/core/openrouter/client-url.js";
import { createStreamRedactor } from "../../../../src-main/core/openrouter/stream-redact.js";

describe("isOpenRouterDestination", () => {
  const openRouter = [
    "https://openrouter.ai/api/v1",
    "https://openrouter.ai/api/v1/",
    "https://openrouter.ai/api",
    "https://OpenRouter.AI/api/v1",
    "https://openrouter.ai:443/api/v1",
    "https://eu.openrouter.ai/api/v1",
    "https://us.openrouter.ai/api/v1",
    " https://openrouter.ai/api/v1 ",
  ];
  const lookAlikes = [
    ["suffix host", "https://openrouter.ai.evil.example/api/v1"],
    ["prefix host", "https://evilopenrouter.ai/api/v1"],
    ["sibling word", "https://notopenrouter.ai/api/v1"],
    ["undocumented subdomain", "https://api.openrouter.ai/api/v1"],
    ["deep subdomain", "https://eu.openrouter.ai.evil.example/api/v1"],
    ["path trick", "https://evil.example/openrouter.ai/api/v1"],
    ["path trick over http", "http://host/openrouter.ai/api/v1"],
    ["query trick", "https://evil.example/?https://openrouter.ai/api/v1"],
    ["fragment trick", "https://evil.example#openrouter.ai"],
    ["userinfo", "https://openrouter.ai@evil.example/api/v1"],
    ["userinfo on the real host", "https://me:pw@openrouter.ai/api/v1"],
    ["plain http", "http://openrouter.ai/api/v1"],
    ["another port", "https://openrouter.ai:8443/api/v1"],
    ["trailing dot", "https://openrouter.ai./api/v1"],
    ["IDN look-alike (Cyrillic o)", "https://\u043epenrouter.ai/api/v1"],
    ["punycode", "https://xn--penrouter-7fg.ai/api/v1"],
    ["IPv6 literal", "https://[::1]/api/v1"],
    ["IPv4 literal", "https://104.18.2.115/api/v1"],
    ["backslash trick", "https://evil.example\\@openrouter.ai/api/v1"],
    ["another scheme", "wss://openrouter.ai/api/v1"],
    ["no scheme", "openrouter.ai/api/v1"],
    ["empty", ""],
  ] as const;

  it.each(openRouter)("%s is OpenRouter", (url) => {
    expect(isOpenRouterDestination(url, {})).toBe(true);
  });

  it.each(lookAlikes)("%s (%s) is not", (_what, url) => {
    expect(isOpenRouterDestination(url, {})).toBe(false);
  });

  it("the test override stands in for the origin https://openrouter.ai: every path under it, nothing beside it", () => {
    const env = { PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:4000/openrouter.ai/api/v1" };
    expect(isOpenRouterDestination("http://127.0.0.1:4000/openrouter.ai/api/v1", env)).toBe(true);
    expect(isOpenRouterDestination("http://127.0.0.1:4000/api", env)).toBe(true);
    expect(isOpenRouterDestination("http://127.0.0.1:4001/openrouter.ai/api/v1", env)).toBe(false);
    expect(isOpenRouterDestination("http://localhost:4000/api/v1", env)).toBe(false);
    expect(isOpenRouterDestination("http://u@127.0.0.1:4000/api/v1", env)).toBe(false);
    expect(isOpenRouterDestination("https://openrouter.ai/api/v1", env)).toBe(true);
    expect(isOpenRouterDestination("http://127.0.0.1:4000/api/v1", { PI_SWITCHBOARD_OPENROUTER_URL: "not a url" })).toBe(false);
  });

  it("the app's own API base follows the override: an origin gets /api/v1, a path is kept", () => {
    expect(openRouterBaseUrl({})).toBe("https://openrouter.ai/api/v1");
    expect(openRouterBaseUrl({ PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:4000" })).toBe("http://127.0.0.1:4000/api/v1");
    expect(openRouterBaseUrl({ PI_SWITCHBOARD_OPENROUTER_URL: "http://127.0.0.1:4000/x/api/v1/" })).toBe("http://127.0.0.1:4000/x/api/v1");
  });

  it("a provider is OpenRouter only when every URL pi may use for it is", () => {
    expect(foreignDestination("openrouter", undefined, {})).toBeNull();
    expect(foreignDestination("openrouter", { baseUrl: "https://openrouter.ai.evil.example/api/v1" }, {})).toBe("openrouter.ai.evil.example");
    expect(foreignDestination("openrouter-x", { baseUrl: "https://openrouter.ai/api/v1", models: [{ id: "m", baseUrl: "https://evil.example/v1" }] }, {})).toBe("evil.example");
    expect(foreignDestination("openrouter-x", { baseUrl: "https://openrouter.ai/api/v1", modelOverrides: { m: { baseUrl: "http://openrouter.ai/api/v1" } } }, {})).toBe("openrouter.ai");
    expect(foreignDestination("anthropic", {}, {})).not.toBeNull();
  });
});

describe("key leaks", () => {
  const env = { PI_SWITCHBOARD_VAULT_SERVICE: "pi-switchboard-t" };
  const ours = { type: "api_key", key: "!/usr/bin/secret-tool lookup service pi-switchboard-t username openrouter" };

  it("recognises the app's own key commands, and no other", () => {
    expect(readsAppVault(ours.key, env)).toBe(true);
    expect(readsAppVault("!/usr/bin/security find-generic-password -s 'pi-switchboard-t' -a openrouter -w", env)).toBe(true);
    expect(readsAppVault('!"C:\\Program Files\\Pi Switchboard\\pi-switchboard.exe" key print', env)).toBe(true);
    expect(readsAppVault("!op read op://vault/openrouter", env)).toBe(false);
    expect(readsAppVault("!secret-tool lookup service pi-switchboard-tx username openrouter", env)).toBe(false);
    expect(readsAppVault("sk-or-literal", env)).toBe(false);
  });

  it("a connected provider whose baseUrl left OpenRouter is a leak; one pi does not know, or the user's own command, is not", () => {
    const auth = { openrouter: ours, "openrouter-moved": ours, "openrouter-gone": ours, mine: { type: "api_key", key: "!op read x" } };
    const providers = { "openrouter-moved": { baseUrl: "https://openrouter.ai.evil.example/api/v1" }, mine: { baseUrl: "https://evil.example" } };
    expect(findKeyLeaks(auth, providers, env)).toEqual([{ provider: "openrouter-moved", host: "openrouter.ai.evil.example" }]);
    expect(findKeyLeaks(auth, { openrouter: { baseUrl: "http://host/openrouter.ai/api/v1" } }, env)).toEqual([{ provider: "openrouter", host: "host" }]);
  });

  it("an edit creates a leak only where there was none", () => {
    const auth = { "openrouter-x": ours };
    const before = { providers: { "openrouter-x": { baseUrl: "https://openrouter.ai/api/v1" } } };
    const after = { providers: { "openrouter-x": { baseUrl: "https://evil.example/api/v1" } } };
    expect(leaksCreatedBy(auth, before, after, env)).toEqual([{ provider: "openrouter-x", host: "evil.example" }]);
    expect(leaksCreatedBy(auth, after, after, env)).toEqual([]);
    expect(leaksCreatedBy({}, before, after, env)).toEqual([]);
  });
});

describe("redaction", () => {
  const key = "sk-or-v1-0123456789abcdef0123456789abcdef";
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const b64url = (s: string) => Buffer.from(s).toString("base64url");

  it("cuts the key and its base64 and base64url forms at every alignment", () => {
    for (const prefix of ["", "x", "xy", "Bearer:"]) {
      for (const encoded of [b64(`${prefix}${key}`), b64url(`${prefix}${key} tail`), b64(`user:${prefix}${key}?`)]) {
        const out = redactSecret(`echo ${encoded} done`, key);
        expect(out, encoded).toContain(REDACTED);
        // What is left of the encoded text no longer decodes to the key.
        for (const piece of out.split(/\s|\[redacted\]/)) expect(Buffer.from(piece, "base64").toString("latin1")).not.toContain(key.slice(6, 30));
      }
    }
    expect(redactSecret(`plain ${key}.`, key)).toBe(`plain ${REDACTED}.`);
    expect(redactSecret("nothing here", key)).toBe("nothing here");
    expect(secretForms("abc")).toEqual([]);
  });

  it("a streamed base64 form split across chunks is cut too, and ordinary text is not held back", () => {
    const encoded = b64(key);
    const r = createStreamRedactor(key);
    const out = [r.push(`a ${encoded.slice(0, 10)}`), r.push(`${encoded.slice(10)} b`), r.push(" c"), r.flush()].join("");
    // At most the last group's padding survives: it depends on the bytes after the key, not on the key.
    expect(out).toMatch(/^a \[redacted\][A-Za-z0-9+/=]{0,3} b c$/);
  });
});
