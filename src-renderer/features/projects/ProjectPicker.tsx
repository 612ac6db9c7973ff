/**
 * The project picker: a search box over a native list box of the folders pi has sessions for
 * (keyboard and screen readers as the platform gives them; every word of the search must be in the
 * path). Enter in the search picks the first match and ↓ moves into the list; Enter there picks the
 * highlighted folder (a list box with nothing chosen yet only highlights on ↓). Folders with their own `.pi/settings.json` are marked: only those change what pi uses.
 * The chosen folder stays listed whatever the search.
 */
import { useId, useMemo, useRef, useState } from "react";
import type { ProjectEntry } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";

export function filterProjects(projects: readonly ProjectEntry[], query: string): ProjectEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return projects.filter((p) => words.every((w) => p.dir.toLowerCase().includes(w)));
}

/** The folder's name first, so a narrow list still tells folders apart; the full path after. */
function label(p: ProjectEntry): string {
  const sessions = p.sessions === 1 ? "1 session" : `${p.sessions} sessions`;
  const name = p.dir.split(/[/\\]/).filter(Boolean).pop() ?? p.dir;
  return `${visibleText(name)} · ${p.hasSettings ? ".pi/settings.json · " : ""}${sessions} — ${visibleText(p.dir)}`;
}

export function ProjectPicker({ projects, value, onChange }: { projects: readonly ProjectEntry[]; value: string | null; onChange: (dir: string) => void }) {
  const [query, setQuery] = useState("");
  const statusId = useId();
  const list = useRef<HTMLSelectElement>(null);
  const matches = useMemo(() => filterProjects(projects, query), [projects, query]);
  const shown = [...matches];
  const chosen = value ? projects.find((p) => p.dir === value) : undefined;
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);
  const withSettings = projects.filter((p) => p.hasSettings).length;
  return (
    <div className="project-picker">
      <input type="search" aria-label="Search projects" aria-describedby={statusId} placeholder="Search folders…" value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && matches[0]) {
            e.preventDefault();
            onChange(matches[0].dir);
          } else if (e.key === "ArrowDown") {
            e.preventDefault();
            list.current?.focus();
          }
        }}
      />
      {/* size > 1: a list box, so arrow keys move through the folders and each one is seen. */}
      <select ref={list} aria-label="Project folder" size={Math.max(2, Math.min(6, shown.length))} value={value ?? ""}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && e.currentTarget.value) {
            e.preventDefault();
            onChange(e.currentTarget.value);
          }
        }}
      >
        {value && !chosen && <option value={value}>{visibleText(value)} — typed</option>}
        {shown.map((p) => (
          <option key={p.dir} value={p.dir}>
            {label(p)}
          </option>
        ))}
      </select>
      <span id={statusId} className="muted small" role="status">
        {matches.length === projects.length ? `${projects.length} folders pi has sessions for, ${withSettings} with their own settings` : `${matches.length} of ${projects.length} folders match`}
      </span>
    </div>
  );
}
