/**
 * A number field's draft for a Preferences form: the text as typed, what it parses to, and whether
 * it may be saved (in range; blank only where the preference can be off). The field follows the
 * stored value when it changes elsewhere (the tray, another window, a hand edit).
 */
import { useEffect, useState } from "react";

export function useNumberDraft(value: number | null, limits: { min: number; max?: number; blankIsOff: boolean }) {
  const shown = value === null ? "" : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const parsed = text.trim() === "" ? null : Number(text);
  const bad = parsed === null ? !limits.blankIsOff : !Number.isFinite(parsed) || parsed < limits.min || (limits.max !== undefined && parsed > limits.max);
  return { text, setText, parsed, bad };
}
