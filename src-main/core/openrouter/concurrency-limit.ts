/**
 * At most N tasks at once, the rest queued in order: test prompts over many models or providers
 * must not open a dozen streams to OpenRouter together (rate limits, and a side-by-side timing that
 * measures our own congestion instead of the provider). A queued task whose signal aborts leaves
 * the queue without ever running, so cancelling a run stops what has not started yet.
 * Used by the TestRunner (test-prompt.ts) and `pi-switchboard test --provider …`.
 */

/** How many test prompts run at once; the rest wait their turn. */
export const TEST_CONCURRENCY = 3;

export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A concurrency limit must be a whole number of at least 1, not ${limit}.`);
  }

  /** Runs `task` once a slot is free; resolves `{ ran: false }` without running it when `signal` aborts first. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal, onStart?: () => void): Promise<{ ran: true; value: T } | { ran: false }> {
    if (!(await this.acquire(signal))) return { ran: false };
    try {
      onStart?.();
      return { ran: true, value: await task() };
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const grant = () => {
        signal?.removeEventListener("abort", leave);
        this.active++;
        resolve(true);
      };
      const leave = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(false);
      };
      this.waiting.push(grant);
      signal?.addEventListener("abort", leave, { once: true });
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
