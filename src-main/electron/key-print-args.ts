/**
 * Recognises `<app> key print [--vault-service S]`, the command pi runs to read the vault key when
 * only the installed app is there (Windows has no stock tool that prints a stored credential, and
 * the RunAsNode fuse is off, so the app answers it itself). Pure, unit-tested; key-print.ts acts.
 */

export interface KeyPrintRequest {
  vaultService: string | undefined;
}

/** `args` are the arguments after the executable (a packaged app's process.argv.slice(1)). */
export function parseKeyPrintArgs(args: readonly string[]): KeyPrintRequest | null {
  if (args[0] !== "key" || args[1] !== "print") return null;
  const rest = args.slice(2);
  if (rest.length === 0) return { vaultService: undefined };
  if (rest.length === 2 && rest[0] === "--vault-service" && rest[1]) return { vaultService: rest[1] };
  return null;
}
