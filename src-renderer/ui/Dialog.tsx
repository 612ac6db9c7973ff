/**
 * The window's one modal dialog, instead of `window.confirm()`: a native <dialog> opened with
 * showModal(), so the rest of the window is inert and the browser keeps focus inside it. Tab and
 * Shift+Tab also wrap explicitly (Chromium would otherwise leave the page for the browser's own
 * UI after the last button). Escape and Cancel close it; focus starts on Cancel, the safest
 * answer, and returns to the control that opened it.
 *
 *   const [confirm, confirmDialog] = useConfirm();
 *   if (!(await confirm({ title: "Forget the key?", confirmLabel: "Forget key", destructive: true }))) return;
 *   …and render {confirmDialog} anywhere in the view.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";

export interface DialogProps {
  title: ReactNode;
  /** One or two sentences: what happens, and whether it can be undone. */
  description?: ReactNode;
  /** Anything else the user should see before deciding (a diff, a list of commands). */
  children?: ReactNode;
  /** The verb on the button, e.g. "Forget key" — never "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Shows the confirm button in the danger colour: it removes or overwrites something. */
  destructive?: boolean;
  /** Wider, for a diff or a list. */
  wide?: boolean;
  /** While the confirmed action runs: both buttons wait, Escape too, and the confirm button says this (e.g. "Restoring…"). */
  busy?: string | false;
  onConfirm: () => void;
  onCancel: () => void;
}

const FOCUSABLE = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/**
 * Shows a <dialog> modally while the component is mounted (the rest of the window goes inert), puts
 * the focus on `initialFocus` (else the browser's choice), and gives it back to the opener after.
 * Also the quick switcher's overlay (features/switcher/SwitcherOverlay.tsx).
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, initialFocus?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      // jsdom has no modal dialogs: there it is shown in place, still the only way forward.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    }
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open && typeof dialog.close === "function") dialog.close();
      // Back where the user was; a control that went away (or got disabled) cannot take it.
      if (opener?.isConnected) opener.focus();
    };
  }, [ref, initialFocus]);
}

/** Mounted = open. Unmount it (or let useConfirm do so) to close. */
export function Dialog({ title, description, children, confirmLabel, cancelLabel = "Cancel", destructive = false, wide = false, busy = false, onConfirm, onCancel }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The latest onCancel without reopening the dialog when the parent re-renders.
  const cancel = useRef(onCancel);
  cancel.current = busy ? () => {} : onCancel;

  useModalDialog(ref, cancelRef);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === "Escape") {
      // Handled here, not only by the native cancel event: Chromium ignores a second Escape
      // without user activation in between, and jsdom has no cancel event at all.
      e.preventDefault();
      cancel.current();
      return;
    }
    if (e.key !== "Tab") return;
    const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[hidden]"));
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !e.currentTarget.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !e.currentTarget.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? " dialog-wide" : ""}${destructive ? " dialog-destructive" : ""}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-busy={busy ? true : undefined}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        cancel.current();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {description && (
        <div id={descriptionId} className="dialog-description">
          {description}
        </div>
      )}
      {children && <div className="dialog-body">{children}</div>}
      <div className="dialog-actions">
        {/* aria-disabled, not disabled: a disabled button would drop focus out of the dialog. */}
        <button ref={cancelRef} type="button" aria-disabled={busy ? true : undefined} onClick={() => cancel.current()}>
          {cancelLabel}
        </button>
        <button type="button" className={destructive ? "destructive" : "primary"} aria-disabled={busy ? true : undefined} onClick={() => busy || onConfirm()}>
          {busy || confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export type ConfirmOptions = Omit<DialogProps, "onConfirm" | "onCancel">;

/**
 * `window.confirm()` as a promise over the in-app Dialog: `await confirm({...})` is true when the
 * user pressed the confirm button, false on Cancel or Escape. Render the returned element once.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [asking, setAsking] = useState<{ options: ConfirmOptions; answer: (yes: boolean) => void } | null>(null);
  const pending = useRef<((yes: boolean) => void) | null>(null);

  // A view that goes away while asking answers "no", so no caller waits forever.
  useEffect(() => () => pending.current?.(false), []);

  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        pending.current?.(false);
        const answer = (yes: boolean) => {
          if (pending.current !== answer) return;
          pending.current = null;
          setAsking(null);
          resolve(yes);
        };
        pending.current = answer;
        setAsking({ options, answer });
      }),
    [],
  );

  const dialog = asking ? <Dialog {...asking.options} onConfirm={() => asking.answer(true)} onCancel={() => asking.answer(false)} /> : null;
  return [confirm, dialog];
}
