/** A line diff (Myers' O(ND) algorithm) producing hunks of replaced lines; used to turn a formatted text into small edits. */

/** Lines [a0, a1) of the old text become lines [b0, b1) of the new text. */
export interface LineHunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

export function diffLines(a: readonly string[], b: readonly string[]): LineHunk[] {
  // Trim the common prefix and suffix first: formatting usually touches a few lines.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const A = a.slice(start, endA);
  const B = b.slice(start, endB);
  const n = A.length;
  const m = B.length;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || n * m > 4_000_000) return [{ a0: start, a1: endA, b0: start, b1: endB }];
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Backtrack into a list of (x, y) moves, then group non-diagonal moves into hunks.
  const ops: ('eq' | 'del' | 'ins')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('eq');
      x--;
      y--;
    }
    if (x === prevX) {
      ops.push('ins');
      y--;
    } else {
      ops.push('del');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push('eq');
    x--;
    y--;
  }
  ops.reverse();
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  let current: LineHunk | undefined;
  for (const op of ops) {
    if (op === 'eq') {
      if (current) hunks.push(current);
      current = undefined;
      i++;
      j++;
      continue;
    }
    current ??= { a0: start + i, a1: start + i, b0: start + j, b1: start + j };
    if (op === 'del') {
      i++;
      current.a1 = start + i;
    } else {
      j++;
      current.b1 = start + j;
    }
  }
  if (current) hunks.push(current);
  return hunks;
}
