// @vitest-environment jsdom
/**
 * The key view's credits card and serve's low-balance notice over the real API (a host on a copy
 * of a fixture agent dir, pi's key from OPENROUTER_API_KEY, the fake OpenRouter's GET /key and
 * GET /credits): the figures, Refresh with its progress, an error that says what to do, the
 * threshold edited in place, and the notice that appears once per crossing.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { servePreferences } from "../../../src-main/core/preferences/app-preferences";
import { CreditsCard, ageText } from "../../../src-renderer/features/key/CreditsCard";
import { LowBalanceNotice } from "../../../src-renderer/features/key/LowBalanceNotice";
import { DEFAULT_KEY, defaultKeys } from "../../fake-openrouter/table";
import { renderView } from "./render-view";

const withServePreferences = { features: (dir: string) => ({ preferences: servePreferences({ agentDir: dir, agentDirFlag: dir, defaultAgentDir: dir }) }) };

const card = () => screen.getByRole("heading", { level: 3, name: "Credits" }).closest("section")!;

describe("the credits card", () => {
  it("shows what the key pi uses has left, refreshes with progress, and never shows the key", async () => {
    const real = await renderView("routed", <CreditsCard />);
    await waitFor(() => expect(screen.getByTestId("credits-balance").textContent).toBe("$10.00 left before requests stop"));
    const facts = within(card());
    expect(facts.getByText("Account credits").nextElementSibling!.textContent).toBe("$10.00 left of $11.25 bought ($1.25 used)");
    expect(facts.getByText("Key limit").nextElementSibling!.textContent).toBe("none (the account's credits are the limit)");
    expect(facts.getByText("Key usage").nextElementSibling!.textContent).toBe("today $1.25, this week $1.25, this month $1.25");
    expect(facts.getByText("Key asked").nextElementSibling!.textContent).toMatch(/OPENROUTER_API_KEY/);
    expect(facts.getByText("Checked").nextElementSibling!.textContent).toMatch(/^just now/);

    real.fake.configure({ keys: [{ ...defaultKeys()[0]!, limit: 4, limitReset: "weekly", usage: 3, credits: 8 }] });
    fireEvent.click(screen.getByRole("button", { name: "Refresh credits" }));
    expect(screen.getByRole("button", { name: "Checking with OpenRouter…" })).toHaveProperty("disabled", true);
    expect(card().getAttribute("aria-busy")).toBe("true");
    await waitFor(() => expect(screen.getByTestId("credits-balance").textContent).toBe("$1.00 left before requests stop"));
    expect(facts.getByText("Key limit").nextElementSibling!.textContent).toBe("$4.00, $1.00 left, resets every week (UTC)");
    expect(document.body.innerHTML).not.toContain(DEFAULT_KEY);
  });

  it("a rejected key says what to do", async () => {
    const real = await renderView("routed", <CreditsCard />);
    await screen.findByTestId("credits-balance");
    real.fake.configure({ keys: [] });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Refresh credits" })));
    expect((await within(card()).findByRole("alert")).textContent).toMatch(/rejected the key \(401\).*https:\/\/openrouter\.ai\/settings\/keys/);
  });

  it("edits the warning threshold in place; a bad amount is refused with what to type", async () => {
    const real = await renderView("routed", <CreditsCard />, withServePreferences);
    await screen.findByTestId("credits-balance");
    const input = screen.getByLabelText("Warn below (USD)");
    fireEvent.change(input, { target: { value: "-3" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save warning" })));
    expect(screen.getByRole("alert").textContent).toMatch(/Enter an amount in USD/);
    fireEvent.change(input, { target: { value: "12.5" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save warning" })));
    await screen.findByText(/^Low balance: \$10\.00 left, below your \$12\.50 warning/);
    expect((await real.api.invoke("getPreferences", null)).values.lowCreditThreshold).toBe(12.5);
  });
});

describe("serve's low-balance notice", () => {
  it("appears once when a check crosses below the threshold, and again only after a recovery", async () => {
    let opened = 0;
    const real = await renderView("routed", <LowBalanceNotice onOpenKey={() => opened++} />, withServePreferences);
    await act(async () => void (await real.api.invoke("setPreference", { key: "lowCreditThreshold", value: 5 })));
    await act(async () => void (await real.api.invoke("keyCredits", { refresh: true })));
    expect(screen.queryByText(/below your/)).toBeNull();

    real.fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 3 }] });
    await act(async () => void (await real.api.invoke("keyCredits", { refresh: true })));
    await screen.findByText("OpenRouter balance $3.00 is below your $5 threshold — add credits at https://openrouter.ai/settings/credits", { exact: false });
    fireEvent.click(screen.getByRole("button", { name: "Open Key" }));
    expect(opened).toBe(1);
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    // Still below: no second notice.
    await act(async () => void (await real.api.invoke("keyCredits", { refresh: true })));
    expect(screen.queryByText(/below your/)).toBeNull();
    // Recovered, then below again: a new notice.
    real.fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 9 }] });
    await act(async () => void (await real.api.invoke("keyCredits", { refresh: true })));
    real.fake.configure({ keys: [{ ...defaultKeys()[0]!, credits: 2 }] });
    await act(async () => void (await real.api.invoke("keyCredits", { refresh: true })));
    await screen.findByText(/OpenRouter balance \$2\.00 is below your \$5 threshold/);
  });
});

it("ageText says how old the figures are", () => {
  const at = "2026-01-01T12:00:00Z";
  const t = Date.parse(at);
  expect([0, 50, 600, 7200, 3 * 86400].map((s) => ageText(at, t + s * 1000))).toEqual(["just now", "1 min ago", "10 min ago", "2 h ago", "3 days ago"]);
});
