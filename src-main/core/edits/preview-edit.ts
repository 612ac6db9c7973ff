/**
 * What a models.json command would write, without writing: the routing editor and the providers
 * view show this diff before the user saves. Same edit functions and the same text edit as
 * service.execute, so the preview is the write, minus the rename.
 */
import { readPiFile } from "../files/read-pi-file.js";
import type { ActionResult, Command, FilePreview } from "../contract.js";
import { textVersion } from "../agent-state.js";
import { checkCommand } from "../command-schema.js";
import { applyJsonChanges, type JsonChange } from "../files/json-edit.js";
import { parseLenientJson } from "../pi/pi-json.js";
import * as modelEdits from "./model-edits.js";
import { EditError } from "./write-pi-file.js";

function modelsChanges(command: Command, file: unknown): JsonChange[] | null {
  switch (command.type) {
    case "upsertProvider": return modelEdits.upsertProvider(file, command.provider, command.fields);
    case "removeProvider": return modelEdits.removeProvider(file, command.provider);
    case "upsertModel": return modelEdits.upsertModel(file, command.provider, command.model);
    case "removeModel": return modelEdits.removeModel(file, command.provider, command.id);
    case "setOverride": return modelEdits.setOverride(file, command.provider, command.id, command.override);
    case "setRouting": return modelEdits.setRouting(file, command.target, command.routing);
    default: return null;
  }
}

export async function previewModelsCommand(modelsPath: string, input: unknown): Promise<ActionResult<FilePreview>> {
  const checked = checkCommand(input);
  if (!checked.ok) return { ok: false, error: { code: "invalid-input", message: checked.message } };
  let text: string | null = null;
  try {
    text = await readPiFile(modelsPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { ok: false, error: { code: "io", message: `Cannot read ${modelsPath}: ${(error as Error).message}`, file: modelsPath } };
  }
  let value: unknown = {};
  if (text !== null && text.trim() !== "") {
    const parsed = parseLenientJson(text);
    if (!parsed.ok) return { ok: false, error: { code: "unparseable-file", message: `${modelsPath} does not parse; fix it in Config health first.`, file: modelsPath } };
    value = parsed.value;
  }
  try {
    const changes = modelsChanges(checked.command, value);
    if (!changes) return { ok: false, error: { code: "invalid-input", message: `A preview is only available for models.json commands, not ${checked.command.type}.` } };
    const after = changes.length ? applyJsonChanges(text ?? "", changes) : (text ?? "");
    return { ok: true, value: { path: modelsPath, before: text, after, version: textVersion(text) } };
  } catch (error) {
    if (error instanceof EditError) return { ok: false, error: error.error };
    throw error;
  }
}
