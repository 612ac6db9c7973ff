/**
 * The renderer's API in component tests is the real one: an ApiHost over a SwitchboardService on
 * a temp copy of a fixture agent dir, with each request and event passed through JSON as the
 * serve transport does. Nothing is stubbed; views read and write real files, and the catalog
 * talks to the fake OpenRouter (the one stand-in: the real one is out of reach).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { configure } from "@testing-library/react";
import { join } from "node:path";
import type { ApiEvent, ApiEvents, ApiMethod, ApiMethods, SwitchboardApi } from "../../../src-main/core/common/index.js";
import type { ApiCaller } from "../../../src-main/core/command-guard";
import { createHost, type HostFeatures, type SwitchboardHost } from "../../../src-main/core/create-host";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../fake-openrouter/server";
import { DEFAULT_KEY } from "../../fake-openrouter/table";
import { DEV_PI_ENV } from "../../installed-pis.js";
import { withSharedPiStarts } from "../../shared-pi-answers.js";

// Real file I/O and a real pi catalog on a shared 2-core CI machine: wait for the UI like a user
// would, not for Testing Library's 1 s default.
configure({ asyncUtilTimeout: 10_000 });

export const FIXTURES = join(import.meta.dirname, "..", "..", "e2e", "fixtures");

export interface RealApi {
  api: SwitchboardApi;
  host: SwitchboardHost;
  dir: string;
  fake: FakeOpenRouter;
  close(): Promise<void>;
}

/** `caller`: what the transport vouches for; Electron's IPC passes a window that confirms `!command` writes, serve does not. */
/** `env`: laid over the default environment (another pi than the repo's 0.73.1, for one). */
export async function openRealApi(fixture: string, options: { caller?: ApiCaller; features?: (dir: string) => HostFeatures; env?: NodeJS.ProcessEnv } = {}): Promise<RealApi> {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-ui-"));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const fake = await startFakeOpenRouter();
  const cacheHome = join(dir, ".cache");
  const env = { ...DEV_PI_ENV, OPENROUTER_API_KEY: DEFAULT_KEY, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, XDG_CACHE_HOME: cacheHome, PI_SWITCHBOARD_DATA_DIR: join(dir, ".switchboard"), PI_SWITCHBOARD_VAULT_SERVICE: `pi-switchboard-ui-${process.pid}-${Date.now()}`, ...options.env };
  const host = await withSharedPiStarts(cacheHome, () => createHost({ agentDir: dir, env, features: options.features?.(dir) }));
  const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  // Calls still in flight when a test ends (a view's mount-time keyStatus waiting on a loaded
  // keyring, say): close() waits for them, so none settles into React after the file's jsdom is gone.
  const inFlight = new Set<Promise<unknown>>();
  const api: SwitchboardApi = {
    invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]) {
      const call = (async () => roundTrip(await host.api.invoke(method, roundTrip(input), options.caller)) as ApiMethods[M]["output"])();
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call)).catch(() => {});
      return call;
    },
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void) {
      return host.api.onEvent((name, payload) => {
        if ((name as string) === event) listener(roundTrip(payload) as unknown as ApiEvents[E]);
      });
    },
  };
  return {
    api,
    host,
    dir,
    fake,
    async close() {
      await Promise.allSettled(inFlight);
      host.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
