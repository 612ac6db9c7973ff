/** A unified, folded diff of a pi file: what saving will change, line by line. */
import { foldContext, lineDiff } from "./line-diff";

export function DiffView({ before, after, path }: { before: string | null; after: string; path: string }) {
  const lines = foldContext(lineDiff(before ?? "", after));
  const changed = lines.some((l) => l.kind === "add" || l.kind === "remove");
  return (
    <figure className="diff" aria-label={`Changes to ${path}`}>
      <figcaption>{before === null ? `${path} (new file)` : path}</figcaption>
      {!changed ? (
        <p className="muted">No change: the file already says this.</p>
      ) : (
        <pre data-testid="diff">
          {lines.map((l, i) =>
            l.kind === "fold" ? (
              <div key={i} className="diff-fold">⋯ {l.count} unchanged lines</div>
            ) : (
              <div key={i} className={`diff-${l.kind}`}>
                <span className="diff-sign">{l.kind === "add" ? "+" : l.kind === "remove" ? "−" : " "}</span>
                {l.text}
              </div>
            ),
          )}
        </pre>
      )}
    </figure>
  );
}
