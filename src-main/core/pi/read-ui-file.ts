/**
 * The text of models.json or settings.json for the UI's Config health view, which shows the spot
 * of each error. Only these two names are accepted: auth.json holds keys and never leaves the
 * main side.
 */
import type { FileText, ReadableFile } from "../common/index.js";
import { textVersion } from "../agent-state.js";
import type { AgentPaths } from "./agent-dir.js";
import { readPiFile } from "../files/read-pi-file.js";

export async function readUiFile(paths: AgentPaths, file: ReadableFile): Promise<FileText> {
  const path = file === "models.json" ? paths.models : paths.settings;
  try {
    const text = await readPiFile(path);
    return { path, text, version: textVersion(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { path, text: null, version: null };
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}
