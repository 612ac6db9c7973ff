// Real pi 0.73's SettingsManager writing settings.json in a loop, as a running pi does when the
// user switches theme, model or thinking level: each change is a locked read-merge-write of the
// fields it touched. Usage: node pi-settings-writer.mjs <agentDir> <cwd> <min writes>
// Prints "ready" once pi is loaded and writes until it has done <min writes> and read "stop" on
// stdin (so it races the other writer for as long as that one runs), then prints one JSON line:
// what it wrote last, how many writes, and pi's errors.
import { SettingsManager } from "@mariozechner/pi-coding-agent";

const [agentDir, cwd, writesArg] = process.argv.slice(2);
const minWrites = Number(writesArg);
let stop = false;
process.stdin.on("data", (d) => (stop ||= String(d).includes("stop")));
const settings = SettingsManager.create(cwd, agentDir);
const levels = ["minimal", "low", "medium", "high"];
const last = {};
const errors = [];
process.stdout.write("ready\n");
let i = 0;
for (; i < minWrites || !stop; i++) {
  if (i % 3 === 0) {
    last.theme = `pi-theme-${i}`;
    settings.setTheme(last.theme);
  } else if (i % 3 === 1) {
    last.defaultModel = i % 2 ? "openai/gpt-4o" : "openai/gpt-5";
    settings.setDefaultModelAndProvider("openrouter", last.defaultModel);
  } else {
    last.defaultThinkingLevel = levels[i % levels.length];
    settings.setDefaultThinkingLevel(last.defaultThinkingLevel);
  }
  await settings.flush();
  for (const e of settings.drainErrors()) errors.push(`${i}: ${e.error.message}`);
  // A short pause, as between a user's actions, and so stdin can be read.
  await new Promise((r) => setTimeout(r, 20));
}
last.theme = `pi-theme-final`;
settings.setTheme(last.theme);
await settings.flush();
for (const e of settings.drainErrors()) errors.push(`final: ${e.error.message}`);
process.stdout.write(`${JSON.stringify({ last, writes: i + 1, errors })}\n`);
process.stdin.destroy();
