/**
 * Parse pi's files with pi's own leniency, no more and no less, and say where a parse failed.
 *
 * pi 0.7x reads models.json through a regex that drops `//` line comments and trailing commas
 * (not block comments), then JSON.parse; settings.json and auth.json go straight to JSON.parse.
 * We blank the same characters with spaces instead of deleting them, so the verdict is identical
 * but every offset JSON.parse reports still points into the user's original text.
 */
import { parse as parseJsonc, visit, type ParseError } from "jsonc-parser";
import type { FileProblem } from "../common/index.js";

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
/** Where a value starts, and its members' (object keys, array indexes as text), made on first sight. */
interface Spot {
  offset: number;
  members?: Map<string, Spot>;
}

/**
 * Where a JSON path sits in the text, for errors and warnings. One pass with jsonc-parser's
 * visitor records where every property and array element starts (no tree of values: a 2 MB
 * models.json with a warning per provider stays fast), built on the first question only. The
 * offsets are a tree keyed by one path segment each: a flat map keyed by whole paths built and
 * hashed a long string per property, a third of loading 10,000 models.
 */
export class SourceLocator {
  private root: Spot | undefined;
  /** Offsets where each line starts: many warnings in a large file each find their line in O(log n). */
  private lineStarts: number[] | undefined;
  constructor(private readonly text: string) {}

  private index(): Spot {
    if (this.root) return this.root;
    const root: Spot = { offset: 0 };
    // The first of duplicate keys wins (and their members merge), as jsonc-parser's findNodeAtLocation answered before.
    const member = (parent: Spot, segment: string, offset: number): Spot => {
      parent.members ??= new Map();
      let spot = parent.members.get(segment);
      if (!spot) parent.members.set(segment, (spot = { offset }));
      return spot;
    };
    // The open containers, each with the member being visited (an object's) or the last index (an array's).
    const stack: { spot: Spot; isArray: boolean; index: number; current: Spot }[] = [];
    const startValue = (offset: number): Spot => {
      const top = stack[stack.length - 1];
      if (!top) return root;
      if (!top.isArray) return top.current;
      top.index++;
      return (top.current = member(top.spot, String(top.index), offset));
    };
    const open = (offset: number, isArray: boolean) => {
      const spot = startValue(offset);
      stack.push({ spot, isArray, index: -1, current: spot });
    };
    visit(
      this.text,
      {
        onObjectBegin: (offset) => open(offset, false),
        onArrayBegin: (offset) => open(offset, true),
        onObjectEnd: () => void stack.pop(),
        onArrayEnd: () => void stack.pop(),
        onObjectProperty: (property, offset) => {
          const top = stack[stack.length - 1]!;
          top.current = member(top.spot, property, offset);
        },
        onLiteralValue: (_value, offset) => void startValue(offset),
      },
      { allowTrailingComma: true, disallowComments: false },
    );
    return (this.root = root);
  }

  private lineColumn(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
    }
    const end = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= end) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: end - this.lineStarts[lo]! + 1 };
  }

  at(path: (string | number)[]): { line: number | null; column: number | null } {
    if (this.text.trim() === "") return { line: null, column: null };
    // The nearest existing ancestor, so a missing key points at its parent.
    let spot = this.index();
    for (const segment of path) {
      const next = spot.members?.get(String(segment));
      if (!next) break;
      spot = next;
    }
    return this.lineColumn(spot.offset);
  }
}
