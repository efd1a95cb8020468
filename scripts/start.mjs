#!/usr/bin/env node
/**
 * `npm start`: the main job on the bundled examples — summarise the examples that train on a bundled
 * data set (the architecture examples, ResNet50 and friends, get their totals only: their tables run
 * to hundreds of rows), lint them all, then train the iris classifier (model, metrics and an HTML
 * report in runs/Iris).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const axon = join(root, 'apps', 'cli', 'bin', 'axon.js');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.axon'))
  .sort()
  .map((f) => join('examples', f));

const trainable = examples.filter((f) => /^\s*data\s*\{/m.test(readFileSync(join(root, f), 'utf8')));
const architectures = examples.filter((f) => !trainable.includes(f));

/** Runs `axon ARGS`; with `keep`, prints only the output lines it accepts. */
function step(title, args, { allow = [0], keep } = {}) {
  process.stdout.write(`\n━━ ${title}\n$ axon ${args.join(' ')}${keep ? '  (network and totals lines)' : ''}\n\n`);
  const r = spawnSync(process.execPath, [axon, ...args], { cwd: root, stdio: keep ? ['inherit', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (keep) process.stdout.write(r.stdout.split('\n').filter(keep).join('\n') + '\n');
  if (!allow.includes(r.status ?? -1)) {
    process.stderr.write(`\nnpm start: \`axon ${args.join(' ')}\` exited with ${r.status ?? r.signal}\n`);
    process.exit(r.status || 1);
  }
}

step('Model summaries', ['summary', ...trainable]);
if (architectures.length > 0) {
  step('Architecture examples (graphs written with residual and parallel)', ['summary', ...architectures], {
    keep: (line) => /^(Network:|Total params:|Non-trainable params:)/.test(line),
  });
}
step('Lint (the deep sigmoid stack is meant to be flagged)', ['lint', 'examples']);
step('Train the iris classifier', ['train', 'examples/iris.axon', '--out', 'runs/Iris']);
