/**
 * The arguments of `parallel(…)`: `merge:` names how the branches are joined (default `concat`).
 */
import type { ArgList, ParallelStmt, Range } from './ast.js';
import { bind, type BindWording, type Ctx, type Param, type Params } from './args.js';
import { MERGE_MODES } from './catalog.js';
import type { MergeMode } from './network.js';
import { didYouMean } from './suggest.js';
import { toArgVals, type Env } from './values.js';

const PARALLEL: Params<Param> = { name: 'parallel', args: [{ name: 'merge', required: false }] };

const modes = () => MERGE_MODES.map((m) => `\`${m}\``).join(', ');

const WORDING: BindWording<Param> = {
  tooMany: () => `\`parallel\` takes one named argument, \`merge:\` (${modes()})`,
  unknown: (_callee, arg) => `\`parallel\` has no argument \`${arg}\`${didYouMean(arg, ['merge']) || ' (it takes `merge:`)'}`,
  duplicate: () => '`merge` of `parallel` is given more than once',
  missing: () => '`parallel` needs `merge`',
};

/** Keras's merge layer names that differ from the mode (`Concatenate` joins what `concat` does). */
const KERAS_NAMES: Record<string, MergeMode> = { concatenate: 'concat', sum: 'add', max: 'maximum', mean: 'average', avg: 'average', mul: 'multiply' };

export interface MergeArg {
  mode: MergeMode;
  /** Where the mode was written, when it was. */
  range?: Range;
}

/** The merge mode of a `parallel`; undefined when its arguments are invalid (reported). */
export function readMergeMode(stmt: ParallelStmt, ctx: Ctx, env: Env): MergeArg | undefined {
  const args: ArgList | undefined = stmt.args;
  if (!args || args.args.length === 0) return { mode: MERGE_MODES[0] };
  const bound = bind(PARALLEL, 'parallel', stmt.keywordRange, toArgVals(args.args, env), ctx, WORDING);
  if (!bound.clean) return undefined;
  const v = bound.values[0];
  if (!v) return { mode: MERGE_MODES[0] };
  if (v.t === 'missing') return undefined;
  if (v.t === 'name' && !v.args && (MERGE_MODES as readonly string[]).includes(v.name)) return { mode: v.name as MergeMode, range: v.range };
  const written = v.t === 'name' ? v.name : undefined;
  const lower = written?.toLowerCase();
  const keras = lower !== undefined && Object.hasOwn(KERAS_NAMES, lower) ? KERAS_NAMES[lower] : undefined;
  ctx.r.error(
    'analysis/unknown-merge',
    v.range,
    written !== undefined
      ? `unknown merge mode \`${written}\`${keras ? `; did you mean \`${keras}\`?` : didYouMean(written, MERGE_MODES) || ` (expected one of: ${modes()})`}`
      : `\`merge\` of \`parallel\` must be a merge mode (${modes()})`,
  );
  return undefined;
}
