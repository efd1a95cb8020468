/**
 * Training progress for `axon train`: on a terminal, a cli-progress bar per epoch (batches done, live loss,
 * the last epoch's validation figures); elsewhere (pipes, CI logs) plain lines. A line is kept on screen
 * for the first and last epoch and every `every` epochs, so a 200-epoch run prints about 20 lines.
 */
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { BatchLog, EpochLog } from '@axon/core';

/**
 * cli-progress (CommonJS), required when a bar is first drawn rather than with every command
 * (docs/cli.md#startup); resolved from this package, whose dependency it is.
 */
export function loadCliProgress(): typeof CliProgress {
  return createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
}

export interface TrainProgress {
  batch(log: BatchLog): void;
  epoch(log: EpochLog): void;
  /** Prints an extra line (a warning) without breaking the bar. */
  note(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WriteStream | NodeJS.WritableStream;
  tty: boolean;
  epochs: number;
}

export function createProgress(o: ProgressOptions): TrainProgress {
  const every = Math.max(1, Math.ceil(o.epochs / 20));
  const width = String(o.epochs).length;
  const write = (line: string) => o.stream.write(`${line}\n`);
  const keep = (log: EpochLog) => log.epoch === 1 || log.epoch === o.epochs || log.epoch % every === 0;
  let last = '';

  if (!o.tty) {
    return {
      batch() {},
      epoch(log) {
        if (keep(log)) write(epochLine(log, o.epochs, width));
      },
      note: write,
      stop() {},
    };
  }

  const cliProgress = loadCliProgress();
  let bar: CliProgress.SingleBar | undefined;
  let barEpoch = 0;
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    batch(log) {
      if (!bar || barEpoch !== log.epoch) {
        stopBar();
        bar = new cliProgress.SingleBar(
          {
            stream: o.stream as NodeJS.WritableStream,
            format: `epoch {epoch} {bar} {value}/{total} batches | loss {loss}{last}`,
            barsize: 24,
            hideCursor: true,
            clearOnComplete: true,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        );
        barEpoch = log.epoch;
        bar.start(log.batches, 0, { epoch: `${String(log.epoch).padStart(width)}/${o.epochs}`, loss: '-', last });
      }
      bar.update(log.batch + 1, { loss: fmt(log.loss) });
    },
    epoch(log) {
      stopBar();
      last = log.valLoss !== undefined ? ` | last val_loss ${fmt(log.valLoss)}` : '';
      if (keep(log)) write(epochLine(log, o.epochs, width));
    },
    note(line) {
      stopBar();
      write(line);
    },
    stop: stopBar,
  };
}

/** `epoch  20/200  loss 0.1234  accuracy 95.8%  val_loss 0.1100  val_accuracy 96.7%  12 ms` */
export function epochLine(log: EpochLog, epochs: number, width = String(epochs).length): string {
  const parts = [`epoch ${String(log.epoch).padStart(width)}/${epochs}`, `loss ${fmt(log.loss)}`];
  for (const [k, v] of Object.entries(log.metrics)) parts.push(`${k} ${metric(k, v)}`);
  if (log.valLoss !== undefined) parts.push(`val_loss ${fmt(log.valLoss)}`);
  for (const [k, v] of Object.entries(log.valMetrics ?? {})) parts.push(`val_${k} ${metric(k, v)}`);
  parts.push(`${Math.round(log.ms)} ms`);
  return parts.join('  ');
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
}

/** Accuracy as a percentage, everything else as a number. */
export function metric(name: string, v: number): string {
  return name === 'accuracy' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : fmt(v);
}
