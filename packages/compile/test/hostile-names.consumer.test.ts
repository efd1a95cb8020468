/**
 * Issue 15 #12: a network named like something model.py imports or defines (`os`, `nn`, `rt`,
 * `OrderedDict`, `build_model`) or like a Python built-in (`super`, `print`) compiles to PyTorch
 * that builds and predicts — the generated class never shadows a name the module uses.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index.js';
import { requirePythonModule, runPython } from './consumers.js';
import { networkOf, tempDir, writeOutput } from './helpers.js';

const NAMES = ['os', 'nn', 'rt', 'OrderedDict', 'build_model', 'super', 'print', 'torch', 'CONFIG', 'Network'];

describe('PyTorch output for networks named like the module’s own names', () => {
  it.each(NAMES)('network %s builds and predicts', (name) => {
    requirePythonModule('torch');
    const network = networkOf(`network ${name} {\n  input [4]\n  layers {\n    dense(3, activation: softmax)\n  }\n}\n`);
    const dir = writeOutput(compile({ network }, 'pytorch'), tempDir(`torch-name-${name}`));
    const out = runPython(['-c', 'import torch, model\nm = model.build_model()\nprint(type(m).__name__, tuple(m(torch.zeros(2, 4)).shape))'], { cwd: dir });
    const line = out.trim();
    const cls = line.slice(0, line.indexOf(' '));
    const shape = line.slice(line.indexOf(' ') + 1);
    // The class keeps the network's name unless that name is taken, then gains underscores.
    expect(cls.replace(/_+$/, '')).toBe(name);
    expect(shape).toBe('(2, 3)');
  });
});
