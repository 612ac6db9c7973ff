// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { Dialog, useConfirm, type ConfirmOptions } from "../../../src-renderer/ui/Dialog";

const FORGET: ConfirmOptions = { title: "Forget the key?", description: "pi can no longer read it.", confirmLabel: "Forget key", destructive: true };

/** A view with one button that asks, and a line that shows the last answer. */
function Asker({ options = FORGET }: { options?: ConfirmOptions }) {
  const [confirm, confirmDialog] = useConfirm();
  const [answer, setAnswer] = useState("none");
  return (
    <div>
      <button type="button" onClick={() => void confirm(options).then((yes) => setAnswer(String(yes)))}>
        Forget key
      </button>
      <output>{answer}</output>
      {confirmDialog}
    </div>
  );
}

async function open(): Promise<HTMLElement> {
  const opener = screen.getByRole("button", { name: "Forget key" });
  opener.focus();
  await act(async () => fireEvent.click(opener));
  return screen.getByRole("dialog");
}

describe("Dialog and useConfirm", () => {
  it("names the dialog by its title, describes it, starts on Cancel and answers true on the confirm button", async () => {
    render(<Asker />);
    const dialog = await open();
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Forget the key?");
    expect(screen.getByRole("dialog", { name: "Forget the key?", description: "pi can no longer read it." })).toBe(dialog);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    const confirmButton = dialog.querySelector<HTMLButtonElement>("button.destructive")!;
    expect(confirmButton.textContent).toBe("Forget key");
    await act(async () => fireEvent.click(confirmButton));
    expect(screen.getByRole("status").textContent).toBe("true");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("answers false on Cancel and on Escape, and gives focus back to the opener", async () => {
    render(<Asker />);
    await open();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Cancel" })));
    expect(screen.getByRole("status").textContent).toBe("false");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Forget key" }));

    const dialog = await open();
    expect(screen.getByRole("status").textContent).toBe("false");
    await act(async () => fireEvent.keyDown(dialog, { key: "Escape" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("false");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Forget key" }));
  });

  it("keeps Tab inside: past the last button to the first, Shift+Tab from the first to the last", async () => {
    render(<Asker options={{ ...FORGET, children: <a href="#details">Details</a> }} />);
    const dialog = await open();
    const link = screen.getByRole("link", { name: "Details" });
    const [cancel, confirmButton] = [...dialog.querySelectorAll("button")];
    confirmButton!.focus();
    fireEvent.keyDown(confirmButton!, { key: "Tab" });
    expect(document.activeElement).toBe(link);
    fireEvent.keyDown(link, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirmButton);
    // In the middle, Tab is left to the browser.
    cancel!.focus();
    expect(fireEvent.keyDown(cancel!, { key: "Tab" })).toBe(true);
  });

  it("a plain confirm uses the primary colour, not the danger one", async () => {
    render(<Asker options={{ title: "Restore models.json?", confirmLabel: "Restore" }} />);
    const dialog = await open();
    expect(dialog.querySelector("button.primary")!.textContent).toBe("Restore");
    expect(dialog.querySelector("button.destructive")).toBeNull();
  });

  it("answers false to a question left open when the view goes away", async () => {
    let answer: boolean | undefined;
    function Leaver() {
      const [confirm, confirmDialog] = useConfirm();
      return (
        <>
          <button type="button" onClick={() => void confirm(FORGET).then((yes) => (answer = yes))}>
            Forget key
          </button>
          {confirmDialog}
        </>
      );
    }
    const { unmount } = render(<Leaver />);
    await open();
    unmount();
    await act(async () => {});
    expect(answer).toBe(false);
  });
});

describe("Dialog while its action runs", () => {
  it("says what it is doing, keeps focus inside and ignores Escape, Cancel and a second confirm", async () => {
    const calls: string[] = [];
    const { rerender } = render(<Dialog title="Restore models.json?" confirmLabel="Restore" onConfirm={() => calls.push("confirm")} onCancel={() => calls.push("cancel")} />);
    const dialog = screen.getByRole("dialog", { name: "Restore models.json?" });
    fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    expect(calls).toEqual(["confirm"]);
    rerender(<Dialog title="Restore models.json?" confirmLabel="Restore" busy="Restoring…" onConfirm={() => calls.push("confirm")} onCancel={() => calls.push("cancel")} />);
    const working = screen.getByRole("button", { name: "Restoring…" });
    expect(working.getAttribute("aria-disabled")).toBe("true");
    expect(dialog.getAttribute("aria-busy")).toBe("true");
    fireEvent.click(working);
    fireEvent.keyDown(dialog, { key: "Escape" });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(calls).toEqual(["confirm"]);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });
});
