/**
 * The profiles as a radio group (arrow keys move, the choice feeds the Apply panel), each with what
 * it sets and whether it merges or replaces; the user's own can be renamed and deleted.
 */
import { useState } from "react";
import type { RoutingProfile } from "../../../src-main/core/common/index.js";
import { useConfirm } from "../../ui/Dialog";
import { mergeRule, profileSets } from "./profile-view-model";

interface Props {
  profiles: RoutingProfile[];
  selected: string | null;
  onSelect(name: string): void;
  onRename(from: string, to: string): Promise<string | null>;
  onDelete(name: string): Promise<string | null>;
  /** The heading that names the group. */
  labelledBy: string;
}

export function ProfileList({ profiles, selected, onSelect, onRename, onDelete, labelledBy }: Props) {
  const [confirm, confirmDialog] = useConfirm();
  const [renaming, setRenaming] = useState<{ name: string; text: string; error: string | null } | null>(null);

  async function saveRename() {
    if (!renaming) return;
    const error = await onRename(renaming.name, renaming.text);
    if (error) setRenaming({ ...renaming, error });
    else setRenaming(null);
  }

  return (
    <fieldset className="profile-list" aria-labelledby={labelledBy}>
      {profiles.map((p) => {
        const id = `profile-${p.name.replace(/\W+/g, "-")}`;
        return (
          <div key={p.name} className={`profile-item${selected === p.name ? " selected" : ""}`}>
            <label className="profile-choice" htmlFor={id}>
              <input id={id} type="radio" name="routing-profile" value={p.name} checked={selected === p.name} onChange={() => onSelect(p.name)} />
              <span className="profile-name">{p.name}</span>
              <span className="origin">{p.builtIn ? "built-in" : "yours"}</span>
              <span className={`profile-mode mode-${p.mode}`}>{p.mode === "merge" ? "merges" : "replaces"}</span>
            </label>
            <p className="profile-sets"><code>{profileSets(p)}</code></p>
            <p className="help">{p.builtIn ? p.description : mergeRule(p)}</p>
            {!p.builtIn && renaming?.name !== p.name && (
              <div className="actions">
                <button type="button" className="ghost" onClick={() => setRenaming({ name: p.name, text: p.name, error: null })}>Rename</button>
                <button
                  type="button"
                  className="ghost danger"
                  aria-label={`Delete ${p.name}`}
                  onClick={() =>
                    void confirm({ title: `Delete the profile ${p.name}?`, description: "models.json keeps the routing it wrote; only the preset goes.", confirmLabel: "Delete profile", destructive: true }).then(async (yes) => {
                      if (yes) await onDelete(p.name);
                    })
                  }
                >
                  Delete
                </button>
              </div>
            )}
            {renaming?.name === p.name && (
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  void saveRename();
                }}
              >
                <input aria-label={`New name for ${p.name}`} value={renaming.text} maxLength={60} autoFocus onChange={(e) => setRenaming({ ...renaming, text: e.target.value, error: null })} />
                <button type="submit" disabled={!renaming.text.trim()}>Save name</button>
                <button type="button" className="ghost" onClick={() => setRenaming(null)}>Cancel</button>
                {renaming.error && <p className="field-error" role="alert">{renaming.error}</p>}
              </form>
            )}
          </div>
        );
      })}
      {confirmDialog}
    </fieldset>
  );
}
