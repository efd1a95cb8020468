/**
 * Debounced validation. Every change (re)starts the document's timer; when it fires, validation
 * runs only if the document is still at the version that scheduled it, and its result is published
 * only if no newer edit arrived meanwhile. Typing therefore never queues stale work.
 */
export class ValidationScheduler {
  private timers = new Map<string, { timer: NodeJS.Timeout; version: number }>();

  constructor(
    private readonly delay: () => number,
    private readonly run: (uri: string, version: number) => void | Promise<void>,
  ) {}

  schedule(uri: string, version: number): void {
    this.cancel(uri);
    const timer = setTimeout(() => {
      const pending = this.timers.get(uri);
      if (pending?.timer !== timer) return;
      this.timers.delete(uri);
      void this.run(uri, version);
    }, this.delay());
    this.timers.set(uri, { timer, version });
  }

  cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(uri);
  }

  /** Pending validations (for tests and the log). */
  get pending(): number {
    return this.timers.size;
  }

  dispose(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
