/**
 * Run before every view test file (vitest.config.ts setupFiles). The view files share their
 * worker's modules and its jsdom (isolate: false), so:
 * - each file starts on an empty document, empty storage and the page's own URL, whatever the
 *   file before it left behind;
 * - after each test, what it rendered is unmounted and its APIs closed. A hook registered by an
 *   imported helper would run for the first file only: the helper's module is loaded once.
 */
import { afterEach, beforeAll } from "vitest";
import { closeRenderedViews } from "./render-view";

beforeAll(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, "", "/");
});

afterEach(closeRenderedViews);
