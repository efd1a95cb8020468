#!/usr/bin/env node
/**
 * `npm start`: the main job on the bundled examples — summarise every example, lint them, then train
 * the iris classifier (model, metrics and an HTML report in runs/Iris).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const axon = join(root, 'apps', 'cli', 'bin', 'axon.js');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.axon'))
  .sort()
  .map((f) => join('examples', f));

function step(title, args, { allow = [0] } = {}) {
  process.stdout.write(`\n━━ ${title}\n$ axon ${args.join(' ')}\n\n`);
  const r = spawnSync(process.execPath, [axon, ...args], { cwd: root, stdio: 'inherit' });
  if (!allow.includes(r.status ?? -1)) {
    process.stderr.write(`\nnpm start: \`axon ${args.join(' ')}\` exited with ${r.status ?? r.signal}\n`);
    process.exit(r.status || 1);
  }
}

step('Model summaries', ['summary', ...examples]);
step('Lint (the deep sigmoid stack is meant to be flagged)', ['lint', 'examples']);
step('Train the iris classifier', ['train', 'examples/iris.axon', '--out', 'runs/Iris']);
