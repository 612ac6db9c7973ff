/**
 * The renderer's API in component tests is the real one: an ApiHost over a SwitchboardService on
 * a temp copy of a fixture agent dir, with each request and event passed through JSON as the
 * serve transport does. Nothing is stubbed; views read and write real files, and the catalog
 * talks to the fake OpenRouter (the one stand-in: the real one is out of reach).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { configure } from "@testing-library/react";
import { dirname, join } from "node:path";
import type { ApiEvent, ApiEvents, ApiMethod, ApiMethods, SwitchboardApi } from "../../../src-main/core/common/index.js";
import type { ApiCaller } from "../../../src-main/core/command-guard";
import { createHost, type HostFeatures, type SwitchboardHost } from "../../../src-main/core/create-host";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../fake-openrouter/server";
import { DEFAULT_KEY } from "../../fake-openrouter/table";
import { DEV_PI_ENV } from "../../installed-pis.js";

// Real file I/O and a real pi catalog on a shared 2-core CI machine: wait for the UI like a user
// would, not for Testing Library's 1 s default.
configure({ asyncUtilTimeout: 10_000 });

export const FIXTURES = join(import.meta.dirname, "..", "..", "e2e", "fixtures");

/**
 * Each test gets its own app cache dir (the OpenRouter catalog cached there would serve another
 * test's fake server's list), but not its own `pi --version`: that run costs 2-4 s on a loaded
 * machine, in every test, and answers the same for the same install. Its memo (pi-start-memo.ts),
 * keyed by everything that decides whether pi starts and remembering only starts that worked, is
 * shared by the tests of one vitest run (the forks pool's workers are children of its main
 * process): copied into a test's cache dir before its host opens, and the first one written copied
 * back. A pi that does not start (pi-start-failure) is still run every time.
 */
const SHARED_START_MEMO = join(tmpdir(), `switchboard-ui-pi-starts-${process.ppid}.json`);

/** The memos of runs that ended (their main process is gone): nothing else removes them. */
function removeEndedRunsMemos(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^switchboard-ui-pi-starts-(\d+)\.json$/.exec(name)?.[1];
    if (!pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      rmSync(join(tmpdir(), name), { force: true });
    }
  }
}

/** Opens a host (`open`) whose env has `XDG_CACHE_HOME` = `cacheHome`, with pi starts remembered across the run's tests. */
export async function withSharedPiStarts<T>(cacheHome: string, open: () => Promise<T>): Promise<T> {
  const memo = join(cacheHome, "pi-switchboard", "pi-starts.json");
  if (existsSync(SHARED_START_MEMO) && !existsSync(memo)) {
    mkdirSync(dirname(memo), { recursive: true });
    copyFileSync(SHARED_START_MEMO, memo);
  }
  const opened = await open();
  if (!existsSync(SHARED_START_MEMO) && existsSync(memo)) {
    removeEndedRunsMemos();
    // Aside and renamed: a worker reading it at the same time sees all of it or none.
    const temp = `${SHARED_START_MEMO}.${process.pid}.tmp`;
    copyFileSync(memo, temp);
    renameSync(temp, SHARED_START_MEMO);
  }
  return opened;
}

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
  const api: SwitchboardApi = {
    async invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]) {
      return roundTrip(await host.api.invoke(method, roundTrip(input), options.caller)) as ApiMethods[M]["output"];
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
      host.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
