/**
 * The command every CLI hint names: what the user ran (`npm run cli --` from a clone, the installed
 * `pi-switchboard` otherwise), and core messages rewritten to it.
 */
import { describe, expect, it } from "vitest";
import { cliCommand, cliHint, nameCommands } from "../../../src-main/cli/cli-command.js";

describe("cliCommand", () => {
  it("is `npm run cli --` under npm's cli script, even from a built file", () => {
    expect(cliCommand({ npm_lifecycle_event: "cli" }, "/opt/app/out/cli/main.js")).toBe("npm run cli --");
  });

  it("is `npm run cli --` when the TypeScript source runs (a clone, tsx without npm)", () => {
    expect(cliCommand({}, "/home/u/pi-switchboard/src-main/cli/cli-command.ts")).toBe("npm run cli --");
  });

  it("is `pi-switchboard` when installed, whatever other npm script started it", () => {
    expect(cliCommand({}, "/usr/lib/node_modules/pi-switchboard/out/cli/cli-command.js")).toBe("pi-switchboard");
    expect(cliCommand({ npm_lifecycle_event: "start" }, "/usr/lib/node_modules/pi-switchboard/out/cli/cli-command.js")).toBe("pi-switchboard");
  });
});

describe("cliHint and nameCommands", () => {
  it("a hint is the whole command to type", () => {
    expect(cliHint("key set", "npm run cli --")).toBe("`npm run cli -- key set`");
  });

  it("rewrites every `pi-switchboard …` command in a core message, and nothing else", () => {
    const core = "Store a key (`pi-switchboard key set` then `key connect`), or run `pi-switchboard catalog x/y`; pi-switchboard stores it under the service pi-switchboard.";
    expect(nameCommands(core, "npm run cli --")).toBe(
      "Store a key (`npm run cli -- key set` then `key connect`), or run `npm run cli -- catalog x/y`; pi-switchboard stores it under the service pi-switchboard.",
    );
    expect(nameCommands(core, "pi-switchboard")).toBe(core);
  });
});
