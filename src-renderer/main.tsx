/** Entry point of the window, the same under Electron and `serve`: pick the transport, render. */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ApiProvider } from "./api/context";
import { connectToHost } from "./api/bridge";
import "./styles.css";

const host = connectToHost();
createRoot(document.getElementById("root")!).render(
  <ApiProvider api={host.api} onConnection={host.onConnection}>
    <App />
  </ApiProvider>,
);
