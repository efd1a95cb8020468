/**
 * The engine's one seeded random generator (mulberry32: 32-bit state, fast, good enough for
 * shuffling, dropout masks and weight initialisation). Same seed ⇒ same sequence, on every machine.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  // The state lives in a typed array: a captured `let` holding a uint32 above 2³⁰ is boxed, and every
  // draw then allocated a heap number (dropout draws one per value).
  const state = new Uint32Array(1);
  state[0] = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    const s = (state[0]! + 0x6d2b79f5) >>> 0;
    state[0] = s;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal(): number {
      let u = next();
      while (u <= 0) u = next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(n: number): number {
      return Math.floor(next() * n);
    },
  };
}

/** A child generator derived from a seed and a stream number, so init, shuffling and dropout do not share a sequence. */
export function deriveRng(seed: number, stream: number): Rng {
  const parent = createRng(seed + Math.imul(stream, 0x85ebca6b));
  return createRng(Math.floor(parent.next() * 4294967296));
}
