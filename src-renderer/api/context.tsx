/**
 * The API and the live snapshot for every view. The snapshot is fetched once, then replaced by
 * each 'snapshot' event (the app's own writes and external edits alike) and by command results,
 * so every view re-renders from one source of truth. A reconnect re-fetches it.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { Command, CommandResult, Snapshot, SwitchboardApi } from "../../src-main/core/common/index.js";
import type { ConnectionState } from "./socket-client";

interface ApiContextValue {
  api: SwitchboardApi;
  snapshot: Snapshot | null;
  connection: ConnectionState;
  loadError: string | null;
  /** Runs a command and adopts the snapshot it returns. */
  execute(command: Command): Promise<CommandResult>;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider(props: { api: SwitchboardApi; onConnection?: (l: (s: ConnectionState) => void) => () => void; children: ReactNode }) {
  const { api, onConnection } = props;
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [connection, setConnection] = useState<ConnectionState>(onConnection ? "connecting" : "open");
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.invoke("getSnapshot", null).then(
      (s) => {
        setSnapshot(s);
        setLoadError(null);
      },
      (e: Error) => setLoadError(e.message),
    );
  }, [api]);

  // Events and command results can cross in flight: never step back to an older revision.
  const adopt = useCallback((next: Snapshot) => setSnapshot((prev) => (!prev || next.revision >= prev.revision ? next : prev)), []);

  useEffect(() => {
    const off = api.on("snapshot", adopt);
    load();
    return off;
  }, [api, load, adopt]);

  useEffect(() => {
    if (!onConnection) return;
    let wasClosed = false;
    return onConnection((state) => {
      setConnection(state);
      if (state === "closed") wasClosed = true;
      if (state === "open" && wasClosed) {
        wasClosed = false;
        load();
      }
    });
  }, [onConnection, load]);

  const execute = useCallback(
    async (command: Command) => {
      // A write that introduces a `!command` is asked about by the main process itself, not here (command-guard.ts).
      const result = await api.invoke("execute", command);
      if (result.ok) adopt(result.snapshot);
      return result;
    },
    [api, adopt],
  );

  return (
    <ApiContext.Provider value={{ api, snapshot, connection, loadError, execute }}>
      {props.children}
    </ApiContext.Provider>
  );
}

export function useSwitchboard(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error("useSwitchboard outside ApiProvider");
  return value;
}

/** Features that may be absent in a host answer "… is not available"; views degrade on it. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof Error && /not available/i.test(error.message);
}
