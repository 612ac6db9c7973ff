/**
 * The API of a host that can be reopened: when Preferences change the agent dir or the pi the
 * app reads, a new host (service, key feature, catalog) is opened on them and takes over, while
 * the window's IPC, the tray and every listener stay wired to this one relay. The new host's
 * first snapshot goes out at once, so the window and the tray show the new dir without a reload.
 */
import { EventEmitter } from "node:events";
import type { ApiEndpoint } from "./api-handlers.js";
import type { ApiCaller } from "./command-guard.js";
import type { ApiEvent, ApiEvents, Preferences } from "./common/index.js";
import type { SwitchboardHost } from "./create-host.js";
import { resolveAgentDir } from "./pi/agent-dir.js";

export class HostRelay implements ApiEndpoint {
  private readonly events = new EventEmitter();
  private stopForwarding: () => void;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private current: SwitchboardHost) {
    this.stopForwarding = this.forward(current);
  }

  get host(): SwitchboardHost {
    return this.current;
  }

  private forward(host: SwitchboardHost): () => void {
    return host.api.onEvent((name, payload) => this.events.emit("event", name, payload));
  }

  invoke(method: string, input: unknown, caller?: ApiCaller): Promise<unknown> {
    return this.current.api.invoke(method, input, caller);
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void {
    this.events.emit("event", event, payload);
  }

  onEvent(listener: <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void): () => void {
    this.events.on("event", listener);
    return () => this.events.off("event", listener);
  }

  /** Opens the next host and switches to it; the old one is closed only once the new one works. */
  reopen(open: () => Promise<SwitchboardHost>): Promise<SwitchboardHost> {
    const run = this.queue.then(async () => {
      const next = await open();
      const previous = this.current;
      this.stopForwarding();
      this.current = next;
      this.stopForwarding = this.forward(next);
      previous.close();
      this.emit("snapshot", next.service.snapshot());
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.stopForwarding();
    this.current.close();
    this.events.removeAllListeners();
  }
}

/** The agent dir and environment a host opens with, given the preferences: a chosen pi reaches
 *  pi's locator as PI_SWITCHBOARD_PI (locate-pi.ts), which then wins over every search. */
export function hostInputsFor(prefs: Pick<Preferences, "agentDir" | "piPath">, env: NodeJS.ProcessEnv): { agentDir: string; env: NodeJS.ProcessEnv } {
  const piEnv = prefs.piPath ? { ...env, PI_SWITCHBOARD_PI: prefs.piPath } : env;
  return { agentDir: resolveAgentDir(prefs.agentDir ?? undefined, env), env: piEnv };
}
