/**
 * Parse pi's files with pi's own leniency, no more and no less, and say where a parse failed.
 *
 * pi 0.7x reads models.json through a regex that drops `//` line comments and trailing commas
 * (not block comments), then JSON.parse; settings.json and auth.json go straight to JSON.parse.
 * We blank the same characters with spaces instead of deleting them, so the verdict is identical
 * but every offset JSON.parse reports still points into the user's original text.
 */
import { createScanner, parse as parseJsonc, type ParseError, type SyntaxKind } from "jsonc-parser";
import { NO_SCAN_ERROR, Token } from "../files/jsonc-tokens.js";
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
  try {
    parseJsonc(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser descends one call per nesting level: a few thousand `[` overflow the stack
    // (JSON.parse, pi's parser, does not), so such a file is walked without recursion.
    if (!(error instanceof RangeError)) throw error;
    return firstSyntaxError(source);
  }
  return errors[0]?.offset ?? null;
}

const VALUE_TOKENS = new Set<SyntaxKind>([Token.String, Token.Number, Token.True, Token.False, Token.Null]);

/** The offset of strict JSON's first syntax error, found with a stack of open containers instead of recursion. */
function firstSyntaxError(source: string): number | null {
  const scanner = createScanner(source, true);
  const open: SyntaxKind[] = [];
  // What may come next: a value, an object key, a colon, or a comma/close after a value.
  let expect: "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "after" = "value";
  for (;;) {
    const kind = scanner.scan();
    const at = scanner.getTokenOffset();
    if (scanner.getTokenError() !== NO_SCAN_ERROR) return at;
    const closes = kind === Token.CloseBrace || kind === Token.CloseBracket;
    if (closes && (expect === "after" || expect === (kind === Token.CloseBrace ? "keyOrClose" : "valueOrClose"))) {
      if (open.pop() !== (kind === Token.CloseBrace ? Token.OpenBrace : Token.OpenBracket)) return at;
      expect = "after";
    } else if (kind === Token.EOF) {
      return expect === "after" && open.length === 0 ? null : at;
    } else if (expect === "after") {
      if (kind !== Token.Comma || open.length === 0) return at;
      expect = open.at(-1) === Token.OpenBrace ? "key" : "value";
    } else if (expect === "key" || expect === "keyOrClose") {
      if (kind !== Token.String) return at;
      expect = "colon";
    } else if (expect === "colon") {
      if (kind !== Token.Colon) return at;
      expect = "value";
    } else if (kind === Token.OpenBrace || kind === Token.OpenBracket) {
      open.push(kind);
      expect = kind === Token.OpenBrace ? "keyOrClose" : "valueOrClose";
    } else if (VALUE_TOKENS.has(kind)) {
      expect = "after";
    } else {
      return at;
    }
  }
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
/** A path's place: where it points (a member's key, an element's value) and where its value begins (each value, for a key written twice). */
interface Spot {
  offset: number;
  values: number[];
  /** Its members (object keys, array indexes as text), scanned when first asked for. */
  members?: Map<string, Spot>;
}

const enum Char {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Star = 42,
  Comma = 44,
  Slash = 47,
  Colon = 58,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
  Bom = 0xfeff,
}

/**
 * Where a JSON path sits in the text, for errors and warnings, in pi's leniency (comments,
 * trailing commas). Lazy: a container's members are found when a path first goes through it, by
 * one scan of that container that skips over the values it does not enter, so a warning on one
 * provider of a 2 MB models.json reads the providers and that provider, not all 10,000 models
 * (indexing every property first was a third of loading such a file). The first of duplicate keys
 * wins, and their members merge, as jsonc-parser's findNodeAtLocation answered before. Text that
 * is not JSON ends a container's scan where it stops making sense: a path past that point is
 * answered with its nearest ancestor.
 */
export class SourceLocator {
  private readonly root: Spot = { offset: 0, values: [0] };
  /**
   * Offsets where each line starts: many warnings in a large file each find their line in O(log n).
   * A typed array: a 2 MB file has ~100,000 lines, and a growing number[] cost five times the time.
   */
  private lineStarts: Uint32Array | undefined;
  /**
   * Where each container skipped over so far ends, by where it starts: a warning on a provider
   * skips all of `providers`, and one on a member of that provider then skips its `models` again;
   * with this the second skip is a lookup (100 providers' warnings read a 2 MB file twice). Only
   * the skipped container's children and grandchildren are kept: those are what the next two
   * levels of a path skip; a deeper path reads its own subtree once more. (Keeping every one of a
   * 2 MB file's 60,000 objects and arrays cost more than reading the file.)
   */
  private readonly containerEnds = new Map<number, number>();
  constructor(private readonly text: string) {}

  private member(spot: Spot, segment: string): Spot | undefined {
    if (!spot.members) {
      spot.members = new Map();
      for (const value of spot.values) this.scanMembers(value, spot.members);
    }
    return spot.members.get(segment);
  }

  private scanMembers(start: number, into: Map<string, Spot>): void {
    const text = this.text;
    let i = this.skipBlank(start);
    const open = text.charCodeAt(i);
    if (open !== Char.OpenBrace && open !== Char.OpenBracket) return;
    const isArray = open === Char.OpenBracket;
    let index = 0;
    i++;
    for (;;) {
      i = this.skipBlank(i);
      if (i >= text.length) return;
      const c = text.charCodeAt(i);
      if (c === Char.CloseBrace || c === Char.CloseBracket) return;
      if (c === Char.Comma) {
        i++;
        continue;
      }
      const at = i;
      let key: string;
      if (isArray) {
        key = String(index++);
      } else {
        if (c !== Char.Quote) return;
        const end = this.skipString(i);
        const raw = text.slice(i, end);
        try {
          key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        } catch {
          return;
        }
        i = this.skipBlank(end);
        if (text.charCodeAt(i) !== Char.Colon) return;
        i = this.skipBlank(i + 1);
      }
      const existing = into.get(key);
      if (existing) existing.values.push(i);
      else into.set(key, { offset: at, values: [i] });
      i = this.skipValue(i);
    }
  }

  /** Past whitespace and comments. */
  private skipBlank(from: number): number {
    const text = this.text;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === Char.Space || c === Char.Newline || c === Char.Return || c === Char.Tab || c === Char.Bom) i++;
      else if (c === Char.Slash && text.charCodeAt(i + 1) === Char.Slash) {
        const end = text.indexOf("\n", i);
        i = end === -1 ? text.length : end + 1;
      } else if (c === Char.Slash && text.charCodeAt(i + 1) === Char.Star) {
        const end = text.indexOf("*/", i + 2);
        i = end === -1 ? text.length : end + 2;
      } else break;
    }
    return i;
  }

  /** Past the string that starts at `from` (its closing quote included). */
  private skipString(from: number): number {
    const text = this.text;
    for (let i = from + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === Char.Backslash) i++;
      else if (c === Char.Quote) return i + 1;
    }
    return text.length;
  }

  /** Past the value that starts at `from`: a string, a container with everything in it, or a literal. */
  private skipValue(from: number): number {
    const text = this.text;
    const first = text.charCodeAt(from);
    if (first === Char.Quote) return this.skipString(from);
    if (first !== Char.OpenBrace && first !== Char.OpenBracket) {
      let i = from;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === Char.Comma || c === Char.CloseBrace || c === Char.CloseBracket || c === Char.Slash || c === Char.Space || c === Char.Newline || c === Char.Return || c === Char.Tab) break;
        i++;
      }
      return Math.max(i, from + 1);
    }
    const known = this.containerEnds.get(from);
    if (known !== undefined) return known;
    // Where each container still open starts; each one closed is remembered with its end.
    const open: number[] = [];
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === Char.Quote) {
        i = this.skipString(i);
        continue;
      }
      if (c === Char.Slash && (text.charCodeAt(i + 1) === Char.Slash || text.charCodeAt(i + 1) === Char.Star)) {
        i = this.skipBlank(i);
        continue;
      }
      if (c === Char.OpenBrace || c === Char.OpenBracket) open.push(i);
      else if (c === Char.CloseBrace || c === Char.CloseBracket) {
        const start = open.pop()!;
        if (open.length <= 2) this.containerEnds.set(start, i + 1);
        if (open.length === 0) return i + 1;
      }
      i++;
    }
    return text.length;
  }

  private lineColumn(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      let lines = 1;
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) lines++;
      this.lineStarts = new Uint32Array(lines);
      let line = 1;
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) this.lineStarts[line++] = i + 1;
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
    let spot = this.root;
    for (const segment of path) {
      const next = this.member(spot, String(segment));
      if (!next) break;
      spot = next;
    }
    return this.lineColumn(spot.offset);
  }
}
