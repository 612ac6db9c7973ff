/**
 * What the app asks before making a model pi will fail on the default ("Make default", the quick
 * switcher, a marked tray item): the model's errors in words. Warnings do not ask: pi works.
 */
import type { ModelEntry } from "../../../src-main/core/common/index.js";
import type { ConfirmOptions } from "../../ui/Dialog";
import { visibleText } from "../../../src-main/core/common/visible-text";

export function switchConfirmation(m: ModelEntry): ConfirmOptions | null {
  const errors = m.problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return null;
  const ref = visibleText(`${m.provider}/${m.id}`);
  return {
    title: `pi will fail on ${ref}`,
    description: `${errors.map((p) => visibleText(p.message)).join(" ")} Switch anyway?`,
    confirmLabel: "Switch anyway",
    destructive: true,
  };
}

/** The tray opens the window at `#/switch/<ref>` for a model pi will fail on (tray-menu.ts): the ref it asks about. */
export function switchRequestFromHash(hash: string): string | null {
  const match = /^#\/switch\/(.+)$/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null; // a malformed escape is no request
  }
}
