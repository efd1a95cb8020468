/**
 * `axon predict MODEL DATA.csv [--format csv|json] [-o FILE]`
 *
 * MODEL is a folder written by `axon train` (model.json + weights.bin) or its model.json. Every row of
 * DATA.csv is encoded as the training rows were (the saved feature columns and standardisation, or the
 * saved tokenizer for a text column; other columns are ignored), run through the model, and printed as
 * one output row: the label and its probability plus every label's probability (classification,
 * binary), the labels present (multilabel), or the values named by the target columns (regression).
 * Exit codes: 0 predicted; 2 bad usage, a missing or corrupt model, bad data (file:row:col).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Prediction, TrainedModel } from '@axon/core';
import { ExitCode, UsageError } from '../exit.js';
import { writeFileAtomic } from '../fs-atomic.js';
import { describeFsError } from '../fs-errors.js';
import type { SetExitCode } from './index.js';

export const PREDICT_FORMATS = ['csv', 'json'] as const;
export type PredictFormat = (typeof PREDICT_FORMATS)[number];

export interface PredictOptions {
  format?: PredictFormat;
  output?: string;
}

export interface PredictIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export function registerPredict(program: Command, setExitCode: SetExitCode): void {
  program
    .command('predict')
    .description('predict every row of a CSV with a model written by axon train (see docs/cli/predict.md)')
    .argument('<model>', 'the model folder written by axon train (or its model.json)')
    .argument('<data>', 'a CSV with the columns the model was trained on (the target column is not needed)')
    .addOption(new Option('--format <format>', 'output format').choices([...PREDICT_FORMATS]).default('csv'))
    .option('-o, --output <file>', 'write the predictions to this file instead of stdout')
    .action(async (model: string, data: string, options: PredictOptions) => {
      setExitCode(await runPredict(model, data, options, { stdout: process.stdout, stderr: process.stderr }));
    });
}

/** Runs `axon predict` and returns the exit code. Throws UsageError for bad usage (printed by main). */
export async function runPredict(modelPath: string, dataPath: string, options: PredictOptions, io: PredictIO): Promise<number> {
  const fail = (s: string) => io.stderr.write(`axon predict: ${s}\n`);
  const dir = await modelFolder(modelPath);
  // The engine loads when a prediction is asked for, not with the CLI (docs/cli.md#startup).
  const { DataError, loadModel, ModelFileError, outputNames, predictCsv } = await import('@axon/core');
  let trained: TrainedModel;
  try {
    trained = await loadModel(dir);
  } catch (err) {
    if (!(err instanceof ModelFileError)) throw err;
    fail(err.message);
    return ExitCode.Usage;
  }
  let predictions: Prediction[];
  try {
    predictions = (await predictCsv(trained, dataPath, dataPath)).predictions;
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    fail(err.message);
    return ExitCode.Usage;
  }
  const text = options.format === 'json' ? toJson(predictions) : toCsv(predictions, trained, outputNames(trained));
  if (options.output === undefined) {
    io.stdout.write(text);
    return ExitCode.Ok;
  }
  try {
    await writeFileAtomic(options.output, text);
  } catch (err) {
    throw new UsageError(`-o: cannot write ${describeFsError(err, options.output)}`);
  }
  io.stderr.write(`axon predict: ${predictions.length} prediction${predictions.length === 1 ? '' : 's'} written to ${options.output}\n`);
  return ExitCode.Ok;
}

/** The model folder: MODEL itself, or the folder of a model.json. */
async function modelFolder(path: string): Promise<string> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (err) {
    throw new UsageError(`${describeFsError(err, path)}; expected a model folder written by axon train`);
  }
  if (!isFile) return path;
  if (basename(path) !== 'model.json') {
    throw new UsageError(`${path} is a file; expected a model folder written by axon train, or the model.json inside it`);
  }
  return dirname(path);
}

/** One header row, then one row per prediction; probabilities and values with 6 significant digits. */
export function toCsv(predictions: Prediction[], model: TrainedModel, names: readonly string[]): string {
  const kind = model.network.task?.kind;
  const lead = kind === 'classification' || kind === 'binary_classification' ? ['label', 'probability'] : kind === 'multilabel' ? ['labels'] : [];
  const outputs = lead.length > 0 ? names.map((n) => `p_${n}`) : names;
  const lines = [[...lead, ...outputs].map(csvCell).join(',')];
  for (const p of predictions) {
    const cells: string[] = [];
    if (p.label !== undefined) cells.push(csvCell(p.label), number(p.probability!));
    if (p.labels !== undefined) cells.push(csvCell(p.labels.join('|')));
    for (const o of p.outputs) cells.push(number(o.value));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A JSON array, one object per row: label/probability/probabilities, labels/probabilities, or values (6 significant digits). */
export function toJson(predictions: Prediction[]): string {
  const rows = predictions.map((p) => {
    const byName = Object.fromEntries(p.outputs.map((o) => [o.name, round(o.value)]));
    if (p.label !== undefined) return { label: p.label, probability: round(p.probability!), probabilities: byName };
    if (p.labels !== undefined) return { labels: p.labels, probabilities: byName };
    return { values: byName };
  });
  return rows.length === 0 ? '[]\n' : `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
}

/** 6 significant digits: the model computes in float32, so more would be noise. */
function round(v: number): number {
  return Number(v.toPrecision(6));
}

function number(v: number): string {
  return String(round(v));
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
