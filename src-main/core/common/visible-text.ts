/**
 * Names from pi's files (provider names, model ids and names, slugs, the provider OpenRouter says
 * served a request) are written by whoever wrote those files. Bidi controls and other invisible
 * characters in them make a name look like another one: "evil\u202Eai.nepo" shows as "evilopen.ia",
 * a zero-width space splits a name that looks whole. Everything that shows such a name — the window,
 * the tray menu, the CLI's human output, the main process's own dialogs — passes it through
 * visibleText first, which writes each such character out as ⟨U+202E⟩. Display only: ids sent back
 * in commands stay as written. Pure and DOM-free, so the renderer imports it too.
 */

/**
 * Format characters (Cf: bidi embeddings, overrides and isolates, LRM/RLM/ALM, zero-width spaces and
 * joiners, word joiner, BOM, soft hyphen, tags…), control characters (Cc: newlines, escapes), line and
 * paragraph separators, and the Hangul fillers and braille blank that render as nothing.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/gu;

const marker = (ch: string): string => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;

/** `text` with every invisible or direction-changing character written out as ⟨U+XXXX⟩; other text unchanged. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, marker);
}

