/**
 * Format-preserving JSON edits: jsonc-parser's modify + applyEdits change only the spans they
 * must, so comments, unknown keys, key order and the user's indentation survive (the way VS Code
 * edits settings). Never JSON.stringify a re-parsed file.
 *
 * modify's own formatting reformats every line the edit touches, so the one-line model before an
 * appended one, or a one-line `compat` around a replaced routing, came back reflowed. We take
 * modify's exact, unformatted edit and format only the text it inserts. Inside an object or array
 * the user keeps on one line, the new value stays on that line, spaced like the user's own
 * (`{ "only": ["b"] }`, never minified); when that line would grow past LINE_LIMIT, the one-line
 * object is laid out over several lines in the file's own indentation (tabs, 2 or 4 spaces).
 *
 * Removals are ours, not modify's: jsonc-parser 3.3 corrupts the file when it removes the last
 * element of an array (`[1, 2, 3]` minus index 2 gives `[1, 23]`) and reformats neighbours when
 * it removes with formatting options, so a removal cuts exactly the member, its comma and the
 * comments on its own lines.
 */
import { applyEdits, createScanner, findNodeAtLocation, format, getNodePath, modify, parseTree, type FormattingOptions, type JSONPath, type Node, type SyntaxKind } from "jsonc-parser";
import { Token } from "./jsonc-tokens.js";

export interface JsonChange {
  path: JSONPath;
  /** undefined removes the value at path. */
  value: unknown;
}

/**
 * The deepest nesting the edits take on. jsonc-parser's parseTree and modify recurse once per
 * level and run out of stack at a few thousand levels, where pi's JSON.parse reads on (a hostile
 * or generated file); pi's own files nest fewer than ten.
 */
export const MAX_EDIT_DEPTH = 1000;

/** Why the app will not edit `text`, named `file` in the message, or null. Found with the scanner, which does not recurse. */
export function editDepthProblem(text: string, file: string): string | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== Token.EOF; kind = scanner.scan()) {
    if (kind === Token.CloseBrace || kind === Token.CloseBracket) depth--;
    else if ((kind === Token.OpenBrace || kind === Token.OpenBracket) && ++depth > MAX_EDIT_DEPTH) {
      const where = `line ${scanner.getTokenStartLine() + 1}, column ${scanner.getTokenStartCharacter() + 1}`;
      return `${file} nests more than ${MAX_EDIT_DEPTH.toLocaleString("en-US")} levels deep (${where}). pi reads it, but the app edits files nested at most that deep, so it was left untouched: flatten or remove that value by hand, then try again.`;
    }
  }
  return null;
}

/** applyJsonChanges on a file nested deeper than jsonc-parser's recursion reaches. */
export class JsonTooDeepError extends Error {}

/** Guess the file's indentation so inserted lines look like their neighbours. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indents = text.split(/\r?\n/).map((line) => /^([ \t]+)\S/.exec(line)?.[1]).filter((s): s is string => Boolean(s));
  if (indents.some((s) => s.startsWith("\t"))) return { insertSpaces: false, tabSize: 1, eol };
  const widths = indents.map((s) => s.length);
  const smallest = widths.length ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize: smallest > 0 && smallest <= 8 ? smallest : 2, eol };
}


/** A one-line object or array longer than this (with its line's indent and neighbours) is laid out over several lines. */
export const LINE_LIMIT = 120;

/** Compact JSON text (no comments) spaced the way people write one-line JSON: `{ "a": [1, 2] }`. */
export function spacedInline(json: string): string {
  const scanner = createScanner(json, true);
  let out = "";
  let previous: number | null = null;
  for (let t = scanner.scan(); t !== Token.EOF; previous = t, t = scanner.scan()) {
    if (t === Token.Trivia || t === Token.LineBreak) continue;
    if (t === Token.CloseBrace && previous !== Token.OpenBrace && previous !== null) out += " ";
    else if (previous === Token.OpenBrace && t !== Token.CloseBrace) out += " ";
    else if (previous === Token.Colon || previous === Token.Comma) out += " ";
    out += json.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
  }
  return out;
}

const isScalar = (v: unknown) => v === null || typeof v !== "object";

/** A value over several lines at `indent`, one step being `unit`; arrays of scalars stay on one line (`"only": ["a", "b"]`). */
export function layoutJson(value: unknown, unit: string, indent: string, eol: string): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return spacedInline(JSON.stringify(value));
    const inner = indent + unit;
    return `[${eol}${value.map((v) => inner + layoutJson(v, unit, inner, eol)).join(`,${eol}`)}${eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return "{}";
  const inner = indent + unit;
  return `{${eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layoutJson(v, unit, inner, eol)}`).join(`,${eol}`)}${eol}${indent}}`;
}

/** The text's JSON without whitespace and trailing commas; null when it holds a comment (a rewrite would lose it). */
function compactJson(text: string): string | null {
  const scanner = createScanner(text, false);
  const tokens: { kind: number; text: string }[] = [];
  for (let t = scanner.scan(); t !== Token.EOF; t = scanner.scan()) {
    if (isComment(t)) return null;
    if (t === Token.Trivia || t === Token.LineBreak) continue;
    tokens.push({ kind: t, text: text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()) });
  }
  return tokens.filter((tok, i) => !(tok.kind === Token.Comma && (tokens[i + 1]?.kind === Token.CloseBrace || tokens[i + 1]?.kind === Token.CloseBracket))).map((tok) => tok.text).join("");
}

function setDeep(container: unknown, path: JSONPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const current = container && typeof container === "object" ? (container as Record<string | number, unknown>) : typeof key === "number" ? [] : {};
  const child = (current as Record<string | number, unknown>)[key!];
  (current as Record<string | number, unknown>)[key!] = setDeep(child, rest, value);
  return current;
}

/**
 * The value set inside a one-line host that has grown too long, by laying the host out over
 * several lines in the file's indentation. null when the host's text would not survive a rewrite
 * byte for byte apart from spacing (comments, `1.0`, numeric keys): the caller keeps it on one line.
 */
function expandOneLineHost(text: string, host: Node, path: JSONPath, value: unknown, options: FormattingOptions): string | null {
  const end = host.offset + host.length;
  const compact = compactJson(text.slice(host.offset, end));
  if (compact === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(compact);
  } catch {
    return null;
  }
  if (JSON.stringify(parsed) !== compact) return null;
  const next = setDeep(parsed, path.slice(getNodePath(host).length), value);
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf("\n", host.offset - 1) + 1))![0];
  const unit = options.insertSpaces ? " ".repeat(options.tabSize ?? 2) : "\t";
  return text.slice(0, host.offset) + layoutJson(next, unit, indent, options.eol ?? "\n") + text.slice(end);
}

/** The length of the line holding `offset`. */
function lineLength(text: string, offset: number): number {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return (end === -1 ? text.length : end) - start;
}

const isComment = (t: SyntaxKind) => t === Token.LineComment || t === Token.BlockComment;

/** Where the comments on the member's own lines before it start (they describe it). */
function leadingCommentsStart(text: string, from: number, member: Node): number {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  let sawBreak = false;
  let start = member.offset;
  for (let t = scanner.scan(); scanner.getTokenOffset() < member.offset && t !== Token.EOF; t = scanner.scan()) {
    if (t === Token.LineBreak) sawBreak = true;
    else if (isComment(t) && sawBreak && start === member.offset) start = scanner.getTokenOffset();
  }
  return start;
}

/** The end of the member with its comma and comments on the same line; with `untilNext`, up to
 *  the next token on a later line (so the next member keeps the indentation the removed one had). */
function memberEnd(text: string, member: Node, untilNext: boolean): number {
  const scanner = createScanner(text, false);
  scanner.setPosition(member.offset + member.length);
  let end = member.offset + member.length;
  for (let t = scanner.scan(); t !== Token.EOF; t = scanner.scan()) {
    if (t === Token.Trivia) continue;
    if (t === Token.Comma || isComment(t)) {
      end = scanner.getTokenOffset() + scanner.getTokenLength();
      continue;
    }
    if (t === Token.LineBreak && untilNext) {
      for (t = scanner.scan(); t === Token.Trivia || t === Token.LineBreak; t = scanner.scan());
      return scanner.getTokenOffset();
    }
    return end;
  }
  return end;
}

/** Text without the value at path, or null when there is nothing to remove. */
function removeAt(text: string, path: JSONPath): string | null {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const value = tree && path.length > 0 ? findNodeAtLocation(tree, path) : undefined;
  if (!value?.parent) return null;
  const member = value.parent.type === "property" ? value.parent : value;
  const container = member.parent!;
  const siblings = container.children ?? [];
  const i = siblings.indexOf(member);
  if (siblings.length === 1) return text.slice(0, container.offset + 1) + text.slice(container.offset + container.length - 1);
  if (i < siblings.length - 1) {
    const previousEnd = i > 0 ? siblings[i - 1]!.offset + siblings[i - 1]!.length : container.offset + 1;
    return text.slice(0, leadingCommentsStart(text, previousEnd, member)) + text.slice(memberEnd(text, member, true));
  }
  // The last member: the one before it loses its comma but keeps the comments on its line.
  const previous = siblings[i - 1]!;
  const previousEnd = memberEnd(text, previous, false);
  const comma = text.indexOf(",", previous.offset + previous.length);
  return text.slice(0, comma) + text.slice(comma + 1, previousEnd) + text.slice(memberEnd(text, member, false));
}

/** The object or array that receives the value at path: its parent when the value exists, else
 *  the deepest container that does. */
function hostOf(tree: Node, path: JSONPath): Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (!node) continue;
    if (depth < path.length) return node;
    return node.parent?.type === "property" ? node.parent.parent : node.parent;
  }
  return undefined;
}

function setAt(text: string, path: JSONPath, value: unknown, formattingOptions: FormattingOptions): string {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const host = tree && hostOf(tree, path);
  // An empty `{}` or `[]` holds nothing of the user's to reflow: modify may lay it out.
  if (!host?.children?.length) return collapseScalarLists(applyEdits(text, modify(text, path, value, { formattingOptions })), path, value);
  const edits = modify(text, path, value, {});
  const isOneLine = !/[\r\n]/.test(text.slice(host.offset, host.offset + host.length));
  if (isOneLine) {
    const inline = applyEdits(text, edits.map((e) => ({ ...e, content: spacedInline(e.content) })));
    return lineLength(inline, host.offset) <= LINE_LIMIT ? inline : (expandOneLineHost(text, host, path, value, formattingOptions) ?? inline);
  }
  if (edits.length !== 1) return applyEdits(text, edits);
  const edit = edits[0]!;
  const next = applyEdits(text, [edit]);
  const start = edit.offset;
  const end = edit.offset + edit.content.length;
  // Only the whitespace inside the inserted text, and right after it, is the formatter's to change.
  const layout = format(next, { offset: start, length: end - start }, formattingOptions).filter((e) => e.offset >= start && e.offset <= end);
  return collapseScalarLists(applyEdits(next, layout), path, value);
}

const SCALAR_NODES = new Set(["string", "number", "boolean", "null"]);

/**
 * The formatter puts every array element on a line of its own; inside an inserted object, a list
 * of plain values reads better on one line (`"only": ["a", "b"]`, as layoutJson writes it), as
 * long as that line stays short. A value that is itself a list (enabledModels) keeps one entry
 * per line.
 */
function collapseScalarLists(text: string, path: JSONPath, value: unknown): string {
  if (isScalar(value) || Array.isArray(value)) return text;
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const inserted = tree && findNodeAtLocation(tree, path);
  if (!inserted) return text;
  const lists: Node[] = [];
  const visit = (node: Node) => {
    if (node.type === "array" && node.children?.length && node.children.every((c) => SCALAR_NODES.has(c.type))) lists.push(node);
    else node.children?.forEach(visit);
  };
  visit(inserted);
  let out = text;
  // Last first, so earlier offsets stay valid.
  for (const list of lists.sort((a, b) => b.offset - a.offset)) {
    const listText = out.slice(list.offset, list.offset + list.length);
    const compact = /[\r\n]/.test(listText) ? compactJson(listText) : null;
    if (compact === null) continue;
    const next = out.slice(0, list.offset) + spacedInline(compact) + out.slice(list.offset + list.length);
    if (lineLength(next, list.offset) <= LINE_LIMIT) out = next;
  }
  return out;
}

/**
 * The text with the changes made. Callers check editDepthProblem once, where the file enters an
 * edit, for a message that says where; a file nested past jsonc-parser's stack that reaches this
 * anyway fails with JsonTooDeepError, not a RangeError (caught, so no second scan per call).
 */
export function applyJsonChanges(text: string, changes: JsonChange[]): string {
  const source = text.trim() === "" ? "{}" : text;
  const formattingOptions = detectFormatting(source);
  let out = source;
  try {
    for (const change of changes) {
      if (change.value === undefined) out = removeAt(out, change.path) ?? out;
      else out = setAt(out, change.path, change.value, formattingOptions);
    }
  } catch (error) {
    if (error instanceof RangeError) throw new JsonTooDeepError(`The file nests too deep for the app to edit (more than ${MAX_EDIT_DEPTH.toLocaleString("en-US")} levels), so it was left untouched.`);
    throw error;
  }
  return out;
}
