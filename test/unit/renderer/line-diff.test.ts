import { describe, expect, it } from "vitest";
import { foldContext, lineDiff } from "../../../src-renderer/ui/line-diff";

describe("lineDiff", () => {
  it("shows a changed line as removal then addition, with line numbers", () => {
    const d = lineDiff("a\nb\nc", "a\nB\nc");
    expect(d).toEqual([
      { kind: "same", text: "a", line: 1 },
      { kind: "remove", text: "b", line: 2 },
      { kind: "add", text: "B", line: 2 },
      { kind: "same", text: "c", line: 3 },
    ]);
  });

  it("handles insertions in a large file and folds the unchanged parts", () => {
    const before = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 500", "line 500\ninserted");
    const folded = foldContext(lineDiff(before, after), 2);
    expect(folded.filter((l) => l.kind === "add")).toEqual([{ kind: "add", text: "inserted", line: 502 }]);
    expect(folded[0]).toEqual({ kind: "fold", count: 499 });
    expect(folded.length).toBe(1 + 2 + 1 + 2 + 1);
  });

  it("treats a missing file as empty", () => {
    expect(lineDiff("", "{}").filter((l) => l.kind !== "same")).toEqual([
      { kind: "remove", text: "", line: 1 },
      { kind: "add", text: "{}", line: 1 },
    ]);
  });
});
