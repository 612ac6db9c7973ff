/**
 * The command a user types to run this CLI, for every hint and usage line it prints: from a clone
 * that is `npm run cli --` (npm sets npm_lifecycle_event to the script's name, and running the
 * TypeScript source means a checkout even without npm), installed it is `pi-switchboard`. Core
 * messages name `pi-switchboard …` commands; the CLI rewrites those to what the user ran before
 * printing them for people (JSON for scripts keeps the core's words).
 */
import { fileURLToPath } from "node:url";

export const INSTALLED_COMMAND = "pi-switchboard";
const CLONE_COMMAND = "npm run cli --";

/** `npm run cli --` from a clone, `pi-switchboard` installed. `sourceFile` is a module of this CLI as it runs. */
export function cliCommand(env: NodeJS.ProcessEnv = process.env, sourceFile: string = fileURLToPath(import.meta.url)): string {
  if (env.npm_lifecycle_event === "cli") return CLONE_COMMAND;
  return sourceFile.endsWith(".ts") ? CLONE_COMMAND : INSTALLED_COMMAND;
}

/** A command to type, in backticks: `cliHint("key set")` → "`npm run cli -- key set`". */
export function cliHint(args: string, command: string = cliCommand()): string {
  return `\`${command} ${args}\``;
}

/** Text from the core with its `pi-switchboard …` commands as the user runs them. */
export function nameCommands(text: string, command: string = cliCommand()): string {
  return command === INSTALLED_COMMAND ? text : text.replaceAll(`\`${INSTALLED_COMMAND} `, `\`${command} `);
}

/** Human output on stdout, its commands named as the user runs them. */
export function say(text: string): void {
  process.stdout.write(nameCommands(text));
}

/** Human output on stderr (errors, warnings), its commands named as the user runs them. */
export function complain(text: string): void {
  process.stderr.write(nameCommands(text));
}
