import { describe, expect, it } from "vitest";
import { parseKeyPrintArgs } from "../../../src-main/electron/key-print-args.js";

describe("the app as pi's key command", () => {
  it("answers `key print`, with or without a vault service", () => {
    expect(parseKeyPrintArgs(["key", "print"])).toEqual({ vaultService: undefined });
    expect(parseKeyPrintArgs(["key", "print", "--vault-service", "pi-switchboard-test"])).toEqual({ vaultService: "pi-switchboard-test" });
  });

  it("starts the tray app for anything else", () => {
    expect(parseKeyPrintArgs([])).toBeNull();
    expect(parseKeyPrintArgs(["--user-data-dir=/tmp/x"])).toBeNull();
    expect(parseKeyPrintArgs(["key", "set"])).toBeNull();
    expect(parseKeyPrintArgs(["key", "print", "--vault-service"])).toBeNull();
    expect(parseKeyPrintArgs(["key", "print", "--force"])).toBeNull();
  });
});
