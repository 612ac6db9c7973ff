/**
 * Format-preserving JSON edits: jsonc-parser's modify + applyEdits change only the spans they
 * must, so comments, unknown keys, key order and the user's indentation survive (the way VS Code
 * edits settings). Never JSON.stringify a re-parsed file.
 */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from "jsonc-parser";

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

export function applyJsonChanges(text: string, changes: JsonChange[]): string {
  const source = text.trim() === "" ? "{}" : text;
  const formattingOptions = detectFormatting(source);
  let out = source;
  for (const change of changes) {
    const edits = modify(out, change.path, change.value, { formattingOptions });
    out = applyEdits(out, edits);
  }
  return out;
}
