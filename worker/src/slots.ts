/**
 * The worker's browser contexts in flight, shared by every job it holds: a slot freed by one job's
 * last directories goes to the next job instead of idling until the slowest directory is done.
 */
export class Slots {
  private free: number;
  private takers: Array<() => void> = [];
  private watchers: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.takers.push(resolve));
  }

  release(): void {
    const next = this.takers.shift();
    if (next) {
      next();
      return;
    }
    this.free += 1;
    for (const watcher of this.watchers.splice(0)) watcher();
  }

  /** Resolves once a slot is free, without taking it (or when `signal` aborts). */
  whenFree(signal: AbortSignal): Promise<void> {
    if (this.free > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.watchers.push(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
