/**
 * The quick switcher: search-as-you-type over pi's scoped models first (Ctrl+P order), then all
 * models; ↑/↓ move, Enter makes the highlighted model pi's default (useModel), ←/→ change the
 * thinking level that comes with it (only levels the detected pi accepts), Ctrl/⌘+D stars it.
 * With no query, favourites and recents come first, so the previous default is one Enter away.
 * On top: the default, its thinking level, the key pi uses for it and what the key has left. Each
 * option shows its price in/out per million tokens, context and pinned provider (model-facts.ts);
 * the highlighted OpenRouter model's provider can be picked (pinned) here (ProviderPick.tsx).
 * A combobox over a listbox (WAI-ARIA 1.2): focus stays in the search box, the highlighted option
 * is aria-activedescendant. Rendered by the main window's overlay (Ctrl/⌘+K, SwitcherOverlay.tsx)
 * and alone in the tray popover (`#/switcher`, SwitcherPage.tsx).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { ModelEntry, PreferencesState, ThinkingLevel } from "../../../src-main/core/common/index.js";
import { creditsLine } from "../../../src-main/core/common/openrouter/credits-line";
import { toggleFavouriteModel } from "../../../src-main/core/common/preferences/model-lists";
import { useSwitchboard } from "../../api/context";
import { refOf } from "../models/model-list";
import { factsLine, modelFacts } from "../models/model-facts";
import { useCatalogIndex } from "../models/use-catalog-index";
import { useCredits } from "../key/use-credits";
import { ProviderPick } from "./ProviderPick";
import { afterSwitchNotice, currentLevelFor, levelsFor, stepLevel, switcherList } from "./switcher-list";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useConfirm } from "../../ui/Dialog";
import { problemTag } from "../model-problems/ProblemList";
import { switchConfirmation } from "../model-problems/switch-confirm";
import { projectNotice } from "../projects/project-notice";

type Notice = { tone: "success" | "warning" | "error"; text: string };

/** Favourites, recents and the low-credit threshold (preferences), kept live; empty where a host keeps none. */
function useSwitcherPreferences() {
  const { api } = useSwitchboard();
  const [prefs, setPrefs] = useState<PreferencesState | null>(null);
  useEffect(() => {
    api.invoke("getPreferences", null).then(setPrefs, () => undefined);
    return api.on("preferences", setPrefs);
  }, [api]);
  return prefs;
}

export interface QuickSwitcherProps {
  /** Escape with an empty query, in the overlay (the popover's window hides itself on Escape). */
  onClose?: () => void;
  /** Changes whenever the switcher is shown again: the query clears and the search box takes focus. */
  openCount?: number;
  /** The search box, for a modal overlay to focus once its dialog is open (an element in a dialog not yet open takes no focus). */
  searchRef?: RefObject<HTMLInputElement | null>;
}

export function QuickSwitcher({ onClose, openCount = 0, searchRef }: QuickSwitcherProps) {
  const { api, snapshot, execute } = useSwitchboard();
  const prefs = useSwitcherPreferences();
  const credits = useCredits().info;
  const catalog = useCatalogIndex();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [pendingLevel, setPendingLevel] = useState<ThinkingLevel | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const ownInput = useRef<HTMLInputElement>(null);
  const input = searchRef ?? ownInput;
  const [confirm, confirmDialog] = useConfirm();
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const favourites = useMemo(() => prefs?.values.favouriteModels ?? [], [prefs]);
  const recents = useMemo(() => prefs?.values.recentModels ?? [], [prefs]);
  const list = useMemo(() => (snapshot ? switcherList(snapshot, query, favourites, recents) : null), [snapshot, query, favourites, recents]);
  const options = list?.options ?? [];
  const index = Math.min(active, Math.max(0, options.length - 1));
  const highlighted: ModelEntry | undefined = options[index];

  useEffect(() => {
    setQuery("");
    setActive(0);
    setPendingLevel(null);
    setNotice(null);
    input.current?.focus();
  }, [openCount]);

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView?.({ block: "nearest" });
  }, [index, list]);

  if (!snapshot || !list) return <p className="muted switcher-loading">Reading pi's agent dir…</p>;

  const current = snapshot.models.find((m) => m.default);
  const optionId = (i: number) => `${id}-option-${i}`;
  const levelOf = (m: ModelEntry) => {
    const levels = levelsFor(m, snapshot.pi.thinkingLevels);
    return pendingLevel && levels.includes(pendingLevel) ? pendingLevel : currentLevelFor(snapshot, m);
  };
  const shownLevel = highlighted ? levelOf(highlighted) : null;
  const highlightedLevels = highlighted ? levelsFor(highlighted, snapshot.pi.thinkingLevels) : [];

  async function choose(model: ModelEntry) {
    if (busy) return;
    // A model pi will fail on asks first; Cancel leaves the switcher as it was.
    const asking = switchConfirmation(model);
    if (asking && !(await confirm(asking))) return input.current?.focus();
    setBusy(true);
    const ref = refOf(model);
    // A level goes with the switch only when the user chose one and the model reasons (pi clamps the rest to off).
    const thinkingLevel = pendingLevel && model.reasoning ? levelOf(model) : undefined;
    try {
      const result = await execute({ type: "useModel", ref, ...(thinkingLevel ? { thinkingLevel } : {}) });
      setNotice(result.ok ? afterSwitchNotice(result.snapshot, ref) : { tone: "error", text: result.error.message });
      if (result.ok) {
        // The project picked in Projects may not follow the agent dir's default: say so beside the switch.
        void projectNotice(api, ref).then((extra) => extra && setNotice((n) => (n ? { tone: "warning", text: `${n.text} ${extra}` } : n)));
        setQuery("");
        setActive(0);
        setPendingLevel(null);
      }
    } catch (e) {
      setNotice({ tone: "error", text: `${(e as Error).message} Nothing was written; try again.` });
    } finally {
      setBusy(false);
    }
  }

  async function toggleFavourite(model: ModelEntry) {
    const ref = refOf(model);
    const result = await api.invoke("setPreference", { key: "favouriteModels", value: toggleFavouriteModel(favourites, ref) }).catch((e: Error) => ({ ok: false as const, error: { message: e.message } }));
    if (!result.ok) setNotice({ tone: "error", text: `Favourites not changed: ${result.error.message}` });
    else setNotice({ tone: "success", text: favourites.includes(ref) ? `${visibleText(model.name)} left your favourites.` : `${visibleText(model.name)} is a favourite: it comes first when the search is empty.` });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const plain = !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (options.length) setActive((index + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (e.key === "Home" && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === "End" && e.ctrlKey) {
      e.preventDefault();
      setActive(Math.max(0, options.length - 1));
    } else if (e.key === "Enter" && highlighted) {
      e.preventDefault();
      void choose(highlighted);
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && plain && highlighted) {
      // ←/→ belong to the thinking level (Shift+←/→ still select text in the query).
      e.preventDefault();
      if (highlightedLevels.length > 1) setPendingLevel(stepLevel(highlightedLevels, levelOf(highlighted), e.key === "ArrowRight" ? 1 : -1));
    } else if (e.key.toLowerCase() === "d" && (e.ctrlKey || e.metaKey) && !e.altKey && highlighted) {
      e.preventDefault();
      void toggleFavourite(highlighted);
    } else if (e.key === "Escape" && onClose) {
      e.preventDefault();
      if (query) setQuery("");
      else onClose();
    }
  }

  const mod = prefs?.platform === "darwin" ? "⌘" : "Ctrl+";
  const credit = credits ? creditsLine(credits, prefs?.values.lowCreditThreshold ?? null) : null;
  const listboxId = `${id}-listbox`;
  let optionIndex = -1;

  return (
    <div className="switcher">
      <header className="switcher-head">
        {current ? (
          <p className="switcher-current">
            <span className="muted">Default</span> <strong className="switcher-name">{visibleText(current.name)}</strong>
            <span className="switcher-current-level">· thinking {currentLevelFor(snapshot, current)}</span>
            <span className="muted small switcher-ref">{visibleText(refOf(current))}</span>
          </p>
        ) : (
          <p className="switcher-current">No default model yet: pick one below.</p>
        )}
        <p className="switcher-facts small">
          {current && (
            <span className={current.available ? "ok-line" : "bad"} title={current.keySource.summary}>
              {current.available ? `Key: ${current.keySource.summary}` : `No key for ${visibleText(current.provider)}`}
            </span>
          )}
          {credit && (
            <span className={credit.low ? "bad" : "muted"} title={credit.detail} data-testid="switcher-credits">
              {credit.text}
            </span>
          )}
        </p>
      </header>

      <div className="switcher-search">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label="Search models"
          aria-expanded="true"
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={highlighted ? optionId(index) : undefined}
          aria-describedby={`${id}-keys`}
          placeholder="Search models…"
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
        <label className="switcher-level small">
          Thinking
          <select
            value={shownLevel ?? "off"}
            disabled={!highlighted || highlightedLevels.length < 2}
            onChange={(e) => {
              setPendingLevel(e.target.value as ThinkingLevel);
              input.current?.focus();
            }}
          >
            {(highlightedLevels.length ? highlightedLevels : ["off"]).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {highlighted && (
          <ProviderPick
            key={refOf(highlighted)}
            model={highlighted}
            onDone={(n) => {
              setNotice(n);
              input.current?.focus();
            }}
            onCancel={() => input.current?.focus()}
          />
        )}
      </div>

      <div className="switcher-list" id={listboxId} role="listbox" aria-label="Models" ref={listRef}>
        {list.sections.map((section) => (
          <div role="group" key={section.id} aria-labelledby={`${id}-${section.id}`}>
            <div role="presentation" className="switcher-section" id={`${id}-${section.id}`}>
              {section.title}
            </div>
            {section.models.map((m) => {
              optionIndex++;
              const i = optionIndex;
              const ref = refOf(m);
              const isActive = i === index;
              const starred = favourites.includes(ref);
              // "no key" has its own tag; any other problem gets one with its sentence on hover.
              const tag = problemTag({ problems: m.problems.filter((p) => p.code !== "no-key" || m.available) });
              return (
                <div
                  key={`${section.id}-${ref}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={isActive}
                  data-index={i}
                  className={`switcher-option${isActive ? " active" : ""}${m.default ? " is-default" : ""}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => i !== index && setActive(i)}
                  onClick={() => void choose(m)}
                >
                  <span
                    className={`switcher-star${starred ? " on" : ""}`}
                    aria-hidden="true"
                    title={starred ? `Remove from favourites (${mod}D)` : `Add to favourites (${mod}D)`}
                    onClick={(e) => {
                      e.stopPropagation();
                      void toggleFavourite(m);
                    }}
                  >
                    {starred ? "★" : "☆"}
                  </span>
                  <span className="switcher-option-main">
                    <span className="switcher-option-name" title={visibleText(m.name)}>{visibleText(m.name)}</span>
                    <span className="switcher-option-ref muted small" title={visibleText(ref)}>{visibleText(ref)}</span>
                    <OptionFacts model={m} catalog={catalog} />
                  </span>
                  <span className="switcher-tags small">
                    {starred && <span className="visually-hidden">favourite</span>}
                    {m.default && <span className="tag">default</span>}
                    {!m.available && <span className="tag bad">no key</span>}
                    {tag && <span className={`tag${tag.isError ? " bad" : ""}`} title={tag.title}>{tag.text}</span>}
                    {isActive && m.reasoning && <span className="tag">thinking {levelOf(m)}</span>}
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {options.length === 0 && <p className="switcher-empty muted">{query ? `No model matches “${query}”.` : "No favourites, recents or scoped models yet: type to search all models."}</p>}
      {list.hidden > 0 && <p className="switcher-more muted small">{list.hidden} more {list.hidden === 1 ? "model matches" : "models match"}: keep typing to narrow them down.</p>}
      {!query && options.length > 0 && <p className="switcher-more muted small">Type to search all {list.searchable} models.</p>}

      {confirmDialog}
      <p className={`switcher-notice ${notice?.tone ?? ""}`} role="status">
        {notice?.text ?? ""}
      </p>
      <p className="switcher-keys muted small" id={`${id}-keys`}>
        ↑↓ move · Enter make default · ←→ thinking level · {mod}D favourite · Esc close
      </p>
    </div>
  );
}

/** Price, context and the pinned provider under an option's ref; the full sentence on hover. */
function OptionFacts({ model, catalog }: { model: ModelEntry; catalog: ReturnType<typeof useCatalogIndex> }) {
  const facts = factsLine(modelFacts(model, catalog));
  return (
    <span className="switcher-option-facts muted small" title={facts.title} data-testid="switcher-facts">
      {facts.text}
    </span>
  );
}
