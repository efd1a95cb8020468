import type { CompileInput, CompileOutput } from '../types.js';
import { CompileError } from '../errors.js';
import { fileStem, prettyJson } from '../escape.js';
import { toIr } from '../ir.js';

/** The JSON IR: two-space indentation, arrays of scalars on one line, a final newline. */
export function compileJson(input: CompileInput): CompileOutput {
  if (input.trained) throw new CompileError('json', 'trained weights (--weights)', 'the JSON IR describes the network only; use --target tfjs, onnx or pytorch to export weights');
  return {
    target: 'json',
    directory: false,
    files: [{ path: `${fileStem(input.network.name)}.json`, contents: `${prettyJson(toIr(input.network))}\n` }],
  };
}
