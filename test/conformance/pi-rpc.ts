/**
 * A real pi asked through its RPC mode (`pi --mode rpc`, docs/rpc.md) with cwd = a folder.
 * `piRpcStart`: what pi starts with there, `get_state` for the start model and thinking level, then
 * `cycle_model` until the cycle comes back, for the scope in pi's order. RPC mode has no UI, so
 * pi ≥ 0.79 loads a project's settings only on a saved or default trust decision, as a user's
 * print/RPC run would. `openPiRpc`: the session itself, for other questions. Offline, no
 * extensions/skills/themes; HOME an empty dir; the agent dir a copy the caller owns.
 */
import { spawn } from "node:child_process";
import type { TestPi } from "./pi-versions.js";

export interface RpcStart {
  /** "provider/id" and level pi starts with; null when pi has no model. */
  model: string | null;
  thinkingLevel: string | null;
  /** The refs cycle_model visits from the start model, the start first, when pi cycles a scope; null when it cycles every model. */
  scope: string[] | null;
  stderr: string;
}

export interface RpcResponse {
  success: boolean;
  data?: Record<string, unknown> | null;
  error?: string;
}

export interface RpcOptions {
  agentDir: string;
  home: string;
  cwd: string;
  /** Added to the few variables pi is given (PATH, HOME, the agent dir, offline). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface PiRpc {
  /** One command's response; rejects when pi exits first (a pi that stops at start rejects the first). */
  send(command: Record<string, unknown>): Promise<RpcResponse>;
  /** What pi wrote to stderr so far. */
  stderr(): string;
  close(): void;
}

const ref = (m: { provider: string; id: string } | null | undefined) => (m ? `${m.provider}/${m.id}` : null);

export function openPiRpc(pi: TestPi, options: RpcOptions): PiRpc {
  const args = [pi.cli, "--mode", "rpc", "--no-session", "--offline", "--no-extensions", "--no-skills", "--no-prompt-templates", "--no-themes", "--no-context-files"];
  const env = { PATH: process.env.PATH ?? "", ...options.env, HOME: options.home, PI_CODING_AGENT_DIR: options.agentDir, PI_OFFLINE: "1", PI_TELEMETRY: "0", PI_SKIP_VERSION_CHECK: "1" };
  const child = spawn(pi.node, args, { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  let buffer = "";
  const waiting: ((response: RpcResponse) => void)[] = [];
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  // A pi that already exited closes its stdin: the write fails, and `closed` says why.
  child.stdin.on("error", () => {});
  child.stdout.on("data", (d: Buffer) => {
    buffer += d.toString();
    for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n")) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        const message = JSON.parse(line) as { type?: string };
        if (message.type === "response") waiting.shift()?.(message as RpcResponse);
      } catch {
        // not a protocol line
      }
    }
  });
  const closed = new Promise<never>((_, reject) => child.on("close", (code) => reject(new Error(`pi ${pi.version} exited (${code}) before answering: ${stderr.trim().split("\n")[0] ?? ""}`))));
  closed.catch(() => {});
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  return {
    send: (command) =>
      Promise.race([
        new Promise<RpcResponse>((resolve) => {
          waiting.push(resolve);
          child.stdin.write(`${JSON.stringify(command)}\n`);
        }),
        closed,
      ]),
    stderr: () => stderr,
    close: () => {
      clearTimeout(timer);
      child.kill();
    },
  };
}

export async function piRpcStart(pi: TestPi, options: RpcOptions): Promise<RpcStart> {
  const rpc = openPiRpc(pi, options);
  try {
    const state = await rpc.send({ type: "get_state" });
    const start = state.data as { model?: { provider: string; id: string } | null; thinkingLevel?: string } | undefined;
    const model = ref(start?.model);
    let scope: string[] | null = null;
    if (model) {
      const first = await rpc.send({ type: "cycle_model" });
      const data = first.data as { model: { provider: string; id: string }; isScoped: boolean } | null | undefined;
      if (data?.isScoped) {
        scope = [model];
        for (let next = ref(data.model); next && next !== model && scope.length < 50; ) {
          scope.push(next);
          next = ref(((await rpc.send({ type: "cycle_model" })).data as { model: { provider: string; id: string } } | null)?.model);
        }
      } else if (data === null) scope = [model]; // only one model: pi answers null, scoped or not
    }
    return { model, thinkingLevel: start?.thinkingLevel ?? null, scope, stderr: rpc.stderr() };
  } finally {
    rpc.close();
  }
}
