/**
 * The non-layer sections of a network: `input`, `task`, `train { }` and `data { }`, checked and
 * defaulted from the catalog.
 */
import type { DataDecl, InputDecl, Range, Setting, TaskDecl, TrainDecl } from './ast.js';
import {
  readBool,
  readEarlyStopping,
  readInt,
  readLoss,
  readNumber,
  readOptimizer,
  readString,
  readStrings,
  readTask,
  type Ctx,
} from './args.js';
import { DATA_SETTINGS, TASKS, TRAIN_SETTINGS, describeType, sectionKeyword, type SettingInfo } from './catalog.js';
import type { DataSpec, Loss, Optimizer, Shape, Task, TrainSpec } from './network.js';
import { Reporter } from './report.js';
import { didYouMean } from './suggest.js';
import { EMPTY_ENV, toVal, type Val } from './values.js';

/** The range of the first `length` characters of a node (its keyword). */
export function keywordRange(range: Range, length: number): Range {
  const end = Math.min(range.start.offset + length, range.end.offset);
  const n = end - range.start.offset;
  return { start: range.start, end: { offset: end, line: range.start.line, column: range.start.column + n } };
}

/** The input shape; undefined when a dimension is invalid (reported). */
export function resolveInput(decl: InputDecl, r: Reporter): Shape | undefined {
  const dims = (decl.dims ?? []).filter(Boolean);
  if (dims.length === 0) {
    r.error('analysis/missing-input', decl.range, '`input` needs at least one dimension, e.g. `input [4]` or `input [28, 28, 1]`');
    return undefined;
  }
  let ok = true;
  for (const d of dims) {
    if (!Number.isInteger(d.value)) {
      r.error('analysis/wrong-type', d.range, `an input dimension must be a positive integer, got \`${d.raw}\``);
      ok = false;
    } else if (d.value < 1) {
      r.error('analysis/out-of-range', d.range, `an input dimension must be a positive integer, got \`${d.raw}\``);
      ok = false;
    }
  }
  return ok ? dims.map((d) => d.value) : undefined;
}

export function resolveTask(decl: TaskDecl, r: Reporter): Task | undefined {
  if (!decl.value) return undefined; // the parser reported it
  const ctx: Ctx = { r, params: [] };
  return readTask(ctx, toVal(decl.value, EMPTY_ENV, decl.range), '`task`');
}

/** Checks keys of a settings section: unknown and duplicate keys are reported; returns the first of each. */
function settingsByKey(settings: readonly Setting[], table: Record<string, SettingInfo>, section: string, r: Reporter): Map<string, Setting> {
  const byKey = new Map<string, Setting>();
  for (const s of settings ?? []) {
    if (!s?.key) continue;
    const key = s.key.name;
    if (!Object.prototype.hasOwnProperty.call(table, key)) {
      const known = Object.keys(table);
      r.error(
        'analysis/unknown-setting',
        s.key.range,
        `\`${section}\` has no setting \`${key}\`${didYouMean(key, known) || ` (expected one of: ${known.join(', ')})`}`,
      );
      continue;
    }
    const info = table[key]!;
    if (!s.colon && !info.statement) {
      r.error(
        'analysis/missing-value',
        s.key.range,
        `\`${key}\` is a setting: write \`${key}: value\` with ${describeType(info.type, info.range)}`,
      );
      continue;
    }
    const first = byKey.get(key);
    if (first) {
      r.error('analysis/duplicate-setting', s.key.range, `\`${key}\` is already set at line ${first.key.range.start.line}`);
      continue;
    }
    byKey.set(key, s);
  }
  return byKey;
}

function settingVal(s: Setting): Val {
  return toVal(s.value, EMPTY_ENV, s.range);
}

/** The loss a task implies when `train` does not name one. */
export function defaultLoss(task: Task | undefined): Loss {
  return { name: task ? TASKS[task.kind].defaultLoss : 'mse', fromLogits: false };
}

/** The optimizer when `train` names none: the catalog's default optimizer, with its default arguments. */
const DEFAULT_OPTIMIZER: Optimizer = (() => {
  const at = { offset: 0, line: 1, column: 1 };
  const range = { start: at, end: at };
  const name = TRAIN_SETTINGS.optimizer!.default as string;
  return readOptimizer({ r: new Reporter(), params: [] }, { t: 'name', name, nameRange: range, range }, '`optimizer`')!.optimizer;
})();

export function resolveTrain(decl: TrainDecl | undefined, task: Task | undefined, r: Reporter): TrainSpec {
  const spec: TrainSpec = {
    loss: defaultLoss(task),
    lossExplicit: false,
    optimizer: { ...DEFAULT_OPTIMIZER },
    epochs: TRAIN_SETTINGS.epochs!.default as number,
    batchSize: TRAIN_SETTINGS.batch_size!.default as number,
    seed: TRAIN_SETTINGS.seed!.default as number,
    ranges: {},
  };
  if (!decl) return spec;
  const ctx: Ctx = { r, params: [] };
  const byKey = settingsByKey(decl.settings, TRAIN_SETTINGS, 'train', r);
  for (const [key, s] of byKey) {
    spec.ranges[key] = s.range;
    const v = settingVal(s);
    const label = `\`${key}\``;
    const info = TRAIN_SETTINGS[key]!;
    switch (key) {
      case 'loss': {
        const loss = readLoss(ctx, v, label);
        if (loss) {
          spec.loss = loss;
          spec.lossExplicit = true;
        }
        break;
      }
      case 'optimizer': {
        const o = readOptimizer(ctx, v, label);
        if (o) {
          spec.optimizer = o.optimizer;
          Object.assign(spec.ranges, o.ranges);
        }
        break;
      }
      case 'epochs':
      case 'batch_size':
      case 'seed': {
        const n = readInt(ctx, v, label, info);
        if (n !== undefined) {
          if (key === 'epochs') spec.epochs = n;
          else if (key === 'batch_size') spec.batchSize = n;
          else spec.seed = n;
        }
        break;
      }
      case 'early_stopping': {
        const es = readEarlyStopping(ctx, v, label);
        if (es) spec.earlyStopping = es;
        break;
      }
    }
  }
  return spec;
}

/**
 * The data section. `task`: the network's task when it declares one (`standardize_target` is refused
 * on a task other than regression).
 */
export function resolveData(decl: DataDecl, r: Reporter, task?: Task): DataSpec | undefined {
  const ctx: Ctx = { r, params: [] };
  const byKey = settingsByKey(decl.settings, DATA_SETTINGS, 'data', r);
  const spec: DataSpec = {
    source: '',
    target: '',
    validationSplit: DATA_SETTINGS.validation_split!.default as number,
    standardize: DATA_SETTINGS.standardize!.default as boolean,
    ranges: {},
  };
  let ok = true;
  const missing = Object.values(DATA_SETTINGS).filter((info) => info.required && !byKey.has(info.name));
  if (missing.length > 0) {
    const list = missing.map((m) => `\`${m.name}\``).join(' and ');
    r.error('analysis/missing-setting', keywordRange(decl.range, sectionKeyword(decl.kind).length), missing.length === 1 ? `\`data\` needs ${list} (${describeType(missing[0]!.type)})` : `\`data\` needs ${list}`);
    ok = false;
  }
  for (const [key, s] of byKey) {
    spec.ranges[key] = s.range;
    const v = settingVal(s);
    const label = `\`${key}\``;
    switch (key) {
      case 'source':
      case 'target': {
        const str = readString(ctx, v, label);
        if (str === undefined) ok = false;
        else spec[key] = str;
        break;
      }
      case 'features': {
        const f = readStrings(ctx, v, label);
        if (f) spec.features = f;
        break;
      }
      case 'validation_split': {
        const n = readNumber(ctx, v, label, DATA_SETTINGS.validation_split!);
        if (n !== undefined) spec.validationSplit = n;
        break;
      }
      case 'standardize': {
        const b = readBool(ctx, v, label);
        if (b !== undefined) spec.standardize = b;
        break;
      }
      case 'standardize_target': {
        const b = readBool(ctx, v, label);
        if (b === undefined) break;
        if (b && task && task.kind !== 'regression') {
          r.error(
            'analysis/conflicting-settings',
            s.key.range,
            `\`standardize_target\` scales regression targets; this task is ${task.kind} (its target is a class column): remove \`standardize_target\``,
          );
          ok = false;
        } else spec.standardizeTarget = b;
        break;
      }
      case 'text': {
        const str = readString(ctx, v, label);
        if (str === undefined) ok = false;
        else spec.text = str;
        break;
      }
      case 'vocabulary': {
        const n = readInt(ctx, v, label, DATA_SETTINGS.vocabulary!);
        if (n === undefined) ok = false;
        else spec.vocabulary = n;
        break;
      }
    }
  }
  const text = byKey.get('text');
  const features = byKey.get('features');
  const vocabulary = byKey.get('vocabulary');
  if (text && features) {
    r.error(
      'analysis/conflicting-settings',
      features.key.range,
      '`features` cannot be given with `text`: a text model reads the one `text` column as its input; remove `features`',
    );
    ok = false;
  }
  if (vocabulary && !text) {
    r.error('analysis/conflicting-settings', vocabulary.key.range, '`vocabulary` only applies to a `text` column; add `text: "column"` or remove `vocabulary`');
    ok = false;
  }
  if (spec.text !== undefined && spec.vocabulary === undefined) spec.vocabulary = DATA_SETTINGS.vocabulary!.default as number;
  return ok ? spec : undefined;
}
