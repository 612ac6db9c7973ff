/** The lines around an error, so the Config health view can show the spot like an editor does. */
export interface ExcerptLine {
  line: number;
  text: string;
  isTarget: boolean;
}

export function sourceExcerpt(text: string, line: number, around = 2): ExcerptLine[] {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - around);
  const to = Math.min(lines.length, line + around);
  const out: ExcerptLine[] = [];
  for (let n = from; n <= to; n++) out.push({ line: n, text: lines[n - 1]!, isTarget: n === line });
  return out;
}
