// @vitest-environment jsdom
/**
 * The Preferences view over the real API: a real host (service, key feature, catalog on the fake
 * OpenRouter) behind the HostRelay the tray app uses, with the core's AppPreferences. Choosing an
 * agent dir or a pi reopens the host on it for real, and the view shows the new snapshot. Only
 * the OS side of a shortcut (Electron's globalShortcut) is played by the test: it reports one
 * accelerator as taken, as Electron does when another app holds it.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../../src-renderer/App";
import { ApiProvider } from "../../../src-renderer/api/context";
import { KeyView } from "../../../src-renderer/features/key/KeyView";
import { PreferencesView } from "../../../src-renderer/features/preferences/PreferencesView";
import type { ApiEvent, ApiEvents, ApiMethod, ApiMethods, PreferenceChange, SwitchboardApi } from "../../../src-main/core/common/index.js";
import { createHost } from "../../../src-main/core/create-host";
import { HostRelay, hostInputsFor } from "../../../src-main/core/host-relay";
import { AppPreferences, MemoryPreferencesStorage, servePreferences } from "../../../src-main/core/preferences/app-preferences";
import { startFakeOpenRouter, type FakeOpenRouter } from "../../fake-openrouter/server";
import { DEV_PI_ENV, findTestPi, piBinEntry } from "../../installed-pis";
import { withSharedPiStarts } from "../../shared-pi-answers.js";
import { FIXTURES } from "./real-api";

const TAKEN = "CommandOrControl+Shift+K";

interface Opened {
  api: SwitchboardApi;
  relay: HostRelay;
  root: string;
  dirA: string;
  dirB: string;
  storage: MemoryPreferencesStorage;
  applied: PreferenceChange[];
  fake: FakeOpenRouter;
}
let opened: Opened | null = null;

afterEach(async () => {
  cleanup();
  if (opened) {
    opened.relay.close();
    await opened.fake.close();
    rmSync(opened.root, { recursive: true, force: true });
    opened = null;
  }
  history.replaceState(null, "", "#");
});

function jsonApi(relay: HostRelay): SwitchboardApi {
  const roundTrip = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    async invoke<M extends ApiMethod>(method: M, input: ApiMethods[M]["input"]) {
      return roundTrip(await relay.invoke(method, roundTrip(input))) as ApiMethods[M]["output"];
    },
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void) {
      return relay.onEvent((name, payload) => {
        if ((name as string) === event) listener(roundTrip(payload) as unknown as ApiEvents[E]);
      });
    },
  };
}

/** The tray app's wiring (main.ts) without Electron: preferences applied to a relay over real hosts. */
async function openTrayLike(platform: NodeJS.Platform = "linux", fakeOptions: Parameters<typeof startFakeOpenRouter>[0] = {}): Promise<Opened> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "switchboard-prefs-ui-")));
  const dirA = join(root, "agent-a");
  const dirB = join(root, "agent-b");
  cpSync(join(FIXTURES, "routed"), dirA, { recursive: true });
  cpSync(join(FIXTURES, "broken"), dirB, { recursive: true });
  const fake = await startFakeOpenRouter(fakeOptions);
  // PI_SWITCHBOARD_CLI: the key feature names the app by it; under jsdom import.meta.url is no file URL to derive it from.
  const env = { ...DEV_PI_ENV, PI_SWITCHBOARD_CLI: "pi-switchboard", PI_CODING_AGENT_DIR: dirA, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, XDG_CACHE_HOME: join(root, ".cache"), PI_SWITCHBOARD_DATA_DIR: join(root, ".switchboard"), PI_SWITCHBOARD_VAULT_SERVICE: `pi-switchboard-prefs-${process.pid}-${Date.now()}` };
  const storage = new MemoryPreferencesStorage();
  const applied: PreferenceChange[] = [];
  let relay: HostRelay | null = null;
  const preferences: AppPreferences = new AppPreferences({
    host: "electron",
    storage,
    platform,
    agentDirInUse: () => relay!.host.service.paths.dir,
    defaultAgentDir: dirA,
    apply: async (change) => {
      applied.push(change);
      if (change.key === "shortcut" && change.value === TAKEN) return `The shortcut ${TAKEN} is taken by another app; pick another one.`;
      if (change.key === "agentDir" || change.key === "piPath") {
        await relay!.reopen(() => createHost({ ...hostInputsFor({ ...storage.read(), [change.key]: change.value }, env), features: { preferences } }));
      }
      return null;
    },
  });
  relay = new HostRelay(await withSharedPiStarts(env.XDG_CACHE_HOME, () => createHost({ ...hostInputsFor(storage.read(), env), features: { preferences } })));
  opened = { api: jsonApi(relay), relay, root, dirA, dirB, storage, applied, fake };
  return opened;
}

function card(name: RegExp | string): HTMLElement {
  return screen.getByRole("heading", { level: 3, name }).closest("section")!;
}

describe("Preferences (tray app host)", () => {
  it("shows the detected pi and refuses a path that holds no pi package, naming what to pick", async () => {
    const o = await openTrayLike();
    render(<ApiProvider api={o.api}><PreferencesView /></ApiProvider>);
    await screen.findByRole("heading", { level: 3, name: "Agent dir" });
    const pi = card("pi");
    await waitFor(() => expect(within(pi).getByTestId("pi-summary").textContent).toMatch(/^pi 0\.73\.1 at \/.*pi-coding-agent \(Node/));
    expect(within(pi).getByText(/Detected:/)).toBeInstanceOf(HTMLElement);

    mkdirSync(join(o.root, "bin"));
    const notPi = join(o.root, "bin", "pi");
    writeFileSync(notPi, "#!/bin/sh\necho hi\n");
    chmodSync(notPi, 0o755);
    fireEvent.change(within(pi).getByLabelText("pi executable"), { target: { value: notPi } });
    await act(async () => fireEvent.click(within(pi).getByRole("button", { name: "Use this" })));
    expect((await within(pi).findByRole("alert")).textContent).toMatch(/^No pi package at .*\/bin\/pi: pick the `pi` executable or the folder of @earendil-works\/pi-coding-agent/);
    expect(o.storage.read().piPath).toBeNull();
    expect(o.applied).toEqual([]);
  });

  it("switches to a chosen pi live: the host reopens and the view names the new pi", async () => {
    const pkg = findTestPi("1.6.0");
    if (!pkg) return void console.warn("skipped the pi 1.6.0 switch: no pi 1.6.0 installed (npm test installs it into .pis/)");
    const o = await openTrayLike();
    render(<ApiProvider api={o.api}><PreferencesView /></ApiProvider>);
    await screen.findByRole("heading", { level: 3, name: "Agent dir" });
    const pi = card("pi");
    await waitFor(() => expect(within(pi).getByTestId("pi-summary").textContent).toMatch(/^pi 0\.73\.1/));
    fireEvent.change(within(pi).getByLabelText("pi executable"), { target: { value: join(pkg, piBinEntry(pkg)) } });
    await act(async () => fireEvent.click(within(pi).getByRole("button", { name: "Use this" })));
    await within(pi).findByText("pi chosen: the app now reads this pi.");
    await waitFor(() => expect(within(pi).getByTestId("pi-summary").textContent).toMatch(/^pi 1\.6\.0 at /));
    expect(within(pi).getByText(/Chosen:/)).toBeInstanceOf(HTMLElement);
    expect(o.relay.host.service.snapshot().pi.version).toBe("1.6.0");
  });

  it("reads another agent dir once it is chosen, in the whole window, and refuses a missing one", async () => {
    const o = await openTrayLike();
    history.replaceState(null, "", "#/preferences");
    render(<ApiProvider api={o.api}><App /></ApiProvider>);
    await screen.findByRole("heading", { level: 3, name: "Agent dir" });
    const dirCard = card("Agent dir");
    await waitFor(() => expect(within(dirCard).getByText(o.dirA)).toBeInstanceOf(HTMLElement));

    fireEvent.change(within(dirCard).getByLabelText("Agent dir"), { target: { value: join(o.root, "nowhere") } });
    await act(async () => fireEvent.click(within(dirCard).getByRole("button", { name: "Use this" })));
    expect((await within(dirCard).findByRole("alert")).textContent).toMatch(/nowhere does not exist\. pi creates its agent dir on first run/);

    fireEvent.change(within(dirCard).getByLabelText("Agent dir"), { target: { value: o.dirB } });
    await act(async () => fireEvent.click(within(dirCard).getByRole("button", { name: "Use this" })));
    await within(dirCard).findByText("Now reading this agent dir.");
    expect(within(dirCard).getByText(o.dirB)).toBeInstanceOf(HTMLElement);
    // The new host's snapshot reached the whole window: agent-b's models.json is broken.
    await waitFor(() => expect(screen.getByRole("navigation").textContent).toContain(o.dirB));
    expect(await screen.findByText(/models.json has errors, so pi drops all its custom models/)).toBeInstanceOf(HTMLElement);
    // Back to the default.
    await act(async () => fireEvent.click(within(dirCard).getByRole("button", { name: "Use the default" })));
    await waitFor(() => expect(screen.getByRole("navigation").textContent).toContain(o.dirA));
    expect(o.storage.read().agentDir).toBeNull();
  });

  it("records a shortcut by pressing it, shows a taken one as a conflict and keeps the old one", async () => {
    const o = await openTrayLike("darwin");
    render(<ApiProvider api={o.api}><PreferencesView /></ApiProvider>);
    await screen.findByRole("heading", { level: 3, name: "Agent dir" });
    const sc = card("Global shortcut");
    const field = within(sc).getByRole("button", { name: /^Shortcut: ⌥⌘P/ });
    fireEvent.click(field);
    expect(field.textContent).toBe("Press the new shortcut…");
    // ⌘⌥ held, then 1 (macOS reports key "¡" for Option+1; the physical key counts).
    fireEvent.keyDown(field, { key: "Meta", code: "MetaLeft", metaKey: true });
    fireEvent.keyDown(field, { key: "Alt", code: "AltLeft", metaKey: true, altKey: true });
    expect(field.textContent).toBe("⌥⌘…");
    await act(async () => fireEvent.keyDown(field, { key: "¡", code: "Digit1", metaKey: true, altKey: true }));
    await within(sc).findByText("Shortcut set: ⌥⌘1.");
    expect(o.storage.read().shortcut).toBe("CommandOrControl+Alt+1");

    // Option+2 alone cannot work on macOS: said at once, nothing sent.
    fireEvent.click(field);
    fireEvent.keyDown(field, { key: "™", code: "Digit2", altKey: true });
    expect(within(sc).getByRole("alert").textContent).toMatch(/On macOS, Option\+2 types a character/);
    expect(o.applied.filter((c) => c.key === "shortcut")).toHaveLength(1);

    // Taken by another app: refused with the reason, the old shortcut stays.
    await act(async () => fireEvent.keyDown(field, { key: "k", code: "KeyK", metaKey: true, shiftKey: true }));
    expect((await within(sc).findByText(/is taken by another app/)).textContent).toBe(`The shortcut ${TAKEN} is taken by another app; pick another one.`);
    expect(o.storage.read().shortcut).toBe("CommandOrControl+Alt+1");
    expect(o.applied.filter((c) => c.key === "shortcut").map((c) => c.value)).toEqual(["CommandOrControl+Alt+1", TAKEN, "CommandOrControl+Alt+1"]);

    await act(async () => fireEvent.click(within(sc).getByRole("button", { name: "Reset to ⌥⌘P" })));
    await within(sc).findByText("Shortcut set: ⌥⌘P.");
  });

  it("sets launch at login, the Dock icon on macOS and the credit threshold, each applied as it changes", async () => {
    const o = await openTrayLike("darwin");
    render(<ApiProvider api={o.api}><PreferencesView /></ApiProvider>);
    await screen.findByRole("heading", { level: 3, name: "Agent dir" });
    await act(async () => fireEvent.click(screen.getByRole("checkbox", { name: "Launch at login" })));
    await screen.findByText("Starts at login.");
    await act(async () => fireEvent.click(screen.getByRole("checkbox", { name: "Show the Dock icon" })));
    await screen.findByText("Dock icon shown.");
    fireEvent.change(screen.getByLabelText("Warn below $"), { target: { value: "2.5" } });
    await act(async () => fireEvent.click(within(card("Low-credit warning")).getByRole("button", { name: "Save" })));
    await screen.findByText("Warns below $2.5.");
    expect(o.storage.read()).toMatchObject({ launchAtLogin: true, showDockIcon: true, lowCreditThreshold: 2.5 });
    expect(o.applied.map((c) => c.key)).toEqual(["launchAtLogin", "showDockIcon", "lowCreditThreshold"]);
  });

  it("offers the Dock icon only on macOS", async () => {
    await openTrayLike("linux");
    render(<ApiProvider api={opened!.api}><PreferencesView /></ApiProvider>);
    await screen.findByRole("heading", { level: 3, name: "Agent dir" });
    expect((screen.getByRole("checkbox", { name: "Show the Dock icon" }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText("macOS only: elsewhere the app lives in the tray.")).toBeInstanceOf(HTMLElement);
  });

  it("refuses a malformed change at the API boundary", async () => {
    const o = await openTrayLike();
    await expect(o.relay.invoke("setPreference", { key: "shortcut", value: 5 })).rejects.toThrow(/Invalid input for setPreference/);
    await expect(o.relay.invoke("setPreference", { key: "nope", value: true })).rejects.toThrow(/Invalid input/);
    await expect(o.relay.invoke("setPreference", { key: "lowCreditThreshold", value: -1 })).rejects.toThrow(/Invalid input/);
  });
});

describe("the low-credit warning", () => {
  it("shows in the Key view's credits card once OpenRouter reports less left than the threshold, and follows a new threshold", async () => {
    const key = `sk-or-v1-limited-${process.pid}-0123456789abcdef`;
    const o = await openTrayLike("linux", { keys: [{ key, label: "limited", limit: 5, usage: 4, isFreeTier: false, credits: 10 }] });
    render(<ApiProvider api={o.api}><KeyView /></ApiProvider>);
    await screen.findByRole("heading", { name: "Status" });
    fireEvent.change(screen.getByLabelText("OpenRouter API key"), { target: { value: key } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Store in vault" })));
    await screen.findByText("Key stored in the OS vault.");
    // pi has no key of its own here: the credits are the vault key's.
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Refresh credits" })));
    await waitFor(() => expect(screen.getByTestId("credits-balance").textContent).toMatch(/^\$1\.00 left/));
    expect(screen.queryByText(/Low balance/)).toBeNull();
    await act(async () => void (await o.api.invoke("setPreference", { key: "lowCreditThreshold", value: 2 })));
    expect((await screen.findByText(/^Low balance:/)).textContent).toMatch(/\$1\.00 left, below your \$2 warning/);
    await act(async () => void (await o.api.invoke("setPreference", { key: "lowCreditThreshold", value: 0.5 })));
    await waitFor(() => expect(screen.queryByText(/^Low balance:/)).toBeNull());
    await act(async () => void (await o.api.invoke("keyForget", null)));
  });
});

describe("Preferences under serve", () => {
  it("shows pi and the agent dir with how to change them, and the tray-only preferences as such", async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), "switchboard-prefs-serve-")));
    const dir = join(root, "agent");
    cpSync(join(FIXTURES, "routed"), dir, { recursive: true });
    const fake = await startFakeOpenRouter();
    const env = { ...DEV_PI_ENV, PI_SWITCHBOARD_OPENROUTER_URL: fake.baseUrl, XDG_CACHE_HOME: join(root, ".cache"), PI_SWITCHBOARD_DATA_DIR: join(root, ".switchboard") };
    const preferences = servePreferences({ agentDir: dir, agentDirFlag: dir, defaultAgentDir: join(root, ".pi", "agent"), env, platform: "linux" });
    const relay = new HostRelay(await withSharedPiStarts(env.XDG_CACHE_HOME, () => createHost({ agentDir: dir, env, features: { preferences } })));
    opened = { api: jsonApi(relay), relay, root, dirA: dir, dirB: dir, storage: new MemoryPreferencesStorage(), applied: [], fake };
    render(<ApiProvider api={opened.api}><PreferencesView /></ApiProvider>);
    await screen.findByText(/in your browser: it shows what serve runs on/);
    expect(within(card("pi")).getByText(/From PI_SWITCHBOARD_PI:/)).toBeInstanceOf(HTMLElement);
    expect(within(card("pi")).getByText(/restart it with PI_SWITCHBOARD_PI=/)).toBeInstanceOf(HTMLElement);
    expect(within(card("pi")).queryByLabelText("pi executable")).toBeNull();
    expect(within(card("Agent dir")).getByText(/restart it with --agent-dir DIR/)).toBeInstanceOf(HTMLElement);
    expect(within(card("Global shortcut")).getByText(/Only the tray app/)).toBeInstanceOf(HTMLElement);
    expect((screen.getByRole("checkbox", { name: "Launch at login" }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Warn below $"), { target: { value: "1" } });
    await act(async () => fireEvent.click(within(card("Low-credit warning")).getByRole("button", { name: "Save" })));
    await screen.findByText("Warns below $1.");
  });
});
