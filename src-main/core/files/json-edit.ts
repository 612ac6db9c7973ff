/**
 * Format-preserving JSON edits: jsonc-parser's modify + applyEdits change only the spans they
 * must, so comments, unknown keys, key order and the user's indentation survive (the way VS Code
 * edits settings). Never JSON.stringify a re-parsed file.
 *
 * modify's own formatting reformats every line the edit touches, so the one-line model before an
 * appended one, or a one-line `compat` around a replaced routing, came back reflowed. We take
 * modify's exact, unformatted edit and format only the text it inserts; inside an object or array
 * the user keeps on one line, the new value stays compact on that line.
 *
 * Removals are ours, not modify's: jsonc-parser 3.3 corrupts the file when it removes the last
 * element of an array (`[1, 2, 3]` minus index 2 gives `[1, 23]`) and reformats neighbours when
 * it removes with formatting options, so a removal cuts exactly the member, its comma and the
 * comments on its own lines.
 */
import { applyEdits, createScanner, findNodeAtLocation, format, modify, parseTree, type FormattingOptions, type JSONPath, type Node, type SyntaxKind } from "jsonc-parser";

export interface JsonChange {
  path: JSONPath;
  /** undefined removes the value at path. */
  value: unknown;
}

/** Guess the file's indentation so inserted lines look like their neighbours. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indents = text.split(/\r?\n/).map((line) => /^([ \t]+)\S/.exec(line)?.[1]).filter((s): s is string => Boolean(s));
  if (indents.some((s) => s.startsWith("\t"))) return { insertSpaces: false, tabSize: 1, eol };
  const widths = indents.map((s) => s.length);
  const smallest = widths.length ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize: smallest > 0 && smallest <= 8 ? smallest : 2, eol };
}

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values, by name.
const Token = { Comma: 5, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const;

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
  if (!host?.children?.length) return applyEdits(text, modify(text, path, value, { formattingOptions }));
  const edits = modify(text, path, value, {});
  const isOneLine = !/[\r\n]/.test(text.slice(host.offset, host.offset + host.length));
  if (isOneLine) return applyEdits(text, edits.map((e) => ({ ...e, content: e.content.replace(/^,(?=\S)/, ", ") })));
  if (edits.length !== 1) return applyEdits(text, edits);
  const edit = edits[0]!;
  const next = applyEdits(text, [edit]);
  const start = edit.offset;
  const end = edit.offset + edit.content.length;
  // Only the whitespace inside the inserted text, and right after it, is the formatter's to change.
  const layout = format(next, { offset: start, length: end - start }, formattingOptions).filter((e) => e.offset >= start && e.offset <= end);
  return applyEdits(next, layout);
}

export function applyJsonChanges(text: string, changes: JsonChange[]): string {
  const source = text.trim() === "" ? "{}" : text;
  const formattingOptions = detectFormatting(source);
  let out = source;
  for (const change of changes) {
    if (change.value === undefined) out = removeAt(out, change.path) ?? out;
    else out = setAt(out, change.path, change.value, formattingOptions);
  }
  return out;
}
