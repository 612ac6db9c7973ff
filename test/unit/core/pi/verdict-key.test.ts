/**
 * The verdict's cache key (verdict-key.ts): every input pi's answer depends on changes it — each
 * of the four files, which pi (dir, version, its package.json rewritten in place), the Node, the
 * oracle script, any environment value (a provider's key, a `$NAME` a file reads, AWS_PROFILE, HOME)
 * and whether the Google ADC file exists — while what differs between two terminals (PWD, SHLVL,
 * `npm run`'s npm_*) does not, so a second shell finds the first one's answer.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { envHash, piChildEnv, verdictKey, type VerdictKeyInputs } from "../../../../src-main/core/pi/verdict/verdict-key.js";

const work = mkdtempSync(join(tmpdir(), "verdict-key-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const piDir = join(work, "pi");
mkdirSync(piDir);
writeFileSync(join(piDir, "package.json"), '{"name":"@earendil-works/pi-coding-agent","version":"1.6.0"}');
const home = join(work, "home");
mkdirSync(home);

const base: VerdictKeyInputs = {
  files: { "models.json": Buffer.from('{"providers":{}}'), "settings.json": Buffer.from("{}"), "auth.json": Buffer.from('{"openrouter":{"type":"api_key","key":"sk-or-v1-a"}}'), "models-store.json": null },
  piDir,
  piVersion: "1.6.0",
  node: "/opt/node22/bin/node",
  nodeVersion: "22.23.5",
  script: Buffer.from("// oracle"),
  env: { PATH: "/usr/bin", HOME: home, OPENROUTER_API_KEY: "sk-or-v1-env", PWD: "/a", SHLVL: "1", npm_lifecycle_event: "cli" },
};
const key = (change: Partial<VerdictKeyInputs> = {}) => verdictKey({ ...base, ...change });
const withFile = (name: string, text: string | null) => key({ files: { ...base.files, [name]: text === null ? null : Buffer.from(text) } });
const withEnv = (env: NodeJS.ProcessEnv) => key({ env: { ...base.env, ...env } });

describe("the verdict's cache key", () => {
  it("is the same for the same inputs, a sha256 hex", () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(key());
  });

  it("changes with each of pi's files, a file appearing or going", () => {
    const keys = [
      key(),
      withFile("models.json", '{"providers":{"x":{}}}'),
      withFile("settings.json", '{"enabledModels":["a"]}'),
      withFile("auth.json", '{"openrouter":{"type":"api_key","key":"sk-or-v1-b"}}'),
      withFile("auth.json", null),
      withFile("models-store.json", "{}"),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("changes with which pi: its dir, its version, its package.json rewritten in place, its Node, the oracle script", () => {
    const before = key();
    const keys = [before, key({ piDir: join(work, "other-pi") }), key({ piVersion: "1.6.1" }), key({ node: "/usr/bin/node" }), key({ nodeVersion: "22.24.0" }), key({ script: Buffer.from("// oracle v2") })];
    expect(new Set(keys).size).toBe(keys.length);
    // An upgrade in place (same dir, same version field read earlier) rewrites package.json.
    utimesSync(join(piDir, "package.json"), new Date(), new Date(Date.now() + 5_000));
    expect(key()).not.toBe(before);
  });

  it("changes with every environment value pi may read: a provider's key, a `$NAME` a file names, ambient credentials, HOME", () => {
    const keys = [key(), withEnv({ OPENROUTER_API_KEY: "sk-or-v1-other" }), withEnv({ OPENROUTER_API_KEY: undefined }), withEnv({ MY_KEY_FROM_MODELS_JSON: "x" }), withEnv({ AWS_PROFILE: "work" }), withEnv({ LLAMA_BASE_URL: "http://x" }), withEnv({ HOME: work })];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("changes when the Google ADC file pi checks for Vertex appears", () => {
    const before = key();
    mkdirSync(join(home, ".config", "gcloud"), { recursive: true });
    writeFileSync(join(home, ".config", "gcloud", "application_default_credentials.json"), "{}");
    expect(key()).not.toBe(before);
  });

  it("stays the same across terminals: PWD, OLDPWD, SHLVL, _, npm_* do not count", () => {
    expect(withEnv({ PWD: "/elsewhere", OLDPWD: "/a", SHLVL: "3", _: "/usr/bin/pi-switchboard", npm_lifecycle_event: undefined, npm_config_cache: "/x" })).toBe(key());
  });

  it("keys a pi child's environment, which leaves out the app's own settings (PI_SWITCHBOARD_*) and nothing else", () => {
    const app = { ...base.env, PI_SWITCHBOARD_DATA_DIR: "/data/one", PI_SWITCHBOARD_PI: "/opt/pi/bin/pi", PI_SWITCHBOARD_VAULT_SERVICE: "one" };
    expect(piChildEnv(app)).toEqual(base.env);
    expect(key({ env: piChildEnv({ ...app, PI_SWITCHBOARD_DATA_DIR: "/data/two" }) })).toBe(key());
    // A name that merely contains the prefix is pi's to read.
    expect(piChildEnv({ ...app, MY_PI_SWITCHBOARD_KEY: "x" })).toEqual({ ...base.env, MY_PI_SWITCHBOARD_KEY: "x" });
  });

  it("holds the environment as a hash, never a value", () => {
    expect(envHash(base.env)).toMatch(/^[0-9a-f]{64}$/);
    expect(envHash(base.env)).not.toContain("sk-or-v1-env");
  });
});
