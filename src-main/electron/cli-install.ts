/**
 * "Install command-line tool…" (as editors offer it): what the packaged app writes so its users get
 * the same `pi-switchboard` as `npm i -g` gives — a small sh script named `pi-switchboard` in a bin
 * dir (~/.local/bin on Linux, /usr/local/bin on macOS) that runs the CLI the app ships in
 * resources/cli (laid out as the npm package is: out/cli/pi-switchboard.mjs, the window's build for
 * `serve`, the vault binding).
 *
 * It runs that bundle with the user's `node`, not with the app: the app's RunAsNode fuse is off
 * (electron-builder.yml says why), and every pi user has Node (pi 1.x needs ≥ 22.19). An AppImage
 * mounts itself at a new path on every start, so there the CLI is first copied to the app's data
 * dir and the script runs the copy. Pure: cli-install-dialog.ts asks, writes and reports.
 */
import { delimiter, join } from "node:path";

export const CLI_NAME = "pi-switchboard";
/** A script with this line is ours to replace; any other file of that name is left alone. */
export const SHIM_MARK = "# Installed by Pi Switchboard (Install command-line tool…)";

export interface CliInstallInput {
  platform: NodeJS.Platform;
  home: string;
  /** The PATH a terminal would have (the login shell's when known). */
  path: string | undefined;
  /** The app's resources dir (process.resourcesPath), which holds cli/. */
  resourcesDir: string;
  /** Set when the app runs as an AppImage ($APPIMAGE). */
  appImage: string | undefined;
  /** The app's own data dir (app.getPath("userData")), for the AppImage's copy. */
  dataDir: string;
}

export type CliInstallPlan =
  | {
      supported: true;
      /** Where the script goes, and the script. */
      binDir: string;
      target: string;
      script: string;
      /** The CLI folder to copy first (AppImage), and where to. */
      copy: { from: string; to: string } | null;
      /** Whether binDir is on the terminal's PATH. */
      onPath: boolean;
    }
  | { supported: false; reason: string };

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function cliInstallPlan(input: CliInstallInput): CliInstallPlan {
  if (input.platform === "win32") return { supported: false, reason: "Windows: install the command line with npm (`npm i -g` of the package) until the app offers it there." };
  const shipped = join(input.resourcesDir, "cli");
  const copy = input.appImage ? { from: shipped, to: join(input.dataDir, "cli") } : null;
  const bundle = join(copy ? copy.to : shipped, "out", "cli", `${CLI_NAME}.mjs`);
  const binDir = input.platform === "darwin" ? "/usr/local/bin" : join(input.home, ".local", "bin");
  const script = [
    "#!/bin/sh",
    SHIM_MARK,
    "if ! command -v node >/dev/null 2>&1; then",
    `  echo "${CLI_NAME} runs on Node.js 22 or newer (the Node pi runs on): none is on PATH." >&2`,
    "  exit 127",
    "fi",
    `exec node ${quote(bundle)} "$@"`,
    "",
  ].join("\n");
  const onPath = (input.path ?? "").split(delimiter).some((dir) => dir.replace(/\/+$/, "") === binDir);
  return { supported: true, binDir, target: join(binDir, CLI_NAME), script, copy, onPath };
}

/** What to tell the user when binDir is not on PATH: the line to add to their shell's start-up file. */
export function pathAdvice(binDir: string, home: string, shell: string | undefined): string {
  const shown = binDir.startsWith(`${home}/`) ? `$HOME/${binDir.slice(home.length + 1)}` : binDir;
  const name = (shell ?? "").split("/").pop();
  if (name === "fish") return `${binDir} is not on your PATH. Run once: fish_add_path ${shown}`;
  const file = name === "zsh" ? "~/.zshrc" : name === "bash" ? "~/.bashrc" : "~/.profile";
  return `${binDir} is not on your PATH. Add this line to ${file}, then open a new terminal:\nexport PATH="${shown}:$PATH"`;
}

/** Whether an existing file at the target may be replaced: only a script this app wrote. */
export function isOurShim(existing: string | null): boolean {
  return existing === null || existing.includes(SHIM_MARK);
}
