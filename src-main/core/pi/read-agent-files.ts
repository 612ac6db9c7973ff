/**
 * Read pi's three files from the agent dir, and the models-store.json pi 0.80.8+ keeps there. pi writes settings.json and auth.json in place (not
 * by rename), so a read can land in the middle of pi's write: when one of them fails to parse we
 * read it again after a short pause before reporting it broken.
 */
import type { AgentFiles, FileText } from "../agent-state.js";
import { join } from "node:path";
import { agentPaths, MODELS_STORE } from "./agent-dir.js";
import { parseStrictJson } from "./pi-json.js";
import { PiFileReadError, readPiFile } from "../files/read-pi-file.js";

const RETRY_DELAYS_MS = [15, 40, 100];

export async function readText(path: string): Promise<FileText> {
  try {
    return { path, text: await readPiFile(path) };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ENOENT" || e.code === "ENOTDIR") return { path, text: null };
    if (error instanceof PiFileReadError) return { path, text: null, readError: error.message };
    const why = e.code === "EACCES" || e.code === "EPERM" ? "permission denied: give your user read access" : e.code === "EISDIR" ? "it is a directory, not a file" : e.message;
    return { path, text: null, readError: `Cannot read ${path}: ${why}.` };
  }
}

async function readSettled(path: string): Promise<FileText> {
  let file = await readText(path);
  for (const delay of RETRY_DELAYS_MS) {
    if (file.text === null || parseStrictJson(file.text).ok) return file;
    await new Promise((r) => setTimeout(r, delay));
    file = await readText(path);
  }
  return file;
}

export async function readAgentFiles(dir: string, options: { settle?: boolean } = {}): Promise<AgentFiles> {
  const paths = agentPaths(dir);
  const read = options.settle === false ? readText : readSettled;
  const [models, settings, auth, modelsStore] = await Promise.all([readText(paths.models), read(paths.settings), read(paths.auth), readText(join(dir, MODELS_STORE))]);
  return { models, settings, auth, modelsStore };
}
