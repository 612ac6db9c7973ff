// @vitest-environment jsdom
/**
 * The window with a pi that does not start (real pi 0.80.7 installed as users install it): Config
 * health says pi itself fails to start with pi's own error line and the command, the Models header
 * says so beside pi's version, and both keep showing what the files say.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../../src-renderer/App";
import { HealthView } from "../../../src-renderer/features/health/HealthView";
import { ModelsHeader } from "../../../src-renderer/features/models/ModelsHeader";
import { BROKEN_PI_VERSION, brokenPiPackageDir, NODE22 } from "../../broken-pi";
import { layGlobalPrefix } from "../../installed-pis";
import { renderView } from "./render-view";

vi.setConfig({ testTimeout: 60_000 });

const scratch = mkdtempSync(join(tmpdir(), "ui-pi-start-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let env: NodeJS.ProcessEnv = {};
beforeAll(() => {
  const bin = layGlobalPrefix(join(scratch, "prefix"), brokenPiPackageDir(), { node: NODE22 });
  env = { PI_SWITCHBOARD_PI: join(bin, "pi") };
}, 300_000);

const ERROR_LINE = /^SyntaxError: The requested module '@earendil-works\/pi-ai\/oauth' does not provide an export named 'getOAuthApiKey'$/;

describe(`pi ${BROKEN_PI_VERSION}, which does not start`, () => {
  it("Config health: an alert that pi itself fails to start, pi's own error line, the command to run, and the files' health below", async () => {
    await renderView("routed", <HealthView />, { env });
    await screen.findByRole("heading", { name: "Config health" });
    const alert = screen.getAllByRole("alert").find((a) => /itself fails to start/.test(a.textContent ?? ""))!;
    expect(alert.textContent).toMatch(new RegExp(`pi ${BROKEN_PI_VERSION.replace(/\./g, "\\.")} itself fails to start\\.`));
    expect(alert.querySelector("pre")!.textContent).toMatch(ERROR_LINE);
    expect(within(alert).getByText(`${join(scratch, "prefix", "bin", "pi")} --version`).tagName).toBe("CODE");
    expect(alert.textContent).toMatch(/the app shows what the files say, unchecked by pi/);
    expect(document.body.textContent).not.toMatch(/could not be asked|Node\.js v22/);
    const models = screen.getByRole("heading", { name: /models.json/ }).closest("section")!;
    // What the files say, by pi 0.80.7's own rules, still stands.
    expect(within(models).getByText("valid")).toBeInstanceOf(HTMLElement);
    expect(models.textContent).toMatch(/is sent as the key itself by pi 0\.80\.7/);
  });

  it("Models header: pi's version, 'fails to start' with the command, and the start model the files give", async () => {
    await renderView("routed", <ModelsHeader changedThisSession={false} onChanged={() => undefined} />, { env });
    const header = await screen.findByRole("group", { name: "What pi starts with" });
    const facts = header.querySelector(".header-pi-facts")!;
    expect(facts.textContent).toMatch(new RegExp(`^${BROKEN_PI_VERSION.replace(/\./g, "\\.")} fails to start \\(run .*/bin/pi --version\\)`));
    expect(within(header).getByTitle(ERROR_LINE)).toBeInstanceOf(HTMLElement);
    expect(header.querySelector(".header-ref")?.textContent).toMatch(/\//);
  });

  it("the window's status line: 'does not start' beside pi's version, and Config health marked", async () => {
    await renderView("routed", <App />, { env });
    const foot = await waitFor(() => {
      const found = document.querySelector(".sidebar-foot");
      if (!found) throw new Error("no status line yet");
      return found;
    });
    expect(foot.textContent).toMatch(new RegExp(`^pi ${BROKEN_PI_VERSION.replace(/\./g, "\\.")} · does not start`));
    expect(within(foot as HTMLElement).getByTitle(ERROR_LINE)).toBeInstanceOf(HTMLElement);
    expect(within(screen.getByRole("button", { name: /Config health/ })).getByRole("img", { name: "problems" })).toBeInstanceOf(HTMLElement);
  });
});
