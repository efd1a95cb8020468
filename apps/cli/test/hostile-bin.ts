/**
 * The `axon` command built from the workspace sources into one file (esbuild), for tests that need a
 * real process: exit codes after a write error, a closed stdout. Built once per test file, under
 * node_modules/.cache so the bundle's external packages resolve.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const src = (p: string) => join(root, p);

let bundle: Promise<string> | undefined;

export function builtAxon(): Promise<string> {
  bundle ??= (async () => {
    const dir = join(root, 'node_modules/.cache/axon-hostile');
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, `entry-${process.pid}.mjs`);
    writeFileSync(
      entry,
      [
        `import { main } from ${JSON.stringify(src('apps/cli/src/main.ts'))};`,
        `import { dropOutputAfterClosedPipe } from ${JSON.stringify(src('apps/cli/src/closed-pipe.ts'))};`,
        // the same steps as apps/cli/bin/axon.js
        'const output = dropOutputAfterClosedPipe();',
        'const code = await main(process.argv);',
        'await output.settled();',
        'process.exitCode = output.failure() ? 2 : code;',
      ].join('\n'),
    );
    const outfile = join(dir, `axon-${process.pid}.mjs`);
    const pkg = (name: string) => src(`packages/${name}/src/index.ts`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'error',
      alias: {
        '@axon/language': pkg('language'),
        '@axon/lint': pkg('lint'),
        '@axon/core': pkg('core'),
        '@axon/compile': pkg('compile'),
        '@axon/report': pkg('report'),
        '@axon/diagnose': pkg('diagnose'),
      },
      external: ['onnxruntime-node', '@tensorflow/*', '@resvg/*', 'canvas', 'sharp'],
      banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
    });
    return outfile;
  })();
  return bundle;
}

/** Runs the built command through `sh -c` (so a test can redirect: `> /dev/full`, `>&-`). */
export async function axonSh(args: string, cwd: string): Promise<SpawnSyncReturns<string>> {
  const bin = await builtAxon();
  return spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" ${args}`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}
