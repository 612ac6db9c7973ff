/** enabledModels patterns that match nothing, with pi-specific hints (e.g. `*` does not cross `/`), each with a way into the scope editor. */
import { useSwitchboard } from "../../api/context";
import { Notice } from "../../ui/Notice";

export function ScopeDiagnostics({ onEdit }: { onEdit?: (pattern: string) => void }) {
  const { snapshot } = useSwitchboard();
  if (!snapshot) return null;
  const { unmatched, hints } = snapshot.scope;
  if (unmatched.length === 0 && hints.length === 0) return null;
  const edit = (p: string) =>
    onEdit && (
      <>
        {" "}
        <button type="button" className="link" onClick={() => onEdit(p)} aria-label={`Edit pattern ${p}`}>
          Edit pattern
        </button>
      </>
    );
  return (
    <Notice tone="warning">
      <strong>Scope patterns to check in settings.json</strong>
      <ul className="diagnostics" aria-label="Pattern diagnostics">
        {unmatched.map((p) => (
          <li key={`u-${p}`}>
            <code>{p}</code> matches no model{hints.find((h) => h.pattern === p) ? `: ${hints.find((h) => h.pattern === p)!.message}` : "."}
            {edit(p)}
          </li>
        ))}
        {hints
          .filter((h) => !unmatched.includes(h.pattern))
          .map((h) => (
            <li key={`h-${h.pattern}`}>
              <code>{h.pattern}</code>: {h.message}
              {edit(h.pattern)}
            </li>
          ))}
      </ul>
    </Notice>
  );
}
