/**
 * A line diff for the "review before saving" step. Edits to pi's files are local, so the common
 * head and tail are trimmed first and the quadratic LCS only runs on the small changed middle.
 */
export interface DiffLine {
  kind: "same" | "add" | "remove";
  text: string;
  /** 1-based line in the old file (same/remove) or the new file (add). */
  line: number;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: am.length + 1 }, () => new Array<number>(bm.length + 1).fill(0));
  for (let i = am.length - 1; i >= 0; i--) {
    for (let j = bm.length - 1; j >= 0; j--) {
      lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = a.slice(0, head).map((text, i) => ({ kind: "same", text, line: i + 1 }));
  let i = 0;
  let j = 0;
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) {
      out.push({ kind: "same", text: am[i]!, line: head + i + 1 });
      i++;
      j++;
      // On a tie the removal goes first, so a changed line reads "− old, + new" as in git.
    } else if (j < bm.length && (i >= am.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) {
      out.push({ kind: "add", text: bm[j]!, line: head + j + 1 });
      j++;
    } else {
      out.push({ kind: "remove", text: am[i]!, line: head + i + 1 });
      i++;
    }
  }
  a.slice(a.length - tail).forEach((text, k) => out.push({ kind: "same", text, line: a.length - tail + k + 1 }));
  return out;
}

/** Keeps `context` unchanged lines around each change and folds the rest, like a unified diff. */
export function foldContext(lines: DiffLine[], context = 3): (DiffLine | { kind: "fold"; count: number })[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === "same") return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: (DiffLine | { kind: "fold"; count: number })[] = [];
  let folded = 0;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (folded) out.push({ kind: "fold", count: folded });
      folded = 0;
      out.push(l);
    } else folded++;
  });
  if (folded) out.push({ kind: "fold", count: folded });
  return out;
}
