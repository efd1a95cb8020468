/**
 * Reading an .axon file for a command that needs one resolved network (train, diagnose, sweep):
 * unreadable file → UsageError; analysis errors → code frames on stderr and `undefined` (exit 1).
 */
import type { CheckResult, ResolvedNetwork } from '@axon/language';
import { UsageError } from './exit.js';
import { readSourceText, SourceReadError } from './source-text.js';

export interface LoadedSpec {
  source: string;
  network: ResolvedNetwork;
  networks: ResolvedNetwork[];
  /** The parse and analysis, so a command can run the lint rules on it without parsing again (`lintDocument`). */
  analysed: CheckResult;
}

export async function readSource(file: string): Promise<string> {
  try {
    return await readSourceText(file);
  } catch (err) {
    if (err instanceof SourceReadError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Reads and analyses `file` and picks a network (by name, the only one, or the only one with data).
 * Returns undefined after printing the errors when the file does not analyse cleanly.
 */
export async function loadSpec(
  file: string,
  wanted: string | undefined,
  io: { stderr: NodeJS.WritableStream; color: boolean; command: string; /** Appended to the error count, e.g. "before training" gives "; fix them before training". */ fixBefore?: string },
): Promise<LoadedSpec | undefined> {
  const source = await readSource(file);
  // The language loads when a command reads a spec, not with the CLI (docs/cli.md#startup).
  const { check, formatDiagnostics } = await import('@axon/language');
  const analysed = check(source);
  const errors = analysed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.stderr.write(`${formatDiagnostics(file, source, errors, { color: io.color })}\n`);
    const one = errors.length === 1;
    const advice = io.fixBefore ? `; fix ${one ? 'it' : 'them'} ${io.fixBefore}` : '';
    io.stderr.write(`axon ${io.command}: ${errors.length} error${one ? '' : 's'} in ${file}${advice}\n`);
    return undefined;
  }
  return { source, network: chooseNetwork(analysed.networks, wanted, file), networks: analysed.networks, analysed };
}

export function chooseNetwork(networks: ResolvedNetwork[], wanted: string | undefined, file: string): ResolvedNetwork {
  if (networks.length === 0) throw new UsageError(`${file}: no network in this file`);
  if (wanted !== undefined) {
    const found = networks.find((n) => n.name === wanted);
    if (found) return found;
    throw new UsageError(`${file}: no network "${wanted}"; it has: ${networks.map((n) => n.name).join(', ')}`);
  }
  if (networks.length === 1) return networks[0]!;
  const withData = networks.filter((n) => n.data);
  if (withData.length === 1) return withData[0]!;
  throw new UsageError(`${file} has ${networks.length} networks (${networks.map((n) => n.name).join(', ')}); choose one with --network NAME`);
}

/** Commander argument parsers that fail with a UsageError (exit 2) naming the flag. */
export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive integer, got "${value}"`);
    return n;
  };
}

export function seedInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new UsageError(`${flag} expects an integer from 0 to 4294967295, got "${value}"`);
    return n;
  };
}
