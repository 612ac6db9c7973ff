/**
 * The tray's "Install command-line tool…": asks first (saying where and what it writes), writes the
 * script cli-install.ts plans (and the AppImage's copy of the CLI), and says what happened — where
 * `pi-switchboard` now is, and what to add to PATH when that dir is not on it. A file of that name
 * the app did not write is left alone. Where the user cannot write the dir (/usr/local/bin on some
 * Macs), the script goes to the app's data dir and the user gets the one `sudo ln` to run.
 */
import { app, dialog } from "electron";
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { cliInstallPlan, isOurShim, pathAdvice } from "./cli-install.js";

/** Only a packaged app ships resources/cli (a clone has `npm run cli --` and the bundle in out/cli). */
export const canInstallCli = (): boolean => app.isPackaged && process.platform !== "win32";

/** The script, written whole or not at all (temp + rename). */
async function writeScript(path: string, script: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, script, { mode: 0o755 });
  await rename(temp, path);
}

async function readIfThere(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** `env` is the terminal's environment (the login shell's), for PATH and SHELL. */
export async function installCommandLineTool(env: NodeJS.ProcessEnv): Promise<void> {
  const home = homedir();
  const plan = cliInstallPlan({ platform: process.platform, home, path: env.PATH, resourcesDir: process.resourcesPath, appImage: process.env.APPIMAGE, dataDir: app.getPath("userData") });
  if (!plan.supported) {
    await dialog.showMessageBox({ type: "info", message: "Install command-line tool", detail: plan.reason });
    return;
  }
  const { response } = await dialog.showMessageBox({
    type: "question",
    buttons: ["Install", "Cancel"],
    defaultId: 0,
    cancelId: 1,
    message: `Install the pi-switchboard command in ${plan.binDir}?`,
    detail: `It writes ${plan.target}, a small script that runs the command line this app ships with your Node (the one pi runs on).${plan.copy ? ` The command line is copied to ${plan.copy.to} first, since an AppImage moves on every start: install again after updating the app.` : ""}`,
  });
  if (response !== 0) return;
  try {
    if (!isOurShim(await readIfThere(plan.target))) {
      await dialog.showMessageBox({ type: "warning", message: `${plan.target} already exists`, detail: "It was not written by this app (an npm install of pi-switchboard?), so it is left as it is. Remove it first to install the app's command instead." });
      return;
    }
    if (plan.copy) {
      // Beside the old copy, then swapped in: a terminal running the old one never sees half a copy.
      const staging = `${plan.copy.to}.new`;
      await rm(staging, { recursive: true, force: true });
      await cp(plan.copy.from, staging, { recursive: true });
      await rm(plan.copy.to, { recursive: true, force: true });
      await rename(staging, plan.copy.to);
    }
    await mkdir(plan.binDir, { recursive: true });
    await writeScript(plan.target, plan.script);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EACCES" && code !== "EPERM") {
      await dialog.showMessageBox({ type: "error", message: "The command was not installed", detail: (error as Error).message });
      return;
    }
    const script = join(app.getPath("userData"), "pi-switchboard");
    await writeScript(script, plan.script);
    await dialog.showMessageBox({
      type: "info",
      message: `${plan.binDir} needs an administrator`,
      detail: `The command is ready at ${script}. To put it on your PATH, run in a terminal:\nsudo ln -sf '${script}' '${plan.target}'`,
    });
    return;
  }
  await dialog.showMessageBox({
    type: "info",
    message: "pi-switchboard is installed",
    detail: `${plan.target} runs the command line: try \`pi-switchboard models\` in a new terminal.${plan.onPath ? "" : `\n\n${pathAdvice(plan.binDir, home, env.SHELL)}`}`,
  });
}
