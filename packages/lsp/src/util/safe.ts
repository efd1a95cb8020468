/**
 * Every request handler runs through `safely`: an exception (or a result computed for an outdated
 * document) turns into the empty answer for that request and a line in the server log, never a
 * crashed server or an error response the editor shows as a pop-up.
 */
export type Logger = (message: string) => void;

export function safely<A extends unknown[], R>(
  name: string,
  fallback: R,
  log: Logger,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      const result = await handler(...args);
      return result ?? fallback;
    } catch (error) {
      log(`[axon] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

/** For notifications: run and log, never throw. */
export function guarded<A extends unknown[]>(name: string, log: Logger, handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = handler(...args);
      if (r instanceof Promise) r.catch((error: unknown) => log(`[axon] ${name} failed: ${String(error)}`));
    } catch (error) {
      log(`[axon] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
}
