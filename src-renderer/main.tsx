/** Entry point of the window and the tray popover, the same under Electron and `serve`: pick the transport, render. */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ApiProvider } from "./api/context";
import { connectToHost } from "./api/bridge";
import { SwitcherPage } from "./features/switcher/SwitcherPage";
import "./styles.css";

// The tray popover (src-main/electron/switcher-window.ts) loads this page at #/switcher: the switcher alone.
// Read before connecting: under serve, taking the session ticket clears the hash.
const isSwitcherPopover = location.hash === "#/switcher";
const host = connectToHost();
createRoot(document.getElementById("root")!).render(
  <ApiProvider api={host.api} onConnection={host.onConnection}>
    {isSwitcherPopover ? <SwitcherPage /> : <App />}
  </ApiProvider>,
);
