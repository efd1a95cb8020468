// Timing helpers shared by the benchmarks.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` `runs` times (after `warmup` untimed runs) and returns the median wall-clock ms, the
 * median CPU ms (user + system of this process: steadier on a loaded machine, since a waiting
 * process is not charged for it), the best (fastest) run, closest to an idle machine, and the last result.
 */
export function time(fn, runs, warmup = 0) {
  for (let i = 0; i < warmup; i++) fn();
  const xs = [];
  const cpu = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    xs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(xs), cpuMs: median(cpu), best: Math.min(...xs), result };
}
