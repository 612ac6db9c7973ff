/**
 * The window's frame: a sidebar of views (keyboard: Alt+1…9, "/" focuses the search; a narrow
 * window wraps them into rows above the content, so every view stays in sight), the header
 * with the agent dir and pi, and the connection state under `serve`. The current view lives in
 * the URL hash so a reload keeps it.
 */
import { useCallback, useEffect, useState } from "react";
import type { RoutingTarget } from "../src-main/core/common/index.js";
import { useSwitchboard } from "./api/context";
import { HealthView } from "./features/health/HealthView";
import { KeyView } from "./features/key/KeyView";
import { KeyLeakNotice } from "./features/key/KeyLeakNotice";
import { LowBalanceNotice } from "./features/key/LowBalanceNotice";
import { ModelsView } from "./features/models/ModelsView";
import { PreferencesView } from "./features/preferences/PreferencesView";
import { ProvidersView } from "./features/providers/ProvidersView";
import { ProjectsView } from "./features/projects/ProjectsView";
import { ProfilesView } from "./features/profiles/ProfilesView";
import { SpendView } from "./features/spend/SpendView";
import { RoutingEditor } from "./features/routing-editor/RoutingEditor";
import { TestPromptView } from "./features/test-prompt/TestPromptView";
import { SwitcherOverlay } from "./features/switcher/SwitcherOverlay";
import { Notice } from "./ui/Notice";
import { visibleText } from "../src-main/core/common/visible-text";

const VIEWS = [
  { id: "models", label: "Models" },
  { id: "routing", label: "Routing" },
  { id: "providers", label: "Providers" },
  { id: "health", label: "Config health" },
  { id: "key", label: "Key" },
  { id: "test", label: "Test prompt" },
  { id: "profiles", label: "Profiles" },
  { id: "preferences", label: "Preferences" },
  // Added views go after Preferences, so Alt+1…8 keep the views they always opened.
  { id: "spend", label: "Spend" },
  { id: "projects", label: "Projects" },
] as const;
type ViewId = (typeof VIEWS)[number]["id"];

/** The tray's status lines open the window on a problem (src-main/electron/tray-menu-item.ts ProblemView). */
const PROBLEM_VIEWS: Record<string, ViewId> = { "models-file": "health", "settings-file": "health", scope: "models", "quick-switch": "models" };
/** The global shortcut on Linux opens the window on its quick switcher (src-main/electron/main.ts). */
const SWITCHER_HASH = "#/quick-switch";

function viewFromHash(): ViewId {
  // "#/profiles/apply/<name>" (the tray's routing profile items) opens Profiles, which reads the rest.
  // "#/switch/<ref>" (a tray item pi will fail on) opens Models, which asks before switching.
  const id = location.hash.replace(/^#\/?/, "").replace(/^profiles\/.*$/, "profiles").replace(/^switch\/.*$/, "models");
  if (VIEWS.some((v) => v.id === id)) return id as ViewId;
  return PROBLEM_VIEWS[id] ?? "models";
}

export function App() {
  const { snapshot, connection, loadError } = useSwitchboard();
  const [view, setView] = useState<ViewId>(viewFromHash);
  const [routingTarget, setRoutingTarget] = useState<RoutingTarget | null>(null);
  const [switcherOpen, setSwitcherOpen] = useState(() => location.hash === SWITCHER_HASH);

  const go = useCallback((id: ViewId) => {
    setView(id);
    history.replaceState(null, "", `#/${id}`);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Ctrl/⌘+K: the quick switcher, from anywhere in the window (a search field included).
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setSwitcherOpen(true);
        return;
      }
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      // e.code, not e.key: on macOS Option+1 reports key "¡".
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      if (e.altKey && !e.ctrlKey && !e.metaKey && digit && Number(digit) <= VIEWS.length) {
        e.preventDefault();
        go(VIEWS[Number(digit) - 1]!.id);
      } else if (e.key === "/" && !inField) {
        const search = document.querySelector<HTMLInputElement>("[data-shortcut='/']");
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go]);

  // The tray opens a view by setting the hash of a window that may already be open (window.ts).
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  // The switcher's hash opens it once; the hash then goes back to the view, so a reload does not reopen it.
  useEffect(() => {
    const onHash = () => location.hash === SWITCHER_HASH && setSwitcherOpen(true);
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    if (switcherOpen && location.hash === SWITCHER_HASH) history.replaceState(null, "", `#/${view}`);
  }, [switcherOpen, view]);

  const editRouting = (target: RoutingTarget) => {
    setRoutingTarget(target);
    go("routing");
  };

  const modelsBroken = snapshot && snapshot.modelsFile.exists && !snapshot.modelsFile.valid;
  // Config health explains a pi that does not start: the same dot leads there.
  const healthProblem = modelsBroken || Boolean(snapshot?.pi.startFailure) || Boolean(snapshot?.noModel);
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Pi Switchboard</div>
        {VIEWS.map((v, i) => (
          <button key={v.id} type="button" className={`nav-item${view === v.id ? " active" : ""}`} aria-current={view === v.id ? "page" : undefined} onClick={() => go(v.id)} title={`Alt+${i + 1}`}>
            {v.label}
            {v.id === "health" && healthProblem && <span className="dot" role="img" aria-label="problems" />}
          </button>
        ))}
        {snapshot && (
          <div className="sidebar-foot muted small" title={snapshot.agentDir}>
            <div>
              {snapshot.pi.found ? `pi ${snapshot.pi.version ?? ""}` : "pi not found"}
              {snapshot.pi.startFailure && (
                <span className="bad" title={visibleText(snapshot.pi.startFailure.firstErrorLine)}>
                  {" "}
                  · does not start
                </span>
              )}
            </div>
            <div className="ellipsis">{snapshot.agentDir}</div>
          </div>
        )}
      </nav>
      <main className="content">
        {connection === "closed" && <Notice tone="warning">Lost the connection to the app; reconnecting… Is `serve` still running? If you restarted it, open the new URL it printed.</Notice>}
        {typeof connection === "object" && <Notice tone="error">No session with `serve`: {connection.refused}</Notice>}
        {loadError && typeof connection !== "object" && <Notice tone="error">Could not load pi's state: {loadError}</Notice>}
        <KeyLeakNotice />
        <LowBalanceNotice onOpenKey={() => go("key")} />
        {modelsBroken && view !== "health" && (
          <Notice tone="error">
            models.json has errors, so pi drops all its custom models.{" "}
            <button type="button" className="link" onClick={() => go("health")}>Open Config health</button>
          </Notice>
        )}
        {snapshot?.noModel && view !== "health" && (
          <Notice tone="error">
            {visibleText(snapshot.noModel)}{" "}
            <button type="button" className="link" onClick={() => go("health")}>Open Config health</button>
          </Notice>
        )}
        {!snapshot ? (
          !loadError && typeof connection !== "object" && <p className="muted loading">Reading pi's agent dir…</p>
        ) : view === "models" ? (
          <ModelsView onEditRouting={editRouting} />
        ) : view === "routing" ? (
          <RoutingEditor target={routingTarget} onTarget={setRoutingTarget} />
        ) : view === "providers" ? (
          <ProvidersView onEditRouting={editRouting} />
        ) : view === "health" ? (
          <HealthView />
        ) : view === "key" ? (
          <KeyView />
        ) : view === "preferences" ? (
          <PreferencesView />
        ) : view === "profiles" ? (
          <ProfilesView />
        ) : view === "projects" ? (
          <ProjectsView />
        ) : view === "spend" ? (
          <SpendView />
        ) : (
          <TestPromptView />
        )}
      </main>
      {switcherOpen && snapshot && <SwitcherOverlay onClose={() => setSwitcherOpen(false)} />}
    </div>
  );
}
