/**
 * `pi-switchboard` on the command line: the same core as the app, for terminals, scripts and
 * machines without a tray. Each command lives in commands/; this file only wires them to argv.
 */
import { Command } from "commander";
import { cliCommand, nameCommands } from "./cli-command.js";
import { registerCatalog } from "./commands/catalog.js";
import { registerCheck } from "./commands/check.js";
import { registerKey } from "./commands/key.js";
import { registerModels } from "./commands/models.js";
import { registerServe } from "./commands/serve.js";
import { registerTest } from "./commands/test.js";
import { registerUse } from "./commands/use.js";
import { oneLineUsage, tidyCommanderError } from "./usage-line.js";

// --help and every usage line show the command as the user runs it (`npm run cli --` from a clone).
const program = new Command()
  .name(cliCommand())
  .usage("<command> [options]")
  .description("See and change what the pi coding agent uses: models, scope, routing, keys.")
  .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(tidyCommanderError(s)) });

registerModels(program);
registerUse(program);
registerCheck(program);
registerCatalog(program);
registerTest(program);
registerKey(program);
registerServe(program);

// A mistyped command or option gets commander's "did you mean" and one usage line, not the whole help.
for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) command.showHelpAfterError(oneLineUsage(command));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${nameCommands(error instanceof Error ? error.message : String(error))}\n`);
  process.exitCode = 2;
});
