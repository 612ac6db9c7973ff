/**
 * What the app leaves on disk, on real files: backups pruned by count and age at 0600 in a 0700
 * dir; auth.json backups without any provider's secret, restorable from the current file; temp
 * files and stale locks of a killed writer removed on the next start; a warning with its fix for an
 * auth.json others can read; and a size and file-type limit on pi's files (/dev/zero, a FIFO, a
 * 17 MiB file) that answers at once with a clear error instead of hanging or eating memory.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Backups, MAX_PER_FILE } from "../../../../src-main/core/files/backup.js";
import { REDACTED_IN_BACKUP } from "../../../../src-main/core/files/auth-redaction.js";
import { restoreBackup } from "../../../../src-main/core/edits/restore-backup.js";
import { SwitchboardService } from "../../../../src-main/core/service.js";
import { makeAgentDir, piCatalog } from "./agent-dir-fixture.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function agentDir(files: Parameters<typeof makeAgentDir>[0] = {}): Promise<string> {
  const made = await makeAgentDir(files);
  cleanups.push(made.cleanup);
  return made.agentDir;
}

async function open(dir: string): Promise<SwitchboardService> {
  const service = await SwitchboardService.open({ agentDir: dir, catalog: await piCatalog(), watch: false });
  cleanups.push(async () => service.close());
  return service;
}

const AUTH = {
  openrouter: { type: "api_key", key: "sk-or-v1-literal-secret-1111" },
  anthropic: { type: "oauth", access: "sk-ant-oat-access-2222", refresh: "sk-ant-ort-refresh-3333", expires: 1 },
  groq: { type: "api_key", key: "!pass show groq" },
  deepseek: { type: "api_key", key: "DEEPSEEK_API_KEY" },
};
const SECRETS = ["sk-or-v1-literal-secret-1111", "sk-ant-oat-access-2222", "sk-ant-ort-refresh-3333"];

describe("backups", () => {
  it("keep at most ten per file, drop those older than 30 days, and are owner-only", async () => {
    const dir = await agentDir();
    const backups = new Backups(dir);
    const first = (await backups.beforeFirstChange(join(dir, "models.json")))!;
    const old = new Date(Date.now() - 40 * 86_400_000);
    utimesSync(first, old, old);
    for (let i = 0; i < 14; i++) await backups.beforeFirstChange(join(dir, "models.json"), { force: true });
    await backups.beforeFirstChange(join(dir, "settings.json"));
    const listed = await backups.list();
    expect(listed.filter((b) => b.file === "models.json")).toHaveLength(MAX_PER_FILE);
    expect(listed.filter((b) => b.file === "settings.json")).toHaveLength(1);
    expect(existsSync(first)).toBe(false);
    for (const b of listed) expect(statSync(b.path).mode & 0o777).toBe(0o600);
    expect(statSync(backups.dir).mode & 0o777).toBe(0o700);
  });

  it("of auth.json hold no provider's secret, keep commands and env names, and restore the secrets from the current file", async () => {
    const dir = await agentDir({ "auth.json": JSON.stringify(AUTH, null, 2) });
    const service = await open(dir);
    const path = (await service.backups.beforeFirstChange(join(dir, "auth.json")))!;
    const text = readFileSync(path, "utf8");
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const backup = JSON.parse(text) as typeof AUTH;
    expect(backup.openrouter.key).toBe(REDACTED_IN_BACKUP);
    expect(backup.anthropic).toMatchObject({ access: REDACTED_IN_BACKUP, refresh: REDACTED_IN_BACKUP, expires: 1 });
    expect(backup.groq.key).toBe("!pass show groq");
    expect(backup.deepseek.key).toBe("DEEPSEEK_API_KEY");

    // Later the user changed groq's command and removed deepseek; restoring brings both back, secrets from today's file.
    writeFileSync(join(dir, "auth.json"), JSON.stringify({ ...AUTH, groq: { type: "api_key", key: "!other" }, deepseek: undefined }, null, 2), { mode: 0o600 });
    expect(await restoreBackup(service, path)).toEqual({ ok: true, value: undefined });
    expect(JSON.parse(readFileSync(join(dir, "auth.json"), "utf8"))).toEqual(AUTH);

    // A secret the current file no longer has cannot come back: refused, with the provider named.
    writeFileSync(join(dir, "auth.json"), JSON.stringify({ groq: AUTH.groq }, null, 2), { mode: 0o600 });
    const refused = await restoreBackup(service, path);
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/no longer has the key of openrouter, anthropic/) } });
    for (const b of readdirSync(service.backups.dir)) for (const secret of SECRETS) expect(readFileSync(join(service.backups.dir, b), "utf8")).not.toContain(secret);
  });
});

describe("a killed writer's leftovers", () => {
  it("stale temp files and lock folders go on the next start; a fresh lock (someone writing now) stays", async () => {
    const dir = await agentDir();
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    const temp = join(dir, "models.json.0badc0de.switchboard-tmp");
    writeFileSync(temp, "x".repeat(1000));
    utimesSync(temp, twoMinutesAgo, twoMinutesAgo);
    const staleLock = join(dir, "settings.json.lock");
    mkdirSync(staleLock);
    utimesSync(staleLock, twoMinutesAgo, twoMinutesAgo);
    const freshLock = join(dir, "auth.json.lock");
    mkdirSync(freshLock);
    await open(dir);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(staleLock)).toBe(false);
    expect(existsSync(freshLock)).toBe(true);
  });
});

describe("auth.json permissions", () => {
  it("warns with the fix when others can read it, and the warning goes once it is 0600", async () => {
    const dir = await agentDir({ "auth.json": JSON.stringify(AUTH) });
    chmodSync(join(dir, "auth.json"), 0o644);
    const service = await open(dir);
    expect(service.snapshot().authFile.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/can be read by every user on this machine \(mode 0644\)/), hint: `Make it yours alone: chmod 600 '${join(dir, "auth.json")}'` }));
    chmodSync(join(dir, "auth.json"), 0o600);
    await service.reload();
    expect(service.snapshot().authFile.warnings.filter((w) => /can be read by/.test(w.message))).toEqual([]);
  });
});

describe("size and type limits on pi's files", () => {
  const quickly = async (dir: string) => {
    const started = Date.now();
    const service = await open(dir);
    expect(Date.now() - started).toBeLessThan(10_000);
    return service.snapshot();
  };

  it("/dev/zero as models.json: refused at once as a device", async () => {
    const dir = await agentDir({ "models.json": null });
    symlinkSync("/dev/zero", join(dir, "models.json"));
    const before = process.memoryUsage().rss;
    const snap = await quickly(dir);
    expect(snap.modelsFile).toMatchObject({ valid: false, errors: [{ message: expect.stringMatching(/models\.json is a device, not a plain file/) }] });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 2 ** 20);
  });

  it("a FIFO as settings.json: refused without blocking", async () => {
    const dir = await agentDir({ "settings.json": null });
    execFileSync("mkfifo", [join(dir, "settings.json")]);
    const snap = await quickly(dir);
    expect(snap.settingsFile.errors[0]!.message).toMatch(/settings\.json is a named pipe \(FIFO\), not a plain file/);
  });

  it("a 17 MiB models.json: refused with the limit named; a command aimed at it writes nothing", async () => {
    const dir = await agentDir({ "models.json": `{"providers": {}, "pad": "${"x".repeat(17 * 2 ** 20)}"}` });
    const service = await open(dir);
    expect(service.snapshot().modelsFile.errors[0]!.message).toMatch(/larger than 16 MiB, so it was not read/);
    const size = statSync(join(dir, "models.json")).size;
    const result = await service.execute({ type: "removeProvider", provider: "x" });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than 16 MiB/) } });
    expect(statSync(join(dir, "models.json")).size).toBe(size);
  });
});
