/** Networks with a data block, and CSV files, for the data rules' tables. Line 1 `network`, …, `data {` on line 12. */
export function withData(o: { input?: string; task: string; out: string; loss?: string; data: string[] }): string {
  return `network Net {
  input ${o.input ?? '[2]'}
  task ${o.task}
  layers {
    dense(16, activation: relu, init: he_normal)
    ${o.out}
  }
  train {
    loss: ${o.loss ?? 'mse'}
  }

  data {
${o.data.map((d) => `    ${d}`).join('\n')}
  }
}
`;
}

/** A CSV with a header and one line per row. */
export function csv(header: string[], rows: (string | number)[][]): string {
  return `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
}

/** n rows of f(i). */
export function rowsOf(n: number, f: (i: number) => (string | number)[]): (string | number)[][] {
  return Array.from({ length: n }, (_, i) => f(i));
}
