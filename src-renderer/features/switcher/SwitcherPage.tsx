/**
 * The tray popover's page (`#/switcher`, main.tsx): only the quick switcher, filling the small
 * frameless window. The window is hidden rather than closed between uses (switcher-window.ts), so
 * each time it shows again the search starts empty with the focus in it.
 */
import { useEffect, useState } from "react";
import { QuickSwitcher } from "./QuickSwitcher";

export function SwitcherPage() {
  const [openCount, setOpenCount] = useState(0);
  useEffect(() => {
    const reopened = () => {
      if (document.visibilityState === "visible") setOpenCount((n) => n + 1);
    };
    document.addEventListener("visibilitychange", reopened);
    return () => document.removeEventListener("visibilitychange", reopened);
  }, []);
  return (
    <main className="switcher-page" aria-label="Quick switcher">
      <QuickSwitcher openCount={openCount} />
    </main>
  );
}
