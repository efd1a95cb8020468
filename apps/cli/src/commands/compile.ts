/**
 * `axon compile FILE --target json|pytorch|tfjs|keras|onnx [--network NAME] [-o OUT] [--weights MODEL_DIR]`
 *
 * Analyses FILE (errors → code frames, exit 1) and writes the network for another framework:
 *   json, keras  one file (stdout unless -o)        pytorch, tfjs  a folder (default <network>-<target>/)
 *   onnx         one binary file (default <network>.onnx; needs --weights)
 * --weights reads a model folder written by `axon train` (model.json + weights.bin).
 * Exit codes: 0 written; 1 analysis errors or a feature the target cannot express; 2 bad usage,
 * unreadable input, a corrupt model folder or weights that do not fit the network.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { ResolvedNetwork } from '@axon/language';
import type { TrainedModel } from '@axon/core';
import type { CompileOutput, TargetName } from '@axon/compile';
import { ExitCode, UsageError } from '../exit.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { describeFsError } from '../fs-errors.js';
import { readSource } from '../load-spec.js';
import type { SetExitCode } from './index.js';

export interface CompileOptions {
  target: TargetName;
  network?: string;
  output?: string;
  weights?: string;
}

export interface CompileIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  color: boolean;
}

/**
 * `targets`: @axon/compile's TARGETS when `axon compile` is what runs (its choices and help), else empty:
 * the compiler loads only for this command (docs/cli.md#startup).
 */
export function registerCompile(program: Command, setExitCode: SetExitCode, targets: readonly TargetName[]): void {
  program
    .command('compile')
    .description('compile a network to JSON, PyTorch, TensorFlow.js, Keras or ONNX (see docs/compile.md)')
    .argument('<file>', 'the .axon file')
    .addOption(new Option('-t, --target <target>', 'what to emit').choices([...targets]).makeOptionMandatory())
    .option('--network <name>', 'which network to compile (needed when the file has several)')
    .option('-o, --output <path>', 'output file (json, keras, onnx) or folder (pytorch, tfjs)')
    .option('--weights <model-dir>', 'trained weights: a folder written by axon train (required for onnx)')
    .action(async (file: string, options: CompileOptions) => {
      setExitCode(await runCompile(file, options, { stdout: process.stdout, stderr: process.stderr, color: Boolean(process.stderr.isTTY) }));
    });
}

function chooseNetwork(networks: ResolvedNetwork[], wanted: string | undefined, file: string): ResolvedNetwork {
  if (networks.length === 0) throw new UsageError(`${file}: no network to compile`);
  if (wanted !== undefined) {
    const found = networks.find((n) => n.name === wanted);
    if (found) return found;
    throw new UsageError(`${file}: no network "${wanted}"; it has: ${networks.map((n) => n.name).join(', ')}`);
  }
  if (networks.length === 1) return networks[0]!;
  throw new UsageError(`${file} has ${networks.length} networks (${networks.map((n) => n.name).join(', ')}); choose one with --network NAME`);
}

function defaultOutput(network: ResolvedNetwork, target: TargetName, out: CompileOutput): string | undefined {
  if (target === 'json' || target === 'keras') return undefined; // stdout
  if (out.directory) return `${out.files.length > 0 ? safeName(network.name) : 'network'}-${target}`;
  return out.files[0]!.path;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '') || 'network';
}

/** The data{} CSV as the emitted code should open it: relative to the output folder (or file's folder). */
function dataPathFor(network: ResolvedNetwork, file: string, outputFolder: string): string | undefined {
  if (!network.data) return undefined;
  const csv = isAbsolute(network.data.source) ? network.data.source : resolve(dirname(file), network.data.source);
  const from = resolve(outputFolder);
  // Relative when the two share a folder below the root (the output can move with the project), else absolute.
  const shared = from.split(sep)[1] !== undefined && from.split(sep)[1] === csv.split(sep)[1];
  return shared ? relative(from, csv) : csv;
}

/** Runs `axon compile` and returns the exit code. Throws UsageError for bad usage (printed by main). */
export async function runCompile(file: string, options: CompileOptions, io: CompileIO): Promise<number> {
  const fail = (s: string) => io.stderr.write(`axon compile: ${s}\n`);
  const compiler = await import('@axon/compile');
  const target = options.target;
  if (!compiler.TARGETS.includes(target)) throw new UsageError(`--target must be one of ${compiler.TARGETS.join(', ')}; got "${target}"`);
  if (target === 'onnx' && !options.weights) {
    throw new UsageError('--target onnx exports a trained network: pass --weights MODEL_DIR (a folder written by axon train)');
  }
  const source = await readSource(file);
  const { check, formatDiagnostics } = await import('@axon/language');
  const analysed = check(source);
  const errors = analysed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.stderr.write(`${formatDiagnostics(file, source, errors, { color: io.color })}\n`);
    fail(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; fix ${errors.length === 1 ? 'it' : 'them'} before compiling`);
    return ExitCode.Findings;
  }

  let trained: TrainedModel | undefined;
  if (options.weights) {
    if (await stat(options.weights).then((s) => !s.isDirectory(), () => false)) {
      throw new UsageError(`--weights ${options.weights} is a file; expected a model folder written by axon train (model.json + weights.bin)`);
    }
    const { loadModel } = await import('@axon/core');
    try {
      trained = await loadModel(options.weights);
    } catch (err) {
      throw new UsageError(`--weights ${options.weights}: ${(err as Error).message}`);
    }
  }
  const network = chooseNetwork(analysed.networks, options.network ?? (analysed.networks.length > 1 ? trained?.network.name : undefined), file);
  if (trained && trained.network.name !== network.name) {
    throw new UsageError(`--weights ${options.weights} holds network ${trained.network.name}, not ${network.name}`);
  }

  // The output location decides the relative data path written into generated code, so settle it first.
  const probe = compileOrReport(compiler, network, target, trained, undefined, fail);
  if (typeof probe === 'number') return probe;
  const output = options.output ?? defaultOutput(network, target, probe);
  const folder = output === undefined ? '.' : probe.directory ? output : dirname(output);
  const result = compileOrReport(compiler, network, target, trained, dataPathFor(network, file, folder), fail);
  if (typeof result === 'number') return result;

  if (output === undefined) {
    const f = result.files[0]!;
    io.stdout.write(typeof f.contents === 'string' ? f.contents : Buffer.from(f.contents));
    return ExitCode.Ok;
  }
  // Each file is written atomically: a failure leaves the old file (or none), never half of one.
  let writing = output;
  try {
    if (result.directory) {
      await mkdir(output, { recursive: true });
      for (const f of result.files) {
        writing = join(output, f.path);
        await mkdir(dirname(writing), { recursive: true });
        await writeFileAtomic(writing, f.contents);
      }
    } else {
      await mkdir(dirname(output), { recursive: true });
      await writeFileAtomic(output, result.files[0]!.contents);
    }
  } catch (err) {
    throw new UsageError(`cannot write ${describeFsError(err, writing)}`);
  }
  const what = result.directory ? `${result.files.map((f) => f.path).join(', ')} in ${output}/` : output;
  io.stderr.write(`compiled ${network.name} for ${target}: ${what}\n`);
  return ExitCode.Ok;
}

function compileOrReport(
  { compile, CompileError }: typeof import('@axon/compile'),
  network: ResolvedNetwork,
  target: TargetName,
  trained: TrainedModel | undefined,
  dataPath: string | undefined,
  fail: (s: string) => void,
): CompileOutput | number {
  try {
    return compile({ network, trained, dataPath }, target);
  } catch (err) {
    if (err instanceof CompileError) {
      fail(err.message);
      return err.feature === 'these weights' ? ExitCode.Usage : ExitCode.Findings;
    }
    throw err;
  }
}
