/**
 * The command pi runs to read the vault key (`"key": "!<command>"` in auth.json), chosen per
 * platform, fastest first, and kept only when running it the way pi does yields the stored key:
 *   - Linux: `secret-tool lookup service S username U` (libsecret-tools; the attributes
 *     @napi-rs/keyring stores for a Secret Service item), ~30 ms;
 *   - macOS: `/usr/bin/security find-generic-password -s S -a U -w` (the binding stores a generic
 *     password with service S and account U);
 *   - Windows: our own CLI's `key print` (Windows has no stock tool that prints a stored credential).
 * None of them needs the app to be running. `key print` answers on Windows only: on macOS the
 * Keychain trusts the app that created the item, so an app that prints the key to any pipe would
 * hand it to every process without the per-app prompt; on Linux `secret-tool` is the command.
 */
import { exec } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_VAULT_SERVICE, type VaultLocation } from "./vault.js";

/** pi 0.73 gives a key command 10 s (resolve-config-value.ts); a slower command is useless to it. */
const PI_COMMAND_TIMEOUT_MS = 10_000;

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for the shell pi uses (/bin/sh; on Windows cmd or Git Bash). */
export function shellQuote(arg: string, platform: NodeJS.Platform = process.platform): string {
  if (SAFE_ARG.test(arg)) return arg;
  if (platform === "win32") return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * How a packaged app starts itself from a shell, for PI_SWITCHBOARD_CLI (main.ts). In a Linux
 * AppImage, process.execPath lives in the image's temporary mount (/tmp/.mount_XXXX), gone once the
 * app quits; $APPIMAGE, set by the AppImage runtime, is the AppImage file itself, which stays.
 */
export function appLauncher(execPath: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const stable = platform === "linux" && env.APPIMAGE ? env.APPIMAGE : execPath;
  return shellQuote(stable, platform);
}

/** An AppImage's temporary mount (`/tmp/.mount_<random>/…`): valid only while that instance runs. */
export function isAppImageMountPath(path: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return /\/\.mount_[^/]+\//.test(path) || Boolean(env.APPDIR && env.APPIMAGE && path.startsWith(`${env.APPDIR}/`));
}

/** The platform's own tool that prints the stored password, when there is one. */
export function nativeKeyCommand(location: VaultLocation, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  const q = (arg: string) => shellQuote(arg, platform);
  if (platform === "linux") {
    const secretTool = findOnPath("secret-tool", env);
    return secretTool ? `${q(secretTool)} lookup service ${q(location.service)} username ${q(location.account)}` : null;
  }
  if (platform === "darwin" && existsSync("/usr/bin/security")) {
    return `/usr/bin/security find-generic-password -s ${q(location.service)} -a ${q(location.account)} -w`;
  }
  return null;
}

/** Whether `key print` prints the key here: only where it is the documented key command (Windows). */
export function keyPrintAnswers(platform: NodeJS.Platform = process.platform): boolean {
  return platform === "win32";
}

/** What `key print` says where it does not answer: which command pi reads the key with instead. */
export function keyPrintRefusal(location: VaultLocation, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const native = nativeKeyCommand(location, platform, env);
  const where = native ? `Here pi reads the key with \`${native}\`` : platform === "linux" ? "Here pi reads the key with `secret-tool` (Debian/Ubuntu: `sudo apt install libsecret-tools`)" : "Here pi reads the key with the system's own tool";
  return `\`key print\` answers only on Windows, where it is the command pi runs for the key. ${where}; \`key connect\` writes it into auth.json, and \`key status\` shows it.`;
}

/** `<our CLI> key print`, where it answers (Windows); null elsewhere. */
export function cliKeyCommand(location: VaultLocation, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  return keyPrintAnswers(platform) ? cliKeyCommandText(location, platform, env) : null;
}

/**
 * `<our CLI> key print` as written, wherever it answers or not (to recognise an entry an earlier
 * version wrote). A packaged app sets PI_SWITCHBOARD_CLI to its own launcher (already quoted for
 * the shell); from a checkout it is this Node with tsx's loader on src-main/cli/main.ts.
 */
export function cliKeyCommandText(location: VaultLocation, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  const q = (arg: string) => shellQuote(arg, platform);
  let launcher = env.PI_SWITCHBOARD_CLI ?? null;
  if (!launcher) {
    const main = fileURLToPath(new URL("../../cli/main.ts", import.meta.url));
    const loader = fileURLToPath(new URL("../../../node_modules/tsx/dist/loader.mjs", import.meta.url));
    if (!existsSync(main) || !existsSync(loader)) return null;
    launcher = `${q(process.execPath)} --import ${q(loader)} ${q(main)}`;
  }
  const service = location.service === DEFAULT_VAULT_SERVICE ? "" : ` --vault-service ${q(location.service)}`;
  return `${launcher} key print${service}`;
}

/** Runs a command as pi 0.73 does (the default shell, stdin and stderr ignored, stdout trimmed). */
export function runLikePi(command: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = exec(command, { env, timeout: PI_COMMAND_TIMEOUT_MS, encoding: "utf8", windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
    child.stdin?.end();
  });
}

export class NoKeyCommandError extends Error {}

/**
 * The first candidate whose output is exactly the stored key, so pi is never handed a command
 * that cannot read it (secret-tool without a session bus, a Keychain item `security` may not read, …).
 */
export async function chooseKeyCommand(location: VaultLocation, storedKey: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const candidates = [nativeKeyCommand(location, platform, env), cliKeyCommand(location, platform, env)].filter((c): c is string => c !== null);
  for (const command of candidates) {
    if ((await runLikePi(command, env)) === storedKey) return command;
  }
  const tried = candidates.length ? `Tried: ${candidates.map((c) => `\`${c}\``).join(", ")}.` : "No candidate was found.";
  const install = platform === "linux" ? " Install `secret-tool` (Debian/Ubuntu: `sudo apt install libsecret-tools`) and unlock your keyring." : platform === "darwin" ? " pi reads the key with /usr/bin/security; unlock the login Keychain." : " Set PI_SWITCHBOARD_CLI to the app's command line launcher.";
  throw new NoKeyCommandError(`No command could read the key back from the vault the way pi would run it. ${tried}${install}`);
}
