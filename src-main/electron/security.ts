/**
 * Electron-side hardening, wired from main.ts: the app:// scheme that serves the built renderer
 * with a strict CSP header, the CSP on the dev server's responses, navigation and window.open
 * denied for every webContents, external links opened in the OS browser only when policy.ts
 * allows them, and every permission request denied (the UI needs none).
 */
import { readFile } from "node:fs/promises";
import { app, protocol, shell, type Session } from "electron";
import { APP_SCHEME, appAssetPath, contentSecurityPolicy, isAllowedExternalUrl, mimeType } from "./policy.js";

/**
 * Must run before app is ready: a standard, secure scheme gets a real origin and the CSP's 'self';
 * corsEnabled because Vite emits `<script type="module" crossorigin>`, fetched in CORS mode.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/** Serves out/renderer over app:// with the production CSP on every response. */
export function serveRenderer(rendererRoot: string): void {
  const csp = contentSecurityPolicy(null);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appAssetPath(rendererRoot, request.url);
    if (!file) return new Response("Not found", { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { "content-type": mimeType(file), "content-security-policy": csp, "x-content-type-options": "nosniff" } });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  });
}

export function openExternalIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

/** Permissions denied, and in development the CSP added to the Vite dev server's pages. */
export function hardenSession(session: Session, devServerOrigin: string | null): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  if (devServerOrigin) {
    const csp = contentSecurityPolicy(devServerOrigin);
    session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [csp] } });
    });
  }
}

/** Every webContents, now and later: no navigation away, no new windows, no <webview>. */
export function lockWebContents(): void {
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", (event, url) => {
      event.preventDefault();
      openExternalIfAllowed(url);
    });
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfAllowed(url);
      return { action: "deny" };
    });
  });
}
