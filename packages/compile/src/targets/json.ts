import type { CompileInput, CompileOutput } from '../types.js';
import { CompileError } from '../errors.js';
import { fileStem } from '../escape.js';
import { toIr } from '../ir.js';

/** The JSON IR, pretty-printed with two spaces and a final newline. */
export function compileJson(input: CompileInput): CompileOutput {
  if (input.trained) throw new CompileError('json', 'trained weights (--weights)', 'the JSON IR describes the network only; use --target tfjs, onnx or pytorch to export weights');
  return {
    target: 'json',
    directory: false,
    files: [{ path: `${fileStem(input.network.name)}.json`, contents: `${JSON.stringify(toIr(input.network), null, 2)}\n` }],
  };
}
