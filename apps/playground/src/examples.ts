/**
 * What the page ships: the repository's examples (examples/*.axon), the playground's fixed deep stack,
 * and the examples' data sets (examples/*.csv). Small CSVs are bundled; MNIST (0.8 MB) loads on demand.
 */
import fixedDeepSigmoid from './examples/deep-sigmoid-fixed.axon?raw';

const repoExamples = import.meta.glob<string>('../../../examples/*.axon', { query: '?raw', import: 'default', eager: true });
const smallCsv = import.meta.glob<string>(['../../../examples/iris.csv', '../../../examples/binary.csv', '../../../examples/regression.csv'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const largeCsv = import.meta.glob<string>(['../../../examples/mnist.csv'], { query: '?raw', import: 'default' });

export interface Example {
  file: string;
  title: string;
  source: string;
}

const fileOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The order of the menu: the deep sigmoid stack and its fix first, then the trainable ones, then the graphs. */
const ORDER = ['deep-sigmoid.axon', 'deep-sigmoid-fixed.axon', 'iris.axon', 'binary.axon', 'regression.axon', 'mnist-cnn.axon'];

const TITLES: Record<string, string> = {
  'deep-sigmoid.axon': 'Deep sigmoid stack (flagged)',
  'deep-sigmoid-fixed.axon': 'Deep stack, fixed (relu + He + adam)',
  'iris.axon': 'Iris classifier',
  'binary.axon': 'Binary classifier',
  'regression.axon': 'Regression with early stopping',
  'mnist-cnn.axon': 'MNIST convnet',
};

export const EXAMPLES: Example[] = (() => {
  const all = new Map<string, string>(Object.entries(repoExamples).map(([p, s]) => [fileOf(p), s]));
  all.set('deep-sigmoid-fixed.axon', fixedDeepSigmoid);
  const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  return [...all.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([file, source]) => ({ file, title: TITLES[file] ?? file.replace(/\.axon$/, ''), source }));
})();

export const DATASET_NAMES: string[] = [...Object.keys(smallCsv), ...Object.keys(largeCsv)].map(fileOf).sort();

/** A bundled data set's text (MNIST is fetched from this site the first time). */
export async function datasetText(name: string): Promise<string | undefined> {
  for (const [p, text] of Object.entries(smallCsv)) if (fileOf(p) === name) return text;
  for (const [p, load] of Object.entries(largeCsv)) if (fileOf(p) === name) return load();
  return undefined;
}
