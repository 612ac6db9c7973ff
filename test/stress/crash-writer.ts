/**
 * A Switchboard process that does nothing but write pi's files through the core's one write path,
 * as fast as it can, until it is killed: settings.json (under pi's lock) and models.json, each
 * write a new counter value. Usage: tsx crash-writer.ts <agentDir>; prints "ready" after the first
 * round, so the killer knows writes are under way.
 */
import { join } from "node:path";
import { writePiFile } from "../../src-main/core/edits/write-pi-file.js";
import { Backups } from "../../src-main/core/files/backup.js";
import { parseLenientJson, parseStrictJson } from "../../src-main/core/pi/pi-json.js";

const agentDir = process.argv[2]!;
const backups = new Backups(agentDir);
const levels = ["low", "medium", "high"];

for (let i = 0; ; i++) {
  await writePiFile({
    path: join(agentDir, "settings.json"),
    usePiLock: true,
    parse: parseStrictJson,
    changes: () => [
      { path: ["defaultThinkingLevel"], value: levels[i % levels.length] },
      { path: ["x-crash-counter"], value: i },
    ],
    backups,
  });
  await writePiFile({
    path: join(agentDir, "models.json"),
    usePiLock: true,
    parse: parseLenientJson,
    changes: () => [{ path: ["providers", "openrouter-bedrock", "compat", "openRouterRouting", "order"], value: ["amazon-bedrock", `p-${i}`] }],
    backups,
  });
  if (i === 0) process.stdout.write("ready\n");
}
