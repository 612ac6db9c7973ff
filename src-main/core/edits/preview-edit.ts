/**
 * What a command would write, without writing: the routing editor and the providers view show
 * this diff for models.json, the scope editor for settings.json (setScope), before the user saves.
 * Same edit functions and the same text edit as service.execute, so the preview is the write,
 * minus the rename.
 */
import { readPiFile } from "../files/read-pi-file.js";
import type { ActionResult, Command, FilePreview } from "../common/index.js";
import { textVersion } from "../agent-state.js";
import { checkCommand } from "./command-schema.js";
import { applyJsonChanges, editDepthProblem, type JsonChange } from "../files/json-edit.js";
import { parseLenientJson, parseStrictJson, type JsonParseResult } from "../pi/pi-json.js";
import type { AgentPaths } from "../pi/agent-dir.js";
import * as modelEdits from "./model-edits.js";
import * as settingsEdits from "./settings-edits.js";
import { EditError } from "./write-pi-file.js";

function modelsChanges(command: Command, file: unknown): JsonChange[] | null {
  switch (command.type) {
    case "upsertProvider": return modelEdits.upsertProvider(file, command.provider, command.fields);
    case "removeProvider": return modelEdits.removeProvider(file, command.provider);
    case "upsertModel": return modelEdits.upsertModel(file, command.provider, command.model);
    case "addModel": return modelEdits.addModel(file, command);
    case "removeModel": return modelEdits.removeModel(file, command.provider, command.id);
    case "setOverride": return modelEdits.setOverride(file, command.provider, command.id, command.override);
    case "setRouting": return modelEdits.setRouting(file, command.target, command.routing);
    case "applyRouting": return modelEdits.applyRouting(file, command.targets);
    default: return null;
  }
}

/** settings.json commands that need nothing but the file (useModel and setThinkingLevel need the service's models and rules). */
function settingsChanges(command: Command): JsonChange[] | null {
  return command.type === "setScope" ? settingsEdits.setScope(command.patterns) : null;
}

interface PreviewTarget {
  path: string;
  parse(text: string): JsonParseResult;
  changes(command: Command, file: unknown): JsonChange[] | null;
  fileName: string;
}

async function previewFileCommand(target: PreviewTarget, input: unknown): Promise<ActionResult<FilePreview>> {
  const { path } = target;
  const checked = checkCommand(input);
  if (!checked.ok) return { ok: false, error: { code: "invalid-input", message: checked.message } };
  let text: string | null = null;
  try {
    text = await readPiFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { ok: false, error: { code: "io", message: `Cannot read ${path}: ${(error as Error).message}`, file: path } };
  }
  let value: unknown = {};
  if (text !== null && text.trim() !== "") {
    const parsed = target.parse(text);
    if (!parsed.ok) return { ok: false, error: { code: "unparseable-file", message: `${path} does not parse; fix it in Config health first.`, file: path } };
    value = parsed.value;
    const tooDeep = editDepthProblem(text, path);
    if (tooDeep) return { ok: false, error: { code: "unparseable-file", message: tooDeep, file: path } };
  }
  try {
    const changes = target.changes(checked.command, value);
    if (!changes) return { ok: false, error: { code: "invalid-input", message: `A preview of ${target.fileName} is not available for ${checked.command.type}.` } };
    const after = changes.length ? applyJsonChanges(text ?? "", changes) : (text ?? "");
    return { ok: true, value: { path, before: text, after, version: textVersion(text) } };
  } catch (error) {
    if (error instanceof EditError) return { ok: false, error: error.error };
    throw error;
  }
}

export function previewModelsCommand(modelsPath: string, input: unknown): Promise<ActionResult<FilePreview>> {
  return previewFileCommand({ path: modelsPath, parse: parseLenientJson, changes: modelsChanges, fileName: "models.json" }, input);
}

/** The preview of a command on the file it writes: setScope on settings.json, the rest on models.json. */
export function previewCommand(paths: Pick<AgentPaths, "models" | "settings">, input: unknown): Promise<ActionResult<FilePreview>> {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === "setScope") return previewFileCommand({ path: paths.settings, parse: parseStrictJson, changes: settingsChanges, fileName: "settings.json" }, input);
  return previewModelsCommand(paths.models, input);
}
