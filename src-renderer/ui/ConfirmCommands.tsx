/**
 * The in-app confirmation before the app writes a `!command` value into pi's files (pi runs it as a
 * shell command): shows each command exactly as it will be written, and writes only on an explicit
 * "Write and let pi run it". A native <dialog>, modal, focus on Cancel.
 */
import { useEffect, useRef } from "react";

export function ConfirmCommands({ commands, onAnswer }: { commands: string[]; onAnswer: (confirmed: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    try {
      dialog.showModal();
    } catch {
      // A DOM without modal dialogs (jsdom): shown in place, still the only way forward.
      dialog.setAttribute("open", "");
    }
  }, []);
  return (
    <dialog ref={ref} className="confirm-commands" aria-labelledby="confirm-commands-title" onCancel={() => onAnswer(false)}>
      <h3 id="confirm-commands-title">pi will run {commands.length === 1 ? "this command" : "these commands"}</h3>
      <p>Whenever pi needs this value it runs the text after <code>!</code> in your shell, with your rights. Write it only if you wrote it or trust it.</p>
      <ul>
        {commands.map((c) => (
          <li key={c}>
            <code className="command-text">{c}</code>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" autoFocus onClick={() => onAnswer(false)}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => onAnswer(true)}>
          Write and let pi run it
        </button>
      </div>
    </dialog>
  );
}
