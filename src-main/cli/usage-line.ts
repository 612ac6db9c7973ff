/**
 * What the CLI prints after a mistyped command or option: commander's error with its "did you
 * mean" on the same line, then one usage line of the command that was meant to run — the whole
 * help buried the suggestion under forty lines.
 */
import type { Command } from "commander";

/** The words that run a command, from the program's name down ("npm run cli -- key set"). */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** "usage: <path> <its arguments>", with its subcommands when it has some, and where the full help is. */
export function oneLineUsage(command: Command): string {
  const path = commandPath(command);
  const subcommands = command.commands.map((c) => c.name()).filter((name) => name !== "help");
  const which = subcommands.length ? ` (commands: ${subcommands.join(", ")})` : "";
  return `usage: ${path} ${command.usage()}${which}; \`${path} --help\` for more`;
}

/** commander's "error: …\n(Did you mean x?)" as one line: "error: … — did you mean x?". */
export function tidyCommanderError(message: string): string {
  return message.replace(/\n\(Did you mean (.+?)\?\)/, " — did you mean $1?");
}
