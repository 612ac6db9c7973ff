/**
 * `pi-switchboard` on the command line: the same core as the app, for terminals, scripts and
 * machines without a tray. Each command lives in commands/; this file only wires them to argv.
 */
import { Command } from "commander";
import { registerCatalog } from "./commands/catalog.js";
import { registerCheck } from "./commands/check.js";
import { registerKey } from "./commands/key.js";
import { registerModels } from "./commands/models.js";
import { registerServe } from "./commands/serve.js";
import { registerTest } from "./commands/test.js";
import { registerUse } from "./commands/use.js";

const program = new Command()
  .name("pi-switchboard")
  .description("See and change what the pi coding agent uses: models, scope, routing, keys.")
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerModels(program);
registerUse(program);
registerCheck(program);
registerCatalog(program);
registerTest(program);
registerKey(program);
registerServe(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
