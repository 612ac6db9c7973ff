/**
 * Linux has no login-item API in Electron (setLoginItemSettings covers macOS and Windows), so
 * "Launch at login" writes an XDG autostart entry; this builds its text. Pure, unit-tested;
 * launch-at-login.ts writes it.
 */

/** Quotes one Exec argument as the Desktop Entry spec asks (double quotes; \ " ` $ escaped). */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_./:+-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function autostartDesktopEntry(executable: string): string {
  return [
    "[Desktop Entry]",
    "Type=Application",
    "Name=Pi Switchboard",
    "Comment=Tray quick-switch for the pi coding agent",
    `Exec=${quoteExecArg(executable).replace(/%/g, "%%")}`,
    "Terminal=false",
    "X-GNOME-Autostart-enabled=true",
    "",
  ].join("\n");
}
