import { taskText as languageTaskText } from '@axon/language';
import { columnStats, rowsText, type ColumnStats } from '../data-sample.js';
import { findSetting } from '../edits.js';
import { defineRule, taskRelated } from '../rule-kit.js';

/** How many of a column's distinct values a message lists. */
const SHOWN = 6;

function valuesText(stats: ColumnStats): string {
  const shown = [...stats.distinct].sort((a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b))).slice(0, SHOWN);
  const more = stats.distinctCount > SHOWN ? `, … (${stats.distinctCount >= 1000 ? '1,000 or more' : stats.distinctCount} in all)` : '';
  return `${shown.join(', ')}${more}`;
}

/** The task and the target column must agree: as many classes as distinct labels, numbers for a regression. */
export default defineRule(
  {
    id: 'task-data-mismatch',
    type: 'problem',
    description: 'The task does not match the target column: a class count other than its distinct values, a binary task without exactly two, a regression on text.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    messages: {
      moreValues:
        'The task is {{task}}, but the target column `{{column}}` has {{count}} distinct values in {{rows}} of {{file}} ({{values}}): more labels than classes. Declare classification(classes: {{count}}) if they are classes, or use a regression task if they are numbers.',
      fewerValues:
        'The task is {{task}}, but the target column `{{column}}` has only {{count}} distinct values in {{file}} ({{values}}): most of the declared classes never occur. Declare classification(classes: {{count}}), or check the target column.',
      notBinary:
        'The task is binary_classification, but the target column `{{column}}` has {{count}} distinct values in {{rows}} of {{file}} ({{values}}), not 2. Use classification(classes: {{count}}) for several classes, or a regression task for numbers.',
      textRegression:
        'The task is {{task}}, but the target column `{{column}}` holds text in {{rows}} of {{file}} ({{values}}): a regression predicts numbers. Use classification(classes: {{count}}) for labels, or point target at a numeric column.',
    },
  },
  (context) => {
    const { network, data: sample } = context;
    const data = network.data;
    const task = network.task;
    if (!sample || !data || !task || task.kind === 'multilabel') return;
    const stats = columnStats(sample, data.target);
    if (!stats || stats.count === 0) return;
    const target = findSetting(network.node, 'Data', 'target');
    const base = {
      range: target?.range ?? network.dataRange ?? network.nameRange,
      related: taskRelated(network),
    };
    const common = { task: languageTaskText(task), column: stats.name, count: stats.distinctCount >= 1000 ? '1,000 or more' : stats.distinctCount, rows: rowsText(sample), file: sample.source, values: valuesText(stats) };
    if (task.kind === 'regression') {
      // Mostly text: a few stray non-numeric cells are the core's error to report (with their line).
      if (stats.numeric * 2 < stats.count) context.report({ ...base, messageId: 'textRegression', data: common });
      return;
    }
    const k = stats.distinctCount;
    if (task.kind === 'binary_classification') {
      // One value in a truncated sample may be a file sorted by label: only a certain count is judged.
      if (k > 2 || (k < 2 && !sample.truncated)) context.report({ ...base, messageId: 'notBinary', data: common });
      return;
    }
    if (k > task.classes) context.report({ ...base, messageId: 'moreValues', data: common });
    else if (!sample.truncated && task.classes >= 3 && k <= task.classes / 2) context.report({ ...base, messageId: 'fewerValues', data: common });
  },
);
