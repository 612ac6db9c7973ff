/**
 * The in-app confirmation before the app writes a `!command` value into pi's files (pi runs it as a
 * shell command): shows each command exactly as it will be written, and writes only on an explicit
 * "Write and let pi run it". The window's modal Dialog: focus on Cancel, Escape cancels.
 */
import { Dialog } from "./Dialog";

export function ConfirmCommands({ commands, onAnswer }: { commands: string[]; onAnswer: (confirmed: boolean) => void }) {
  return (
    <Dialog
      title={`pi will run ${commands.length === 1 ? "this command" : "these commands"}`}
      description={
        <p>
          Whenever pi needs this value it runs the text after <code>!</code> in your shell, with your rights. Write it only if you wrote it or trust it.
        </p>
      }
      confirmLabel="Write and let pi run it"
      destructive
      onConfirm={() => onAnswer(true)}
      onCancel={() => onAnswer(false)}
    >
      <ul className="command-list">
        {commands.map((c) => (
          <li key={c}>
            <code className="command-text">{c}</code>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
