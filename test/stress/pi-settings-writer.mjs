// Real pi 0.73's SettingsManager writing settings.json in a loop, as a running pi does when the
// user switches theme, model or thinking level: each change is a locked read-merge-write of the
// fields it touched. Usage: node pi-settings-writer.mjs <agentDir> <cwd> <writes>
// Prints "ready" once pi is loaded, then one JSON line with what it wrote last and pi's errors.
import { SettingsManager } from "@mariozechner/pi-coding-agent";

const [agentDir, cwd, writesArg] = process.argv.slice(2);
const writes = Number(writesArg);
const settings = SettingsManager.create(cwd, agentDir);
const levels = ["minimal", "low", "medium", "high"];
const last = {};
const errors = [];
process.stdout.write("ready\n");
for (let i = 0; i < writes; i++) {
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
  // Let the event loop breathe, as an interactive pi does between user actions.
  await new Promise((r) => setImmediate(r));
}
last.theme = `pi-theme-final`;
settings.setTheme(last.theme);
await settings.flush();
for (const e of settings.drainErrors()) errors.push(`final: ${e.error.message}`);
process.stdout.write(`${JSON.stringify({ last, errors })}\n`);
