/**
 * One warm verdict worker for the window and `serve`: a long-lived child (pi's own Node running
 * pi-oracle.mjs --serve) that imports pi's SDK once and answers each question over its IPC
 * channel, where a one-shot run (run-oracle.ts, the CLI's) pays the second or more of pi's
 * start-up every time. Same safety as a one-shot run: the caller stages the agent dir in a private
 * `workDir`, the oracle copies it again inside, the child runs offline at low priority in a group
 * of its own.
 *
 * Its life: started by the first question; restarted when pi's install changes on disk (its
 * package.json: an upgrade in place, whose new code the old modules in memory are not), after a
 * crash, an error answer or a question cut off by its timeout (the group is killed); stopped after
 * `idleMs` without a question (one timer, armed only while it lives: an idle app does not poll)
 * and by close(). When the app dies the channel closes and the oracle exits by itself.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crashMessage, oracleScriptPath, startOracleChild, type OracleAnswer, type OracleChild, type OracleOutcome, type OracleRun } from "./run-oracle.js";
import { piInstallStamp } from "./verdict-key.js";

/** Two minutes without a question: long enough for a burst of edits, short enough not to hold pi's memory all day. */
const DEFAULT_IDLE_MS = 120_000;

export interface WorkerOptions {
  node: string;
  piDir: string;
  /** The child's whole environment, fixed for its life. */
  env: NodeJS.ProcessEnv;
  /** The worker's working dir (lives as long as it: the temp dir, not a question's workDir). */
  cwd: string;
  script?: string;
  idleMs?: number;
}

/** A question: staged cases in the caller's private workDir (removed by the caller afterwards). */
export type WorkerQuestion = Pick<OracleRun, "cases" | "timeoutMs" | "workDir" | "signal">;

type Reply = { id: number; answers?: OracleAnswer[]; error?: string };

interface Live {
  started: OracleChild;
  stamp: string;
  pending: Map<number, (outcome: OracleOutcome) => void>;
}

export class OracleWorker {
  private live: Live | null = null;
  /** A start in progress: questions asked meanwhile share its child. */
  private starting: Promise<Live> | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Children started (tests: a warm worker answers many questions with one). */
  starts = 0;

  constructor(private readonly options: WorkerOptions) {}

  /** Whether this worker runs this pi with this Node. */
  serves(node: string, piDir: string): boolean {
    return this.options.node === node && this.options.piDir === piDir;
  }

  /** Whether a child is running now. */
  get running(): boolean {
    return this.live !== null;
  }

  async ask(question: WorkerQuestion): Promise<OracleOutcome> {
    if (this.closed) return { ok: false, timedOut: false, message: "stopped: the app is closing" };
    this.clearIdle();
    const stamp = piInstallStamp(this.options.piDir);
    if (this.live && this.live.stamp !== stamp) this.stop();
    const live = this.live ?? (await (this.starting ??= this.start(question.workDir, stamp).finally(() => (this.starting = null))));
    const id = this.nextId++;
    const { signal, timeoutMs } = question;
    return new Promise<OracleOutcome>((resolve) => {
      const finish = (outcome: OracleOutcome) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        live.pending.delete(id);
        resolve(outcome);
        if (this.live === live && live.pending.size === 0) this.armIdle();
      };
      const timer = setTimeout(() => {
        finish({ ok: false, timedOut: true, message: `pi did not answer within ${Math.round(timeoutMs / 100) / 10} s` });
        this.stop(live);
      }, timeoutMs);
      const onAbort = () => {
        finish({ ok: false, timedOut: false, message: "stopped: the app is closing" });
        this.stop(live);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      live.pending.set(id, finish);
      live.started.clearStderr();
      const request = { piDir: this.options.piDir, mode: "product", timeoutMs, workRoot: question.workDir, cases: question.cases.map((c) => ({ ...c, env: c.env ?? {} })) };
      try {
        live.started.child.send({ id, request }, (error) => {
          if (error) finish({ ok: false, timedOut: false, message: `pi's worker could not be asked: ${error.message}` });
        });
      } catch (error) {
        finish({ ok: false, timedOut: false, message: `pi's worker could not be asked: ${(error as Error).message}` });
      }
    });
  }

  /** Kills the child (the running one, or `only` if that is still the running one). */
  stop(only?: Live): void {
    const live = this.live;
    if (!live || (only && only !== live)) return;
    this.live = null;
    this.clearIdle();
    live.started.kill();
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private async start(workDir: string, stamp: string): Promise<Live> {
    // pi's Node cannot read the script from inside an asar archive: a copy in the first question's
    // private dir, which may go once the child has loaded it (it imports nothing beside itself).
    const script = join(workDir, "pi-oracle.mjs");
    await writeFile(script, await readFile(this.options.script ?? oracleScriptPath()), { mode: 0o600 });
    const started = startOracleChild(this.options.node, [script, "--serve"], { cwd: this.options.cwd, env: this.options.env, ipc: true });
    this.starts++;
    const live: Live = { started, stamp, pending: new Map() };
    const { child } = started;
    // The worker never keeps the app alive by itself: a question's own timer does while it waits.
    child.unref();
    child.channel?.unref();
    child.on("message", (reply: Reply) => {
      const finish = live.pending.get(reply.id);
      if (!finish) return;
      if (reply.answers) return finish({ ok: true, answers: reply.answers });
      // pi failed to load or the request was refused: the next question starts afresh.
      finish({ ok: false, timedOut: false, message: reply.error ?? "pi's worker gave no answer" });
      this.stop(live);
    });
    const ended = (message: string) => {
      if (this.live === live) {
        this.live = null;
        this.clearIdle();
      }
      for (const finish of [...live.pending.values()]) finish({ ok: false, timedOut: false, message });
    };
    child.on("error", (error) => ended(`${this.options.node} could not be started: ${error.message}`));
    child.on("exit", (code) => ended(crashMessage(started.stderr(), code)));
    this.live = live;
    return live;
  }

  private armIdle(): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs ?? DEFAULT_IDLE_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
