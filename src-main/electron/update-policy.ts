/**
 * Whether this copy of the app updates itself (electron-updater), decided from how it was
 * installed. Pure; auto-update.ts acts on it. Only where the platform makes it safe:
 *   - Linux AppImage: the app replaces its own file ($APPIMAGE); a .deb belongs to the package
 *     manager, which must not find its files swapped behind its back;
 *   - macOS dmg, signed (release.yml stamps `signedBuild` into package.json when it signs):
 *     Squirrel.Mac refuses to update an app whose signature it cannot check;
 *   - Windows: the release does not publish an update feed for the installer; a new version is a
 *     new installer from the releases page.
 */
export interface UpdateContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** $APPIMAGE: set by the AppImage runtime to the AppImage file's own path. */
  appImage: string | undefined;
  /** package.json's `signedBuild`, stamped by release.yml only when it signed the build. */
  signedBuild: unknown;
}

export type UpdatePolicy = { enabled: true; format: "AppImage" | "dmg" } | { enabled: false; reason: string };

export function updatePolicy(ctx: UpdateContext): UpdatePolicy {
  if (!ctx.isPackaged) return { enabled: false, reason: "a development build does not update itself" };
  const signed = ctx.signedBuild === true || ctx.signedBuild === "true";
  switch (ctx.platform) {
    case "linux":
      return ctx.appImage ? { enabled: true, format: "AppImage" } : { enabled: false, reason: "installed from a .deb: install the new .deb from the releases page" };
    case "darwin":
      return signed ? { enabled: true, format: "dmg" } : { enabled: false, reason: "an unsigned build cannot update itself on macOS: download the new dmg" };
    default:
      return { enabled: false, reason: "install the new version with the installer from the releases page" };
  }
}
