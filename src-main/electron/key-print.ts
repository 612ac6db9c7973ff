/**
 * The packaged app as pi's key command: prints the vault key to the pipe pi reads and exits,
 * before any window, tray or single-instance lock exists. main.ts advertises it to the core's
 * key-command chooser through PI_SWITCHBOARD_CLI, which verifies it by running it as pi would.
 */
import { app } from "electron";
import { keyPrintAnswers, keyPrintRefusal } from "../core/vault/key-command.js";
import { Vault, vaultLocation } from "../core/vault/vault.js";
import type { KeyPrintRequest } from "./key-print-args.js";

export async function printVaultKey(request: KeyPrintRequest): Promise<void> {
  let code = 1;
  // macOS's Keychain trusts this app: printing to any pipe would skip its per-app prompt.
  if (!keyPrintAnswers()) process.stderr.write(`${keyPrintRefusal(vaultLocation(request.vaultService))}\n`);
  else if (process.stdout.isTTY) {
    process.stderr.write("Refusing to print the key to a terminal; this command is for pi or a pipe.\n");
  } else {
    try {
      const key = await new Vault(vaultLocation(request.vaultService)).read();
      if (key) {
        process.stdout.write(key);
        code = 0;
      } else process.stderr.write("No OpenRouter key is stored in the vault.\n");
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
    }
  }
  app.exit(code);
}
