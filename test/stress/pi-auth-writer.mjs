// Real pi 0.73's AuthStorage writing auth.json in a loop, as pi does on /login or a token refresh:
// each change is a locked read-merge-write of one provider's entry.
// Usage: node pi-auth-writer.mjs <authPath> <min writes>; prints "ready", writes until it has done
// <min writes> and read "stop" on stdin, then prints one JSON line: its last entry per provider,
// the number of writes and pi's errors.
import { AuthStorage } from "@mariozechner/pi-coding-agent";

const [authPath, writesArg] = process.argv.slice(2);
const minWrites = Number(writesArg);
let stop = false;
process.stdin.on("data", (d) => (stop ||= String(d).includes("stop")));
const auth = AuthStorage.create(authPath);
const last = {};
const errors = [];
process.stdout.write("ready\n");
let i = 0;
for (; i < minWrites || !stop; i++) {
  const provider = `pi-provider-${i % 4}`;
  last[provider] = { type: "api_key", key: `PI_KEY_${i}` };
  auth.set(provider, last[provider]);
  for (const e of auth.drainErrors()) errors.push(`${i}: ${e.message}`);
  await new Promise((r) => setTimeout(r, 15));
}
process.stdout.write(`${JSON.stringify({ last, writes: i, errors })}\n`);
process.stdin.destroy();
