/**
 * Renders a view the way the window does — inside ApiProvider — over a real API on a copy of a
 * fixture agent dir; view-setup.ts tears both down after each test.
 */
import { cleanup, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { ApiProvider } from "../../../src-renderer/api/context";
import { openRealApi, type RealApi } from "./real-api";

const opened: RealApi[] = [];

/** Unmounts what the test rendered and closes the APIs renderView opened for it. */
export async function closeRenderedViews(): Promise<void> {
  cleanup();
  for (const real of opened.splice(0)) await real.close();
}

export async function renderView(fixture: string, view: ReactElement, options: Parameters<typeof openRealApi>[1] = {}): Promise<RealApi> {
  const real = await openRealApi(fixture, options);
  opened.push(real);
  render(<ApiProvider api={real.api}>{view}</ApiProvider>);
  return real;
}
