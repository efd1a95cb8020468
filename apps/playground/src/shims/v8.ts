/** `node:v8` in the browser: heap statistics where Chromium reports them (performance.memory), else zeros. */
export function getHeapStatistics(): { used_heap_size: number; external_memory: number } {
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return { used_heap_size: memory?.usedJSHeapSize ?? 0, external_memory: 0 };
}

export default { getHeapStatistics };
