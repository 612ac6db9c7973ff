/**
 * Preferences: which pi and agent dir the app reads, the global shortcut (recorded by pressing
 * it), launch at login, the Dock icon, the macOS menu-bar title, the low-credit warning, the provider health watch. Each change goes to the main side
 * (setPreference), which checks it, applies it at once and stores it only when it worked; the
 * answer, or why not, shows next to the control. Under `serve` the tray-only preferences are shown
 * as such, with how to set the rest.
 */
import { useEffect, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import type { PreferenceChange, PreferenceKey, PreferencesState } from "../../../src-main/core/common/index.js";
import { acceleratorFromKeyPress, displayAccelerator } from "../../../src-main/core/common/preferences/accelerator";
import { isUnavailable, useSwitchboard } from "../../api/context";
import { EmptyState, Notice } from "../../ui/Notice";
import { HealthWatchCard } from "./HealthWatchCard";
import { useNumberDraft } from "./use-number-draft";

type Outcome = { tone: "error" | "success"; text: string };

/** Launch at login and the Dock icon share a card, as do the health watch and its threshold, and so the line that answers either. */
const cardOf = (key: PreferenceKey): PreferenceKey => (key === "showDockIcon" ? "launchAtLogin" : key === "healthMinUptime" ? "healthWatch" : key);

function Fixed({ note }: { note: string | undefined }) {
  return note ? <p className="help fixed-note">{note}</p> : null;
}

function Setting(props: { title: string; id: string; children: ReactNode; outcome?: Outcome }) {
  return (
    <section className="card pref" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.children}
      {props.outcome && (
        <p className={`pref-outcome ${props.outcome.tone === "error" ? "bad" : "ok-line"}`} role={props.outcome.tone === "error" ? "alert" : "status"}>
          {props.outcome.text}
        </p>
      )}
    </section>
  );
}

export function PreferencesView() {
  const { api, snapshot } = useSwitchboard();
  const [prefs, setPrefs] = useState<PreferencesState | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Partial<Record<PreferenceKey, Outcome>>>({});
  const [busy, setBusy] = useState<PreferenceKey | null>(null);

  useEffect(() => {
    api.invoke("getPreferences", null).then(setPrefs, (e: Error) => setUnavailable(isUnavailable(e) ? "This host keeps no preferences." : e.message));
    return api.on("preferences", setPrefs);
  }, [api]);

  async function change(next: PreferenceChange, done: string): Promise<boolean> {
    setBusy(next.key);
    try {
      const result = await api.invoke("setPreference", next);
      if (result.ok) setPrefs(result.value);
      setOutcomes((o) => ({ ...o, [cardOf(next.key)]: result.ok ? { tone: "success", text: done } : { tone: "error", text: result.error.message } }));
      return result.ok;
    } catch (e) {
      setOutcomes((o) => ({ ...o, [cardOf(next.key)]: { tone: "error", text: (e as Error).message } }));
      return false;
    } finally {
      setBusy(null);
    }
  }

  const header = (
    <header className="view-header">
      <h2 id="prefs-title">Preferences</h2>
      <p className="muted">
        {prefs?.host === "serve" ? (
          <>
            This window is served by <code>serve</code> in your browser: it shows what serve runs on; the tray app's own preferences are marked.
          </>
        ) : (
          "Each change applies at once and is kept for the next start."
        )}
      </p>
    </header>
  );
  if (unavailable) return <section className="view" aria-labelledby="prefs-title">{header}<EmptyState title="No preferences here">{unavailable}</EmptyState></section>;
  if (!prefs) return <section className="view" aria-labelledby="prefs-title">{header}<p className="muted">Reading preferences…</p></section>;
  const { values, fixed } = prefs;
  const platform = prefs.platform as NodeJS.Platform;

  return (
    <section className="view prefs" aria-labelledby="prefs-title">
      {header}
      <Setting title="pi" id="pref-pi" outcome={outcomes.piPath}>
        <p className="pi-line">
          {!values.piPath ? "Detected: " : prefs.host === "serve" ? "From PI_SWITCHBOARD_PI: " : "Chosen: "}
          <span data-testid="pi-summary">{snapshot?.pi.summary ?? "…"}</span>
        </p>
        <PathForm
          fixed={fixed.piPath}
          label="pi executable"
          value={values.piPath}
          placeholder={snapshot?.pi.path ?? "/usr/local/bin/pi"}
          help="The `pi` your terminal runs (`which pi` prints it), or its package folder. It must hold @earendil-works/pi-coding-agent (or @mariozechner/pi-coding-agent)."
          busy={busy === "piPath"}
          resetLabel="Use the detected pi"
          onSave={(path) => change({ key: "piPath", value: path }, path ? "pi chosen: the app now reads this pi." : "Back to the pi the app detects.")}
        />
      </Setting>

      <Setting title="Agent dir" id="pref-agent-dir" outcome={outcomes.agentDir}>
        <p className="pi-line">
          Reading <code>{prefs.agentDirInUse}</code>
          {!values.agentDir && <span className="muted"> (the default: PI_CODING_AGENT_DIR, else ~/.pi/agent)</span>}
        </p>
        <PathForm
          fixed={fixed.agentDir}
          label="Agent dir"
          value={values.agentDir}
          placeholder={prefs.defaultAgentDir}
          help="The folder with pi's models.json, settings.json and auth.json."
          busy={busy === "agentDir"}
          resetLabel="Use the default"
          onSave={(path) => change({ key: "agentDir", value: path }, path ? "Now reading this agent dir." : "Back to the default agent dir.")}
        />
      </Setting>

      <Setting title="Global shortcut" id="pref-shortcut" outcome={outcomes.shortcut}>
        {fixed.shortcut ? (
          <Fixed note={fixed.shortcut} />
        ) : (
          <>
          <p className="help">Opens the quick switcher from any app{platform === "linux" ? " (on Linux, in the window: the tray there has no popover)" : ", beside the tray icon"}. Ctrl+K (⌘K) opens it inside this window.</p>
          <ShortcutRecorder
            value={values.shortcut}
            defaultValue={prefs.defaults.shortcut}
            platform={platform}
            problem={prefs.shortcutProblem}
            busy={busy === "shortcut"}
            onChange={(accelerator) => change({ key: "shortcut", value: accelerator }, accelerator ? `Shortcut set: ${displayAccelerator(accelerator, platform)}.` : "Shortcut turned off.")}
          />
          </>
        )}
      </Setting>

      <Setting title="Start-up" id="pref-startup" outcome={outcomes.launchAtLogin}>
        <label className="check-row">
          <input type="checkbox" checked={values.launchAtLogin} disabled={Boolean(fixed.launchAtLogin) || busy === "launchAtLogin"} onChange={(e) => void change({ key: "launchAtLogin", value: e.target.checked }, e.target.checked ? "Starts at login." : "No longer starts at login.")} />
          Launch at login
        </label>
        {fixed.launchAtLogin !== fixed.showDockIcon && <Fixed note={fixed.launchAtLogin} />}
        <label className="check-row">
          <input type="checkbox" checked={values.showDockIcon} disabled={Boolean(fixed.showDockIcon) || platform !== "darwin" || busy === "showDockIcon"} onChange={(e) => void change({ key: "showDockIcon", value: e.target.checked }, e.target.checked ? "Dock icon shown." : "Dock icon hidden; the app stays in the menu bar.")} />
          Show the Dock icon
        </label>
        {!fixed.showDockIcon && platform !== "darwin" && <p className="help fixed-note">macOS only: elsewhere the app lives in the tray.</p>}
        <Fixed note={fixed.showDockIcon} />
      </Setting>

      <Setting title="Menu-bar title" id="pref-tray-title" outcome={outcomes.trayTitle}>
        <label className="check-row">
          <input type="checkbox" checked={values.trayTitle} disabled={Boolean(fixed.trayTitle) || platform !== "darwin" || busy === "trayTitle"} onChange={(e) => void change({ key: "trayTitle", value: e.target.checked }, e.target.checked ? "The menu bar shows the default model." : "The menu bar shows only the icon.")} />
          Show the default model next to the menu-bar icon
        </label>
        {!fixed.trayTitle && platform !== "darwin" && <p className="help fixed-note">macOS only: other systems show no text beside tray icons; the tray's tooltip and menu name the default there.</p>}
        <Fixed note={fixed.trayTitle} />
      </Setting>

      <Setting title="Low-credit warning" id="pref-credit" outcome={outcomes.lowCreditThreshold}>
        <CreditForm
          value={values.lowCreditThreshold}
          busy={busy === "lowCreditThreshold"}
          host={prefs.host}
          onSave={(value) => change({ key: "lowCreditThreshold", value }, value === null ? "No low-credit warning." : `Warns below $${value}.`)}
        />
      </Setting>

      <Setting title="Provider health watch" id="pref-health" outcome={outcomes.healthWatch}>
        <HealthWatchCard values={values} busy={busy === "healthWatch" || busy === "healthMinUptime"} host={prefs.host} change={change} />
      </Setting>
    </section>
  );
}

/** A path preference: its field, or, where this host cannot change it, how to set it instead. */
function PathForm(props: { fixed: string | undefined; label: string; value: string | null; placeholder: string; help: string; busy: boolean; resetLabel: string; onSave(path: string | null): Promise<boolean> }) {
  const [text, setText] = useState(props.value ?? "");
  useEffect(() => {
    setText(props.value ?? "");
  }, [props.value]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void props.onSave(text.trim() || null);
  };
  if (props.fixed) return <Fixed note={props.fixed} />;
  return (
    <form onSubmit={submit}>
      <div className="row pref-path">
        <input type="text" aria-label={props.label} spellCheck={false} value={text} placeholder={props.placeholder} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary" disabled={props.busy || text.trim() === (props.value ?? "")}>Use this</button>
        {props.value && (
          <button type="button" disabled={props.busy} onClick={() => void props.onSave(null)}>
            {props.resetLabel}
          </button>
        )}
      </div>
      <p className="help">{props.help}</p>
    </form>
  );
}

function ShortcutRecorder(props: { value: string; defaultValue: string; platform: NodeJS.Platform; problem: string | null; busy: boolean; onChange(accelerator: string): Promise<boolean> }) {
  const platform = props.platform;
  const [recording, setRecording] = useState(false);
  const [pending, setPending] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === "Escape" && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
      setRecording(false);
      setPending("");
      return;
    }
    const recorded = acceleratorFromKeyPress(e, platform);
    if (recorded.state === "pending") return setPending(recorded.display);
    setPending("");
    if (recorded.state === "invalid") return setInvalid(recorded.message);
    setInvalid(null);
    setRecording(false);
    void props.onChange(recorded.accelerator);
  };

  const shown = recording ? pending || "Press the new shortcut…" : props.value ? displayAccelerator(props.value, platform) : "Off";
  return (
    <>
      {props.problem && <Notice tone="error">{props.problem}</Notice>}
      <div className="row">
        <button
          type="button"
          className={`shortcut-field${recording ? " recording" : ""}`}
          aria-label={recording ? `${shown} Recording; Escape cancels` : `Shortcut: ${shown}. Press to record a new one`}
          aria-live="polite"
          disabled={props.busy}
          onClick={() => {
            setRecording(!recording);
            setPending("");
            setInvalid(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          <kbd>{shown}</kbd>
        </button>
        {props.value !== props.defaultValue && (
          <button type="button" disabled={props.busy} onClick={() => void props.onChange(props.defaultValue)}>
            Reset to {displayAccelerator(props.defaultValue, platform)}
          </button>
        )}
        {props.value && (
          <button type="button" disabled={props.busy} onClick={() => void props.onChange("")}>
            Turn off
          </button>
        )}
      </div>
      {invalid && <p className="bad pref-outcome" role="alert">{invalid}</p>}
      <p className="help">{recording ? "Escape cancels." : "Click, then press the keys together. ⌘ (macOS) or Ctrl is saved as “Command or Control”, so the shortcut works on every system."}</p>
    </>
  );
}

function CreditForm(props: { value: number | null; busy: boolean; host: PreferencesState["host"]; onSave(value: number | null): Promise<boolean> }) {
  const { text, setText, parsed, bad } = useNumberDraft(props.value, { min: 0, blankIsOff: true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!bad) void props.onSave(parsed);
  };
  return (
    <form onSubmit={submit}>
      <div className="row">
        <label className="inline" htmlFor="pref-credit-input">Warn below $</label>
        <input id="pref-credit-input" className="narrow-input" type="number" min={0} step="0.5" inputMode="decimal" value={text} placeholder="off" onChange={(e) => setText(e.target.value)} aria-invalid={bad} />
        <button type="submit" className="primary" disabled={props.busy || bad || parsed === props.value}>Save</button>
      </div>
      <p className="help">
        The Key view warns when OpenRouter's last check of the key shows less credit left. Empty: never.
        {props.host === "serve" ? " Kept until serve stops." : ""}
      </p>
    </form>
  );
}
