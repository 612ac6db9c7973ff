/**
 * The quick switcher over the main window (Ctrl/⌘+K, or the global shortcut on Linux): a native
 * <dialog> shown modally (ui/Dialog.tsx's useModalDialog), so the window behind is inert and focus
 * stays inside. The search box takes the focus once the dialog is open; Escape clears the search,
 * then closes; a press outside the panel closes. Focus goes back where it was. (ui/Dialog.tsx itself is the confirm dialog with its buttons; the switcher needs none.)
 */
import { useRef } from "react";
import { useModalDialog } from "../../ui/Dialog";
import { QuickSwitcher } from "./QuickSwitcher";

export function SwitcherOverlay({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const search = useRef<HTMLInputElement>(null);
  useModalDialog(ref, search);

  return (
    <dialog
      ref={ref}
      className="switcher-dialog"
      aria-label="Quick switcher"
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
      onMouseDown={(e) => {
        // The backdrop is the dialog element itself: a press outside the panel closes it.
        if (e.target === e.currentTarget) close.current();
      }}
    >
      <QuickSwitcher onClose={() => close.current()} searchRef={search} />
    </dialog>
  );
}
