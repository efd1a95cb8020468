/** `node:os` in the browser: the parallelism the page's sweep may use. */
export function availableParallelism(): number {
  return Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);
}

export default { availableParallelism };
