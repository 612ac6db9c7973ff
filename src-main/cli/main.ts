/**
 * `pi-switchboard` on the command line: the same core as the app, for terminals, scripts and
 * machines without a tray. Each command lives in commands/; this file only wires them to argv.
 *
 * A command's module (and what it pulls in: the service, OpenRouter, the vault, the web server) is
 * imported only when that command runs: `models` must start as fast as `pi --version`, and in the
 * bundle (scripts/build-cli.mjs) each of these imports is a chunk that is never read otherwise.
 * Help, a mistyped command and no command at all register every command, so commander can list
 * them and say "did you mean".
 */
import nodeModule from "node:module";
import { join } from "node:path";
import { Command } from "commander";
import { appCacheDir } from "../core/files/cache-dir.js";
import { cliCommand, nameCommands } from "./cli-command.js";
import { oneLineUsage, tidyCommanderError } from "./usage-line.js";

// As pi's own CLI does: V8 keeps the compiled code of the command's chunks (and of pi's modules the
// catalog imports) on disk, so later starts skip compiling them. In the user's own cache dir, not
// Node's default under the shared temp dir, where another account could plant code for us to load.
// Node ≥ 22.1 (engines says 22.12); the types are Node 20's, which lack it.
(nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(join(appCacheDir(), "node-compile-cache"));

type Register = (program: Command) => void;

const COMMANDS: Record<string, () => Promise<Register>> = {
  models: async () => (await import("./commands/models.js")).registerModels,
  use: async () => (await import("./commands/use.js")).registerUse,
  check: async () => (await import("./commands/check.js")).registerCheck,
  catalog: async () => (await import("./commands/catalog.js")).registerCatalog,
  test: async () => (await import("./commands/test.js")).registerTest,
  key: async () => (await import("./commands/key.js")).registerKey,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  spend: async () => (await import("./commands/spend.js")).registerSpend,
};

/** The command argv names (its first word that is not an option), when it is one of ours. */
function chosenCommand(args: readonly string[]): string | null {
  const first = args.find((a) => !a.startsWith("-"));
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : null;
}

async function main(argv: string[]): Promise<void> {
  // --help and every usage line show the command as the user runs it (`npm run cli --` from a clone).
  const program = new Command()
    .name(cliCommand())
    .usage("<command> [options]")
    .description("See and change what the pi coding agent uses: models, scope, routing, keys.")
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(tidyCommanderError(s)) });

  const chosen = chosenCommand(argv.slice(2));
  // Registered in this order, which is the order --help lists them in.
  const names = chosen ? [chosen] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]!()))) register(program);

  // A mistyped command or option gets commander's "did you mean" and one usage line, not the whole help.
  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) command.showHelpAfterError(oneLineUsage(command));

  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`${nameCommands(error instanceof Error ? error.message : String(error))}\n`);
  process.exitCode = 2;
});
