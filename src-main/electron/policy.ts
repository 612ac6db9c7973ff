/**
 * The renderer's security policy as pure data and predicates, used by security.ts and
 * app-protocol.ts (the Electron wiring) and unit-tested without Electron: the Content Security
 * Policy, which external links may open in the OS browser, and how an app:// URL maps to a file of
 * the built renderer.
 */
import { isAbsolute, join, normalize, relative, sep } from "node:path";

/** The built renderer is served from this origin; file:// would give every local file one origin. */
export const APP_SCHEME = "app";
export const APP_HOST = "switchboard";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Where the window may send the user's browser: OpenRouter and the project's own pages, https only. */
export const EXTERNAL_ALLOWLIST: readonly string[] = ["openrouter.ai", "github.com/pi-switchboard/pi-switchboard"];

/**
 * Production: scripts, styles and data only from the app itself; no inline script, no eval, no
 * frames, no network (the renderer reaches OpenRouter only through the main side).
 * Development: the Vite dev server's origin and its HMR WebSocket, plus the inline preamble that
 * React Fast Refresh injects.
 */
export function contentSecurityPolicy(devServerOrigin: string | null): string {
  const self = devServerOrigin ? `'self' ${devServerOrigin}` : "'self'";
  const connect = devServerOrigin ? `${self} ${devServerOrigin.replace(/^http/, "ws")}` : "'self'";
  return [
    "default-src 'none'",
    `script-src ${self}${devServerOrigin ? " 'unsafe-inline'" : ""}`,
    `style-src ${self}${devServerOrigin ? " 'unsafe-inline'" : ""}`,
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Parses and checks a link before shell.openExternal: https, no credentials, host (and path prefix) on the allowlist. */
export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_ALLOWLIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return false;
  return allowlist.some((entry) => {
    const slash = entry.indexOf("/");
    const host = slash === -1 ? entry : entry.slice(0, slash);
    const path = slash === -1 ? "" : entry.slice(slash);
    if (url.hostname !== host) return false;
    return path === "" || url.pathname === path || url.pathname.startsWith(`${path}/`);
  });
}

/** The file of the built renderer an app:// request asks for, or null when it is not one (another host, or a path escaping the root). */
export function appAssetPath(rendererRoot: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const file = normalize(join(rendererRoot, pathname === "/" ? "index.html" : pathname));
  const rel = relative(rendererRoot, file);
  if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) return null;
  return file;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

export function mimeType(path: string): string {
  const dot = path.lastIndexOf(".");
  return (dot === -1 ? undefined : MIME[path.slice(dot).toLowerCase()]) ?? "application/octet-stream";
}
