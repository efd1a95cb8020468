/**
 * Recovery inside junk (`relu{ repeat 3 { …` where a section belongs) may hand back the node it was
 * building; an entry list keeps only the kinds it holds, so the AST never carries a repeat among a
 * network's members (the editor's outline read such a member as a missing symbol).
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';

const DEEP = 'network Deep {\n  input [4]\n  task classification(classes: 3)\n\n  layers {\n    dense(32, activation: sigmoid)\n    repeat 18 {\n      dense(32, activation: sigmoid)\n    }\n    dense(3, activation: softmax)\n  }\n}\n';

describe('stray nodes from recovery', () => {
  it('a repeat inside junk where a member belongs is not a member (found by the LSP property test)', () => {
    const text = `network N {relu{repeat 3 {${DEEP.slice(1)}`;
    const { ast, diagnostics } = parse(text);
    expect(diagnostics.length).toBeGreaterThan(0);
    const kinds = ast.items.flatMap((item) => (item.kind === 'Network' ? item.members.map((m) => m.kind) : []));
    expect(kinds).toEqual(['Input', 'Task', 'Layers']);
  });

  it('members, settings and layers of well-formed input are unchanged', () => {
    const { ast, diagnostics } = parse(`${DEEP.replace('}\n}\n', '}\n  train { epochs: 3 }\n}\n')}`);
    expect(diagnostics).toEqual([]);
    const net = ast.items[0]!;
    expect(net.kind === 'Network' && net.members.map((m) => m.kind)).toEqual(['Input', 'Task', 'Layers', 'Train']);
  });
});
