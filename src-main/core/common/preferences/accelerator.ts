/**
 * The global shortcut as Electron writes it (an "accelerator": `CommandOrControl+Alt+P`): built
 * from a key press in the Preferences view, checked before it is stored, and shown the way each
 * system prints shortcuts. Pure; the Electron shell only registers the result (shortcut.ts).
 *
 * Keys come from KeyboardEvent.code (the physical key), not .key: on macOS Option+1 reports
 * key "¡", and a shortcut recorded from it would never fire.
 */

/** Works on macOS (⌘⌥P), Windows and Linux (Ctrl+Alt+P); Alt+digit cannot (Option+digit types characters on macOS). */
export const DEFAULT_SHORTCUT = "CommandOrControl+Alt+P";

const MODIFIER_ALIASES: Record<string, Modifier> = {
  command: "Command",
  cmd: "Command",
  control: "Control",
  ctrl: "Control",
  commandorcontrol: "CommandOrControl",
  cmdorctrl: "CommandOrControl",
  alt: "Alt",
  option: "Alt",
  altgr: "AltGr",
  shift: "Shift",
  super: "Super",
  meta: "Super",
};
type Modifier = "Command" | "Control" | "CommandOrControl" | "Alt" | "AltGr" | "Shift" | "Super";
/** The order accelerators are written in, so one shortcut has one spelling. */
const MODIFIER_ORDER: Modifier[] = ["CommandOrControl", "Command", "Control", "Alt", "AltGr", "Shift", "Super"];

const NAMED_KEYS = [
  "Plus", "Space", "Tab", "Backspace", "Delete", "Insert", "Return", "Up", "Down", "Left", "Right", "Home", "End", "PageUp", "PageDown",
  "Escape", "PrintScreen", "Capslock", "Numlock", "Scrolllock", "VolumeUp", "VolumeDown", "VolumeMute", "MediaNextTrack", "MediaPreviousTrack",
  "MediaStop", "MediaPlayPause", "numdec", "numadd", "numsub", "nummult", "numdiv",
];
const KEY_ALIASES: Record<string, string> = { enter: "Return", esc: "Escape" };
const PUNCTUATION = ")!@#$%^&*(:;=<,_->.?/~`{][|\\}\"'";

/** The accelerator's key name for one key, or null when Electron has none. */
function normalizeKey(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(token)) return token.toUpperCase();
  if (/^num[0-9]$/i.test(token)) return token.toLowerCase();
  if (token.length === 1 && PUNCTUATION.includes(token)) return token;
  const alias = KEY_ALIASES[token.toLowerCase()];
  if (alias) return alias;
  return NAMED_KEYS.find((k) => k.toLowerCase() === token.toLowerCase()) ?? null;
}

const isFunctionKey = (key: string) => /^F\d+$/.test(key);
/** A key that types something: with only Option (macOS) it types a character instead of firing. */
const isCharacterKey = (key: string) => key.length === 1 || key === "Plus" || key === "Space";

export interface ParsedAccelerator {
  modifiers: Modifier[];
  key: string;
  /** The canonical spelling (modifiers in a fixed order, key names as Electron writes them). */
  accelerator: string;
}

export type AcceleratorCheck = { ok: true; value: ParsedAccelerator } | { ok: false; message: string };

/** Parses and checks an accelerator for `platform`: every part known, one key, a modifier that makes it global-safe. */
export function checkAccelerator(text: string, platform: NodeJS.Platform): AcceleratorCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: "The shortcut is empty." };
  // "Plus" is the key; a trailing "+" would be an empty part.
  const parts = trimmed.split("+");
  if (parts.some((p) => p.trim() === "")) return { ok: false, message: `"${trimmed}" has an empty part; write + as "Plus" (e.g. CommandOrControl+Plus).` };
  const modifiers = new Set<Modifier>();
  let key: string | null = null;
  for (const raw of parts.map((p) => p.trim())) {
    const modifier = MODIFIER_ALIASES[raw.toLowerCase()];
    if (modifier) {
      modifiers.add(modifier);
      continue;
    }
    const named = normalizeKey(raw);
    if (!named) return { ok: false, message: `"${raw}" is not a key a shortcut can use.` };
    if (key) return { ok: false, message: `A shortcut has one key besides its modifiers; "${trimmed}" has ${key} and ${named}.` };
    key = named;
  }
  if (!key) return { ok: false, message: `"${trimmed}" has only modifiers; add a key, e.g. ${DEFAULT_SHORTCUT}.` };
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.has(m));
  const value: ParsedAccelerator = { modifiers: ordered, key, accelerator: [...ordered, key].join("+") };
  const problem = acceleratorProblem(value, platform);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/** Why a well-formed shortcut would not work as a global one on `platform`; null when it would. */
export function acceleratorProblem({ modifiers, key }: Pick<ParsedAccelerator, "modifiers" | "key">, platform: NodeJS.Platform): string | null {
  const strong = modifiers.filter((m) => m !== "Shift");
  if (strong.length === 0 && !isFunctionKey(key)) {
    return `${displayAccelerator([...modifiers, key].join("+"), platform)} would take that key from every app: add Ctrl, Alt or ${platform === "darwin" ? "⌘" : "Super"}.`;
  }
  if (platform === "darwin" && isCharacterKey(key) && strong.every((m) => m === "Alt" || m === "AltGr")) {
    return `On macOS, Option+${key} types a character instead of reaching the app: add ⌘ or Control (e.g. ⌘⌥${key}).`;
  }
  return null;
}

/** Why a stored shortcut (perhaps from an older version, or edited by hand) will not work here; null when it will or is off. */
export function storedShortcutProblem(accelerator: string, platform: NodeJS.Platform): string | null {
  if (!accelerator) return null;
  const checked = checkAccelerator(accelerator, platform);
  return checked.ok ? null : `The shortcut ${accelerator} cannot work here: ${checked.message} Record another one in Preferences.`;
}

export interface KeyPress {
  code: string;
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const CODE_KEYS: Record<string, string> = {
  Space: "Space", Tab: "Tab", Backspace: "Backspace", Delete: "Delete", Insert: "Insert", Enter: "Return", NumpadEnter: "Return",
  ArrowUp: "Up", ArrowDown: "Down", ArrowLeft: "Left", ArrowRight: "Right", Home: "Home", End: "End", PageUp: "PageUp", PageDown: "PageDown",
  Escape: "Escape", PrintScreen: "PrintScreen", Minus: "-", Equal: "=", BracketLeft: "[", BracketRight: "]", Backslash: "\\", Semicolon: ";",
  Quote: "'", Comma: ",", Period: ".", Slash: "/", Backquote: "`", NumpadDecimal: "numdec", NumpadAdd: "numadd", NumpadSubtract: "numsub",
  NumpadMultiply: "nummult", NumpadDivide: "numdiv",
};

function keyOfCode(code: string): string | null {
  const m = /^(?:Key([A-Z])|Digit([0-9])|Numpad([0-9])|(F\d{1,2}))$/.exec(code);
  if (m) return m[1] ?? m[2] ?? (m[3] !== undefined ? `num${m[3]}` : normalizeKey(m[4]!));
  return CODE_KEYS[code] ?? null;
}

export type RecordedShortcut =
  /** Only modifiers so far: keep listening. */
  | { state: "pending"; display: string }
  | { state: "done"; accelerator: string }
  | { state: "invalid"; message: string };

/**
 * A key press in the recorder, as the accelerator it stands for on `platform`. ⌘ on macOS and
 * Ctrl elsewhere become CommandOrControl, so a shortcut recorded on one system means the same on another.
 */
export function acceleratorFromKeyPress(press: KeyPress, platform: NodeJS.Platform): RecordedShortcut {
  const mac = platform === "darwin";
  const modifiers: Modifier[] = [];
  if (mac ? press.metaKey : press.ctrlKey) modifiers.push("CommandOrControl");
  if (mac && press.ctrlKey) modifiers.push("Control");
  if (press.altKey) modifiers.push("Alt");
  if (press.shiftKey) modifiers.push("Shift");
  if (!mac && press.metaKey) modifiers.push("Super");
  if (/^(Control|Shift|Alt|Meta|OS|AltGraph)(Left|Right)?$/.test(press.code) || ["Control", "Shift", "Alt", "Meta"].includes(press.key)) {
    return { state: "pending", display: modifiers.length ? `${displayAccelerator(modifiers.join("+"), platform)}…` : "" };
  }
  const key = keyOfCode(press.code);
  if (!key) return { state: "invalid", message: `The key ${press.key || press.code} cannot be part of a global shortcut; try a letter, a digit or F1–F24.` };
  const checked = checkAccelerator([...modifiers, key].join("+"), platform);
  return checked.ok ? { state: "done", accelerator: checked.value.accelerator } : { state: "invalid", message: checked.message };
}

const MAC_SYMBOLS: Record<string, string> = { Control: "⌃", Alt: "⌥", AltGr: "⌥", Shift: "⇧", Command: "⌘", CommandOrControl: "⌘", Super: "⌘" };
const MAC_ORDER = ["Control", "Alt", "AltGr", "Shift", "Command", "CommandOrControl", "Super"];
const OTHER_NAMES: Record<string, string> = { CommandOrControl: "Ctrl", Command: "Ctrl", Control: "Ctrl", Alt: "Alt", AltGr: "AltGr", Shift: "Shift", Super: "Super" };

/** How the shortcut reads on `platform`: ⌃⌥⇧⌘P on macOS, Ctrl+Alt+P elsewhere; "" stays "". */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  if (!accelerator) return "";
  const parts = accelerator.split("+").filter(Boolean);
  const canonical = parts.map((p) => MODIFIER_ALIASES[p.toLowerCase()] ?? p);
  const mods = canonical.filter((p) => p in MAC_SYMBOLS);
  const keys = canonical.filter((p) => !(p in MAC_SYMBOLS));
  if (platform === "darwin") {
    const symbols = MAC_ORDER.filter((m) => mods.includes(m)).map((m) => MAC_SYMBOLS[m]);
    return [...new Set(symbols)].join("") + keys.join("");
  }
  return [...new Set(mods.map((m) => OTHER_NAMES[m]!)), ...keys].join("+");
}
