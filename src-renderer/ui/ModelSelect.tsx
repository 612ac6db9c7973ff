/**
 * A model picker that can be searched: a search box (name, id and provider, every word) over a
 * select of the matches, so a list of 1,700 refs is never a bare scroll. The select stays a native
 * one (keyboard, screen readers, `selectOption` in tests); the chosen model stays listed whatever
 * the search. Used by the test prompt's model picker and the profiles' "One model".
 */
import { useId, useMemo, useState } from "react";
import { visibleText } from "../../src-main/core/common/visible-text";

export interface ModelChoice {
  ref: string;
  name: string;
  /** An optgroup to list it under ("Scoped", "Other OpenRouter models"). */
  group?: string;
}

/** Matches shown at most: the search narrows the rest. */
export const MAX_CHOICES = 200;

/** Every word of the query in the model's name, provider or id (case-insensitive). */
export function filterChoices(choices: readonly ModelChoice[], query: string): ModelChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length ? choices.filter((c) => words.every((w) => `${c.name} ${c.ref}`.toLowerCase().includes(w))) : [...choices];
}

export function ModelSelect({ label, choices, value, onChange, placeholder }: { label: string; choices: readonly ModelChoice[]; value: string; onChange: (ref: string) => void; placeholder?: string }) {
  const [query, setQuery] = useState("");
  const statusId = useId();
  const matches = useMemo(() => filterChoices(choices, query), [choices, query]);
  const shown = matches.slice(0, MAX_CHOICES);
  const chosen = value ? choices.find((c) => c.ref === value) : undefined;
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);
  const groups = [...new Set(shown.map((c) => c.group ?? ""))];
  const option = (c: ModelChoice) => (
    <option key={c.ref} value={c.ref}>
      {c.name && c.name !== c.ref ? `${visibleText(c.name)} — ${visibleText(c.ref)}` : visibleText(c.ref)}
    </option>
  );
  return (
    <div className="model-select">
      <input type="search" aria-label={`Search: ${label}`} aria-describedby={statusId} placeholder="Search name, id or provider…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {groups.length > 1 || groups[0] ? groups.map((g) => <optgroup key={g} label={g}>{shown.filter((c) => (c.group ?? "") === g).map(option)}</optgroup>) : shown.map(option)}
      </select>
      <span id={statusId} className="muted small" role="status">
        {matches.length === choices.length ? `${choices.length} models` : `${matches.length} of ${choices.length} match`}
        {matches.length > MAX_CHOICES ? `; the first ${MAX_CHOICES} listed, type more to narrow` : ""}
      </span>
    </div>
  );
}
