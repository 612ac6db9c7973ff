/**
 * Parse pi's files with pi's own leniency, no more and no less, and say where a parse failed.
 *
 * pi 0.7x reads models.json through a regex that drops `//` line comments and trailing commas
 * (not block comments), then JSON.parse; settings.json and auth.json go straight to JSON.parse.
 * We blank the same characters with spaces instead of deleting them, so the verdict is identical
 * but every offset JSON.parse reports still points into the user's original text.
 */
import { findNodeAtLocation, parse as parseJsonc, parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { FileProblem } from "../contract.js";

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; problem: FileProblem };

/** pi's stripJsonComments (model-registry.ts, pi 0.73), offset-preserving. */
export function blankJsonComments(input: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  return input
    .replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*/g, (m) => (m[0] === '"' ? m : blank(m)))
    .replace(/"(?:\\.|[^"\\])*"|,(\s*[}\]])/g, (m, tail: string | undefined) =>
      tail !== undefined ? ` ${tail}` : m,
    );
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** V8 reports "... at position N" for some errors and nothing for others; jsonc-parser's strict
 *  scan finds the same first error offset for those. */
function errorOffset(message: string, source: string): number | null {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (/Unexpected end of JSON input/.test(message)) return source.length;
  const errors: ParseError[] = [];
  parseJsonc(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? null;
}

/** V8 quotes a slice of the input ("Unexpected token 'x', "{"k": sk-or-…"... is not valid JSON");
 *  the slice may hold a secret, so only the part before it is kept. */
function sanitize(message: string): string {
  return message.replace(/, (?:\.\.\.)?".*$/s, "").replace(/ in JSON at position \d+.*$/s, "");
}

function hintFor(text: string, offset: number | null, lenient: boolean): string | undefined {
  if (text.charCodeAt(0) === 0xfeff) return "The file starts with a byte-order mark (BOM), which pi cannot read: save it as UTF-8 without BOM.";
  if (text.trim() === "") return "The file is empty: pi needs a JSON object here, at least {}.";
  const rest = offset === null ? "" : text.slice(offset, offset + 2);
  if (rest === "/*") return lenient ? "pi accepts // line comments here, but not /* block */ comments." : "Comments are not allowed in this file.";
  if (rest === "//" && !lenient) return "This file is read as strict JSON: remove the comment.";
  if (text.includes("\ufffd")) return "The file contains bytes that are not valid UTF-8.";
  return undefined;
}

function parseWith(text: string, source: string, lenient: boolean): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(message, source);
    const where = offset === null ? { line: null, column: null } : lineColumnAt(text, offset);
    const hint = hintFor(text, offset, lenient);
    return { ok: false, problem: { message: `Not valid JSON: ${sanitize(message)}`, ...where, ...(hint ? { hint } : {}) } };
  }
}

/** models.json as pi 0.7x reads it. */
export function parseLenientJson(text: string, options: { skipBom?: boolean } = {}): JsonParseResult {
  // pi 0.84.3+ strips a UTF-8 byte order mark first (stripBom); a space keeps every offset.
  if (options.skipBom && text.startsWith("\uFEFF")) text = ` ${text.slice(1)}`;
  // Plain JSON has no comment or trailing comma outside strings, so blanking would change
  // nothing: skip the two regex passes over (possibly megabytes of) text when it already parses.
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return parseWith(text, blankJsonComments(text), true);
  }
}

/** settings.json and auth.json as pi reads them. */
export function parseStrictJson(text: string): JsonParseResult {
  return parseWith(text, text, false);
}

/** Locates JSON paths in the user's text, for line and column. */
export class SourceLocator {
  private tree: JsonNode | undefined;
  constructor(private readonly text: string) {}

  at(path: (string | number)[]): { line: number | null; column: number | null } {
    this.tree ??= parseTree(this.text, [], { allowTrailingComma: true, disallowComments: false });
    if (!this.tree) return { line: null, column: null };
    // Walk up to the nearest existing ancestor, so a missing key points at its parent object.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, depth));
      if (node) {
        const offset = depth === path.length && node.parent?.type === "property" ? node.parent.offset : node.offset;
        return lineColumnAt(this.text, offset);
      }
    }
    return { line: null, column: null };
  }
}
