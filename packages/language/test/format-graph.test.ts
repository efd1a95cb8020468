/** The formatter's layout of the graph constructs. */
import { describe, expect, it } from 'vitest';
import { format } from '../src/index.js';

describe('format: residual and parallel', () => {
  it('canonical layout: `} shortcut {` on one line, one branch per line, `branch { }` when empty', () => {
    const src = `network N { input [8, 8, 3]
layers { residual{conv2d(8,kernel:3,padding:same)
batch_norm}
shortcut{conv2d(8,kernel:1)}
parallel  (merge:concat){branch{conv2d(4,kernel:1)} branch{} branch{max_pool2d(3,stride:1,padding:same),conv2d(4,kernel:1)}}
residual{dense(8)}
} }
`;
    const out = `network N {
  input [8, 8, 3]
  layers {
    residual {
      conv2d(8, kernel: 3, padding: same)
      batch_norm
    } shortcut {
      conv2d(8, kernel: 1)
    }
    parallel(merge: concat) {
      branch {
        conv2d(4, kernel: 1)
      }
      branch { }
      branch {
        max_pool2d(3, stride: 1, padding: same)
        conv2d(4, kernel: 1)
      }
    }
    residual {
      dense(8)
    }
  }
}
`;
    expect(format(src)).toBe(out);
    expect(format(out)).toBe(out);
  });

  it('comments inside and around the constructs are kept where they were', () => {
    const src = `network N {
  input [4]
  layers {
    // a skip connection
    residual { // body
      dense(4) // same width
    } shortcut { } // identity, written out
    parallel(merge: add) {
      /* two paths */
      branch { dense(4) }
      // the identity
      branch { }
    }
  }
}
`;
    const out = format(src);
    // trailing comments on consecutive lines share one column
    expect(out).toBe(`network N {
  input [4]
  layers {
    // a skip connection
    residual {     // body
      dense(4)     // same width
    } shortcut { } // identity, written out
    parallel(merge: add) {
      /* two paths */
      branch {
        dense(4)
      }
      // the identity
      branch { }
    }
  }
}
`);
    expect(format(out)).toBe(out);
  });

  it('nested constructs indent one level per brace; an empty residual body stays `{ }`', () => {
    const src = 'block b { repeat 2 { parallel { branch { residual { } } branch { residual { dense(2) } shortcut { } } } } }\n';
    const out = `block b {
  repeat 2 {
    parallel {
      branch {
        residual { }
      }
      branch {
        residual {
          dense(2)
        } shortcut { }
      }
    }
  }
}
`;
    expect(format(src)).toBe(out);
    expect(format(out)).toBe(out);
  });

  it('empty `layers {}` and other non-graph braces keep their old layout', () => {
    expect(format('network N { layers {} }\n')).toBe('network N {\n  layers {}\n}\n');
  });
});
