import { describe, expect, it } from "vitest";
import { updatePolicy, type UpdateContext } from "../../../src-main/electron/update-policy";

const ctx = (over: Partial<UpdateContext>): UpdateContext => ({ platform: "linux", isPackaged: true, appImage: undefined, signedBuild: undefined, ...over });

describe("which builds update themselves", () => {
  it("the AppImage does; the deb never does (the package manager owns its files)", () => {
    expect(updatePolicy(ctx({ appImage: "/home/u/Apps/pi-switchboard.AppImage" }))).toEqual({ enabled: true, format: "AppImage" });
    expect(updatePolicy(ctx({}))).toEqual({ enabled: false, reason: expect.stringMatching(/\.deb/) });
  });

  it("a signed macOS build does (release.yml's stamp, as a boolean or the CLI's string); an unsigned one never does", () => {
    expect(updatePolicy(ctx({ platform: "darwin", signedBuild: true }))).toEqual({ enabled: true, format: "dmg" });
    expect(updatePolicy(ctx({ platform: "darwin", signedBuild: "true" }))).toEqual({ enabled: true, format: "dmg" });
    expect(updatePolicy(ctx({ platform: "darwin" }))).toEqual({ enabled: false, reason: expect.stringMatching(/unsigned/) });
    expect(updatePolicy(ctx({ platform: "darwin", signedBuild: "false" })).enabled).toBe(false);
  });

  it("Windows and development builds do not", () => {
    expect(updatePolicy(ctx({ platform: "win32", signedBuild: true })).enabled).toBe(false);
    expect(updatePolicy(ctx({ isPackaged: false, appImage: "/x.AppImage" }))).toEqual({ enabled: false, reason: "a development build does not update itself" });
  });
});
