/**
 * The tray menu's quick-switch parts (issue 15): the current model on top, favourites and recents
 * one click away, the credits line with its low-balance mark, "Search models…" with the shortcut,
 * and the macOS menu-bar title.
 */
import { describe, expect, it } from "vitest";
import type { CreditsInfo, Snapshot } from "../../../src-main/core/common/index.js";
import { buildTrayMenu, LIST_INLINE_LIMIT, shortModelName, trayTitle, type TrayMenuInput, type TrayMenuItem } from "../../../src-main/electron/tray-menu.js";
import { model, snapshot } from "./snapshot-fixture.js";

const SONNET = "openrouter/anthropic/claude-sonnet-4";
const GPT = "openrouter/openai/gpt-5";
const KIMI = "openrouter/moonshotai/kimi-k2";
const LLAMA = "openrouter/meta-llama/llama-3.3-70b";

const models = [
  model(SONNET, { name: "Anthropic: Claude Sonnet 4", default: true }),
  model(GPT, { name: "OpenAI: GPT-5" }),
  model(KIMI, { name: "MoonshotAI: Kimi K2", scoped: false }),
  model(LLAMA, { name: "Meta: Llama 3.3 70B", scoped: false }),
];
const snap = () => snapshot(models, [SONNET, GPT]);

const build = (s: Snapshot | null, over: Partial<TrayMenuInput> = {}) => buildTrayMenu({ snapshot: s, launchAtLogin: false, canTest: true, platform: "darwin", ...over });

/** The items between a header label and the next separator or header. */
function section(items: TrayMenuItem[], header: string): TrayMenuItem[] {
  const start = items.findIndex((i) => i.label === header && i.enabled === false);
  if (start === -1) return [];
  const rest = items.slice(start + 1);
  const end = rest.findIndex((i) => i.type === "separator" || i.enabled === false);
  return end === -1 ? rest : rest.slice(0, end);
}
const refsOf = (items: TrayMenuItem[]) => items.map((i) => (i.action?.kind === "useModel" ? i.action.ref : i.label));

function credits(over: Partial<CreditsInfo> = {}): CreditsInfo {
  return {
    keyUsed: "the vault",
    checkedAt: "2026-12-04T08:00:00.000Z",
    credits: { total: 20, used: 7.66, remaining: 12.34 },
    limit: null,
    usage: null,
    note: null,
    balance: 12.34,
    ...over,
  };
}

describe("tray menu: the current model", () => {
  it("comes first, with its short name and the thinking level pi starts it with, and opens the switcher", () => {
    const s = snap();
    s.default.start = { ref: SONNET, thinkingLevel: "high", via: "scope-default" };
    const first = build(s)[0]!;
    expect(first.label).toBe("Default: Claude Sonnet 4 · thinking high");
    expect(first.action).toEqual({ kind: "openSwitcher" });
    expect(first.toolTip).toContain(SONNET);
    expect(first.toolTip).toContain("auth.json");
  });

  it("offers to pick one when pi has no default", () => {
    const first = build(snapshot([model(GPT)]))[0]!;
    expect(first.label).toBe("No default model — pick one");
    expect(first.action).toEqual({ kind: "openSwitcher" });
  });

  it("offers the switcher by name, with the shortcut as the system prints it", () => {
    const search = build(snap(), { switcherShortcut: "⌘⌥P" }).find((i) => i.label?.startsWith("Search models…"));
    expect(search).toEqual({ label: "Search models… (⌘⌥P)", action: { kind: "openSwitcher" } });
    expect(build(snap(), { switcherShortcut: "" }).find((i) => i.label?.startsWith("Search models…"))?.label).toBe("Search models…");
  });
});

describe("tray menu: favourites and recents", () => {
  it("lists favourites in the user's order, one click to switch, the default checked", () => {
    const menu = build(snap(), { favourites: [KIMI, SONNET] });
    const favourites = section(menu, "Favourites");
    expect(refsOf(favourites)).toEqual([KIMI, SONNET]);
    expect(favourites.map((i) => i.checked)).toEqual([false, true]);
    expect(favourites[0]?.action).toEqual({ kind: "useModel", ref: KIMI });
  });

  it("skips favourites pi no longer has, and has no section without any", () => {
    expect(refsOf(section(build(snap(), { favourites: ["openrouter/gone/model", GPT] }), "Favourites"))).toEqual([GPT]);
    expect(section(build(snap(), { favourites: ["openrouter/gone/model"] }), "Favourites")).toEqual([]);
    expect(build(snap()).some((i) => i.label === "Favourites" || i.label === "Recent")).toBe(false);
  });

  it("keeps a long favourites list short: the rest in a submenu", () => {
    const many = Array.from({ length: LIST_INLINE_LIMIT + 3 }, (_, i) => model(`openrouter/m/${i}`));
    const menu = build(snapshot([...models, ...many], [SONNET]), { favourites: many.map((m) => `${m.provider}/${m.id}`) });
    const favourites = section(menu, "Favourites");
    expect(favourites.filter((i) => i.action?.kind === "useModel")).toHaveLength(LIST_INLINE_LIMIT);
    const more = favourites.find((i) => i.type === "submenu");
    expect(more?.label).toBe("More favourites (3)");
    expect(more?.submenu?.map((i) => i.action)).toEqual([10, 11, 12].map((n) => ({ kind: "useModel", ref: `openrouter/m/${n}` })));
  });

  it("lists recents newest first, without the default (on top already) or a favourite", () => {
    const menu = build(snap(), { recents: [SONNET, LLAMA, KIMI, GPT], favourites: [GPT] });
    expect(refsOf(section(menu, "Recent"))).toEqual([LLAMA, KIMI]);
    // Recents outside the scope are still one click away.
    expect(section(menu, "Recent")[0]?.action).toEqual({ kind: "useModel", ref: LLAMA });
  });

  it("puts favourites and recents above the scoped models", () => {
    const menu = build(snap(), { recents: [LLAMA], favourites: [KIMI] });
    const labels = menu.map((i) => i.label);
    expect(labels.indexOf("Favourites")).toBeLessThan(labels.indexOf("Recent"));
    const firstScoped = menu.findIndex((i) => i.action?.kind === "useModel" && i.action.ref === GPT && !section(menu, "Favourites").includes(i));
    expect(labels.indexOf("Recent")).toBeLessThan(firstScoped);
  });

  it("escapes '&' in shortlist labels on Windows and Linux", () => {
    const s = snapshot([model("openrouter/a", { name: "R&D model", scoped: false }), model(SONNET, { default: true })], [SONNET]);
    const favourites = section(build(s, { favourites: ["openrouter/a"], platform: "linux" }), "Favourites");
    expect(favourites[0]?.label).toBe("R&&D model");
  });
});

describe("tray menu: credits", () => {
  it("says what the account has left, and opens the Key view", () => {
    const line = build(snap(), { credits: credits() })[1]!;
    expect(line.label).toBe("$12.34 left");
    expect(line.action).toEqual({ kind: "openWindow", view: "key" });
    expect(line.toolTip).toMatch(/^the vault; checked 2026-12-04 08:00 UTC/);
  });

  it("adds today's spend from pi's session files once it is read", () => {
    expect(build(snap(), { credits: credits(), spendToday: 1.234 })[1]?.label).toBe("$12.34 left · $1.23 today");
    expect(build(snap(), { credits: credits(), spendToday: 0.0004 })[1]?.label).toBe("$12.34 left · <$0.01 today");
    expect(build(snap(), { credits: credits(), spendToday: 0 })[1]?.label).toBe("$12.34 left · $0.00 today");
    expect(build(snap(), { credits: credits(), spendToday: null })[1]?.label).toBe("$12.34 left");
  });

  it("names the key's limit when it is what runs out first", () => {
    const info = credits({ limit: { limit: 10, remaining: 3, reset: "monthly" }, balance: 3 });
    expect(build(snap(), { credits: info })[1]?.label).toBe("$3.00 left of the key's $10.00 limit");
    const keyOnly = credits({ credits: null, limit: { limit: 5, remaining: 4.5, reset: null }, balance: 4.5 });
    expect(build(snap(), { credits: keyOnly })[1]?.label).toBe("$4.50 left of the key's $5.00 limit");
  });

  it("marks a balance below the threshold, and not one at or above it", () => {
    expect(build(snap(), { credits: credits(), lowCreditThreshold: 15 })[1]?.label).toBe("⚠ $12.34 left (below $15.00)");
    expect(build(snap(), { credits: credits(), lowCreditThreshold: 12.34 })[1]?.label).toBe("$12.34 left");
    expect(build(snap(), { credits: credits(), lowCreditThreshold: null })[1]?.label).toBe("$12.34 left");
  });

  it("says when OpenRouter did not tell, and has no line before any check", () => {
    expect(build(snap(), { credits: credits({ credits: null, balance: null, note: "credits need a management key" }) })[1]?.label).toBe("Credits unknown");
    expect(build(snap())[1]?.type).toBe("separator");
  });
});

describe("menu-bar title", () => {
  it("shows the default's short name on macOS when the preference is on", () => {
    expect(trayTitle(snap(), true, "darwin")).toBe("Claude Sonnet 4");
    expect(trayTitle(snap(), false, "darwin")).toBe("");
    expect(trayTitle(snap(), true, "win32")).toBe("");
    expect(trayTitle(snap(), true, "linux")).toBe("");
    expect(trayTitle(null, true, "darwin")).toBe("");
    expect(trayTitle(snapshot([model(GPT)]), true, "darwin")).toBe("");
  });

  it("stays short in a shared menu bar", () => {
    const long = snapshot([model("openrouter/x/y", { name: "Vendor: A Very Long Model Name With Many Words", default: true })]);
    const title = trayTitle(long, true, "darwin");
    expect(title.length).toBeLessThanOrEqual(24);
    expect(title.endsWith("…")).toBe(true);
  });

  it("short names drop the vendor prefix, or take an id's last part when the name is the id", () => {
    expect(shortModelName({ name: "Anthropic: Claude Sonnet 4.5", id: "anthropic/claude-sonnet-4.5" })).toBe("Claude Sonnet 4.5");
    expect(shortModelName({ name: "anthropic/claude-sonnet-4.5", id: "anthropic/claude-sonnet-4.5" })).toBe("claude-sonnet-4.5");
    expect(shortModelName({ name: "Claude Sonnet 4.5 (Bedrock)", id: "x" })).toBe("Claude Sonnet 4.5 (Bedrock)");
  });
});
