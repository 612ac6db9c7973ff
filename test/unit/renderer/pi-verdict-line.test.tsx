// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PiVerdict } from "../../../src-main/core/common/index.js";
import { PiVerdictLine } from "../../../src-renderer/features/health/PiVerdictLine";

const base: PiVerdict = { state: "agrees", piVersion: "1.6.0", checkedAt: "2026-12-04T06:00:00.000Z", differences: [], moreDifferences: 0, note: "pi 1.6.0 agrees", rulesBasis: "1.6.0", leanOnPi: false, modelsJsonAccepted: true };

describe("pi's verdict line", () => {
  it("says pi agrees in one line, without a list", () => {
    const { container } = render(<PiVerdictLine verdict={base} />);
    expect(screen.getByRole("status").textContent).toBe("✓ pi 1.6.0 agrees");
    expect(container.querySelector("details")).toBeNull();
  });

  it("lists where pi disagrees, says pi's answer is the one pi acts on, and stands out when pi decides", () => {
    const verdict: PiVerdict = {
      ...base,
      state: "disagrees",
      note: "pi 1.7.0 disagrees on 2 things: pi's answer is what pi will act on (the app applies pi 1.6.0's rules to pi 1.7.0: pi's verdict decides)",
      piVersion: "1.7.0",
      leanOnPi: true,
      differences: [
        { field: "routing", ref: "openrouter/a/b", pi: 'sends {"only":["groq"]}', app: "says none" },
        { field: "key", ref: "openrouter", pi: "uses the key from models.json apiKey", app: "env → $OPENROUTER_API_KEY" },
      ],
      moreDifferences: 3,
    };
    const { container } = render(<PiVerdictLine verdict={verdict} />);
    expect(screen.getByRole("status").textContent).toMatch(/pi's answer is what pi will act on/);
    const items = [...container.querySelectorAll("details li")].map((li) => li.textContent);
    expect(items).toEqual(['routing openrouter/a/b: pi sends {"only":["groq"]} · the app: says none', "key openrouter: pi uses the key from models.json apiKey · the app: env → $OPENROUTER_API_KEY", "… and 3 more"]);
    expect(container.querySelector(".verdict-prominent")).toBeInstanceOf(HTMLElement);
  });

  it("beside pi's version says only 'agrees' or 'checking', as wide as each other, with the full note as the tooltip", () => {
    const pending: PiVerdict = { ...base, state: "pending", checkedAt: null, note: "Checking with pi 1.6.0…" };
    const { rerender } = render(<PiVerdictLine verdict={pending} besideVersion />);
    expect(screen.getByRole("status").textContent).toBe("… checking");
    expect(screen.getByRole("status").getAttribute("title")).toBe("Checking with pi 1.6.0…");
    rerender(<PiVerdictLine verdict={base} besideVersion />);
    expect(screen.getByRole("status").textContent).toBe("✓ agrees");
    expect(screen.getByRole("status").getAttribute("title")).toMatch(/^pi 1\.6\.0 agrees · checked /);
    // What the user must read (pi disagrees, refuses, cannot be asked) stays whole.
    rerender(<PiVerdictLine verdict={{ ...base, state: "error", note: "pi 1.6.0 could not be asked: spawn EACCES" }} besideVersion />);
    expect(screen.getByRole("status").textContent).toBe("! pi 1.6.0 could not be asked: spawn EACCES");
  });

  it("shows nothing where the host does not ask pi", () => {
    const { container } = render(<PiVerdictLine verdict={undefined} />);
    expect(container.textContent).toBe("");
  });
});
