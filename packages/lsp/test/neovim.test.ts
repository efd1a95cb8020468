/**
 * The server in a real LSP client that is not VS Code: Neovim's built-in client, headless.
 *
 * The Neovim configuration is not written here: it is the Lua block of docs/editors.md marked
 * `neovim-0.7-config`, extracted and used verbatim as init.lua, so the documented set-up is the one
 * proven. `axon-language-server` is put on the PATH the way docs/editors.md says (a shell wrapper
 * around the bin). The Neovim side (fixtures-nvim/probe.lua) opens the files, waits (bounded) for
 * diagnostics, asks for hover, completion and formatting through Neovim's client, sends settings,
 * types an edit, and writes what it saw as JSON, which this test asserts.
 *
 * Needs `nvim` ≥ 0.7 (Debian: `apt-get install -y neovim`); without it the test fails, saying so.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from '@axon/language';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./fixtures-nvim/probe.lua', import.meta.url));
const INSTALL_HINT = 'Neovim (nvim ≥ 0.7) is needed for this test: install it with `apt-get install -y neovim` (Debian/Ubuntu package `neovim`).';

/** The Lua block after the `neovim-0.7-config` marker in docs/editors.md. */
function documentedNeovimConfig(markdown: string): string {
  const m = /<!-- neovim-0\.7-config[^>]*-->\n```lua\n([\s\S]*?)```/.exec(markdown);
  if (!m) throw new Error('docs/editors.md has no `<!-- neovim-0.7-config … -->` Lua block');
  return m[1]!;
}

/** `nvim --version`'s first line as [major, minor, patch], or a failure naming the apt package. */
function nvimVersion(): [number, number, number] {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) throw new Error(`${INSTALL_HINT} (running \`nvim --version\` failed: ${r.error?.message ?? r.stderr})`);
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`${INSTALL_HINT} (unrecognised \`nvim --version\` output: ${r.stdout.split('\n')[0]})`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Runs nvim in its own process group (so the server it starts goes too), killed after `timeoutMs`. */
function runNvim(args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn('nvim', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', () => undefined);
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      kill(); // the group: a server left behind by a crashed nvim
      resolve({ code, stderr, timedOut });
    });
  });
}

interface NvimDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  message: string;
}
interface FileRecord {
  path: string;
  filetype: string;
  attached: boolean;
  initialized: boolean;
  diagnosticsArrived: boolean;
  msToDiagnostics: number;
  diagnostics: NvimDiagnostic[];
  hover?: string;
  hoverRange?: { start: { line: number; character: number }; end: { line: number; character: number } };
  completion?: string[];
  completionItems?: { label: string; format: number; text: string; word: string }[];
  codeActions?: { title: string; kind: string; isPreferred: boolean }[];
  codeActionError?: string;
  settingsApplied?: boolean;
  diagnosticsAfterSettings?: Pick<NvimDiagnostic, 'code' | 'lnum' | 'col' | 'severity'>[];
  editRepublished?: boolean;
  msEditToDiagnostics?: number;
  diagnosticsAfterEdit?: Pick<NvimDiagnostic, 'code' | 'lnum' | 'col' | 'severity'>[];
  formatEdits?: number;
  formatChanged?: boolean;
  formatted?: string;
  error?: string;
  hoverError?: string;
  completionError?: string;
  formatError?: string;
}
interface ProbeOutput {
  nvim: { major: number; minor: number; patch: number };
  files: FileRecord[];
  clients: number;
  serverStopped: boolean;
}

/** A regression spec with a sigmoid output, laid out badly (for formatting). */
const HOUSE = `network House {
    input [8]
  task   regression(outputs: 1)
  layers {
        dense(64, activation: relu,init: he_normal)
    dense(1, activation: sigmoid)
  }
}
`;

const position = (text: string, needle: string, after = false) => {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in the fixture`);
  const before = text.slice(0, offset + (after ? needle.length : 0)).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};

let work = '';

/** Newest modification time of the files under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  // Neovim runs the built server: build what is missing or older than its sources
  for (const pkg of ['language', 'lint', 'lsp']) {
    const dist = `${root}packages/${pkg}/dist/index.js`;
    if (!existsSync(dist) || statSync(dist).mtimeMs < newestMtime(`${root}packages/${pkg}/src`)) {
      execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}packages/${pkg}/tsconfig.build.json`], { stdio: 'inherit' });
    }
  }
  work = mkdtempSync(join(tmpdir(), 'axon-nvim-'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Neovim (built-in LSP client, headless) with the configuration from docs/editors.md', () => {
  it('the documented Lua block is there and uses only the 0.7 API', () => {
    const lua = documentedNeovimConfig(readFileSync(`${root}docs/editors.md`, 'utf8'));
    expect(lua).toContain("cmd = { 'axon-language-server', '--stdio' }");
    expect(lua).toContain('vim.lsp.start_client(');
    expect(lua).not.toMatch(/vim\.lsp\.start\(|vim\.fs\.|vim\.lsp\.config/);
  });

  it('shows diagnostics, hover, completion and formatting, follows settings and edits, and stops the server', async () => {
    const [major, minor] = nvimVersion();
    expect(major > 0 || minor >= 7, `${INSTALL_HINT} Found ${major}.${minor}, which has no usable built-in LSP client.`).toBe(true);

    // axon-language-server on the PATH, as docs/editors.md sets it up
    const bin = join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'axon-language-server'), `#!/bin/sh\nexec node ${root}packages/lsp/bin/axon-language-server.js "$@"\n`);
    chmodSync(join(bin, 'axon-language-server'), 0o755);

    const project = join(work, 'project');
    mkdirSync(project);
    const deep = join(project, 'deep-sigmoid.axon');
    copyFileSync(`${root}examples/deep-sigmoid.axon`, deep);
    const deepText = readFileSync(deep, 'utf8');
    const house = join(project, 'house.axon');
    writeFileSync(house, HOUSE);

    const init = join(work, 'init.lua');
    writeFileSync(init, documentedNeovimConfig(readFileSync(`${root}docs/editors.md`, 'utf8')));

    const sigmoidAt = position(deepText, 'dense(32, activation: sigmoid)');
    const activationValue = position(deepText, 'dense(32, activation: ', true); // just after "activation: "
    const houseOutput = position(HOUSE, 'activation: sigmoid', true);
    const houseSigmoid = { line: houseOutput.line, character: houseOutput.character - 'sigmoid'.length };
    const out = join(work, 'out.json');
    const plan = {
      out,
      timeoutMs: 15_000,
      files: [
        {
          path: deep,
          expectDiagnostics: 1,
          hover: { line: sigmoidAt.line, character: activationValue.character + 2 },
          completion: activationValue,
          notifySettings: { axon: { rules: { 'sigmoid-hidden': 'info' } } },
          format: true,
        },
        {
          path: house,
          expectDiagnostics: 1,
          completion: { line: houseSigmoid.line, character: 4 }, // start of the `dense(1, …)` statement
          codeActionLine: houseSigmoid.line,
          edit: { line: houseSigmoid.line, startCol: houseSigmoid.character, endCol: houseOutput.character, text: 'linear' },
          format: true,
        },
      ],
    };
    writeFileSync(join(work, 'plan.json'), JSON.stringify(plan));

    const env = {
      ...process.env,
      PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      AXON_NVIM_PLAN: join(work, 'plan.json'),
      XDG_CONFIG_HOME: join(work, 'config'),
      XDG_DATA_HOME: join(work, 'data'),
      XDG_STATE_HOME: join(work, 'state'),
      XDG_CACHE_HOME: join(work, 'cache'),
    };
    const run = await runNvim(['--headless', '--clean', '-u', init, '-c', `luafile ${PROBE}`], env, project, 90_000);
    expect(run.timedOut, `nvim did not finish in 90 s; stderr: ${run.stderr}`).toBe(false);
    expect(existsSync(out), `nvim wrote no result (exit ${run.code}); stderr: ${run.stderr}`).toBe(true);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ProbeOutput;
    const [d, h] = result.files;
    for (const f of result.files) {
      expect(f.error, `${f.path}: ${f.error}`).toBeUndefined();
      expect([f.hoverError, f.completionError, f.formatError, f.codeActionError]).toEqual([undefined, undefined, undefined, undefined]);
      expect([f.filetype, f.attached, f.initialized, f.diagnosticsArrived]).toEqual(['axon', true, true, true]);
    }

    // deep-sigmoid.axon: init_options turned sigmoid-hidden off, so only the deep-stack warning remains,
    // on the first sigmoid layer (0-based line/col, as Neovim stores them).
    expect(d!.diagnostics.map((x) => [x.code, x.lnum, x.col, x.end_col, x.severity, x.source])).toEqual([
      ['saturating-deep-stack', sigmoidAt.line, activationValue.character - 'activation: '.length, activationValue.character + 'sigmoid'.length, 2, 'axon'],
    ]);
    expect([sigmoidAt.line, activationValue.character]).toEqual([8, 26]);
    expect(d!.diagnostics[0]!.message).toContain('19 hidden layers apply sigmoid');
    expect(d!.msToDiagnostics).toBeLessThan(15_000);

    // hover on `sigmoid`: the activation's formula, range and derivative
    expect(d!.hover).toContain('**sigmoid** (activation)');
    expect(d!.hover).toContain('σ(x) = 1 / (1 + e^(−x))');
    expect(d!.hover).toContain('Output range: (0, 1)');
    expect(d!.hoverRange).toEqual({ start: { line: 8, character: 26 }, end: { line: 8, character: 33 } });

    // completion right after `activation: `
    expect(d!.completion).toEqual(expect.arrayContaining(['relu', 'leaky_relu', 'sigmoid', 'tanh', 'linear']));
    expect(d!.completion).not.toContain('dense');

    // Neovim 0.7 cannot expand snippets (it says so): layer calls come as plain text, which is what
    // its omnifunc inserts; before the fix it got `dense(${1:units})`
    const layerItems = h!.completionItems!;
    expect(layerItems.map((i) => i.label)).toEqual(expect.arrayContaining(['dense', 'dropout', 'repeat']));
    expect(layerItems.filter((i) => i.format !== 1)).toEqual([]);
    expect(layerItems.find((i) => i.label === 'dense')).toMatchObject({ text: 'dense(units)', word: 'dense(units)' });
    expect(layerItems.find((i) => i.label === 'repeat')!.text).toBe('repeat 2 {\n  \n}');

    // didChangeConfiguration at run time: sigmoid-hidden back on as info (severity 3) → its two findings appear
    expect(d!.settingsApplied).toBe(true);
    expect(d!.diagnosticsAfterSettings!.map((x) => [x.code, x.lnum, x.col, x.severity])).toEqual([
      ['saturating-deep-stack', 8, 14, 2],
      ['sigmoid-hidden', 8, 14, 3],
      ['sigmoid-hidden', 10, 16, 3],
    ]);

    // the example is already in the canonical layout: formatting changes nothing
    expect([d!.formatEdits, d!.formatChanged]).toEqual([0, false]);
    expect(d!.formatted).toBe(deepText);

    // house.axon: the regression output's sigmoid is flagged where it is
    expect(h!.diagnostics.map((x) => [x.code, x.lnum, x.col])).toEqual([['regression-output-linear', houseSigmoid.line, houseSigmoid.character - 'activation: '.length]]);
    // code actions as vim.lsp.buf.code_action() asks (cursor at the line start, the line's diagnostics)
    expect(h!.codeActions).toEqual([
      { title: 'Remove the output activation', kind: 'quickfix', isPreferred: true },
      { title: 'Disable regression-output-linear for this line', kind: 'quickfix', isPreferred: false },
      { title: 'Disable regression-output-linear for this file', kind: 'quickfix', isPreferred: false },
      { title: 'Fix all auto-fixable problems', kind: 'source.fixAll.axon', isPreferred: false },
    ]);
    // typing `linear` over it (an incremental change from Neovim) clears it
    expect(h!.editRepublished).toBe(true);
    expect(h!.diagnosticsAfterEdit).toEqual([]);
    // formatting through Neovim (edits applied by Neovim) gives the formatter's canonical text
    const edited = HOUSE.replace('activation: sigmoid', 'activation: linear');
    expect(h!.formatChanged).toBe(true);
    expect(h!.formatEdits).toBeGreaterThan(0);
    expect(h!.formatted).toBe(format(edited));

    // shutdown: Neovim stopped the one client (one server for the project directory)
    expect(result.clients).toBe(1);
    expect(result.serverStopped).toBe(true);
    expect(run.code).toBe(0);

    // figures for the report
    console.log(
      `[neovim ${result.nvim.major}.${result.nvim.minor}.${result.nvim.patch}] first diagnostics ${d!.msToDiagnostics.toFixed(0)} ms after :edit (server start included); ` +
        `house.axon ${h!.msToDiagnostics.toFixed(0)} ms; edit → diagnostics ${h!.msEditToDiagnostics!.toFixed(0)} ms`,
    );
  }, 120_000);
});
