import { describe, expect, it } from 'vitest';
import { chooseServer, describeServer } from '../src/server-choice.js';
import { chooseCli, cliArguments, onPath, shellQuote, trainOutDir } from '../src/cli-invocation.js';
import { parseDiagnoseOutput } from '../src/diagnose-findings.js';
import { htmlForWebview, reportCsp, waitingHtml } from '../src/report-html.js';
import { liveProgressHtml, parseMetricsJsonl, polylinePoints } from '../src/live-progress.js';

describe('chooseServer', () => {
  it('uses the bundled server over IPC when axon.server.path is empty', () => {
    expect(chooseServer('', '/ext/dist/server.cjs')).toEqual({ kind: 'node-module', module: '/ext/dist/server.cjs', bundled: true });
    expect(chooseServer(undefined, '/ext/dist/server.cjs').kind).toBe('node-module');
    expect(describeServer(chooseServer('  ', '/e/s.cjs'))).toBe('bundled server /e/s.cjs (Node, IPC)');
  });
  it('runs a configured JavaScript file with Node and anything else as an executable with --stdio', () => {
    expect(chooseServer('/opt/axon/server.js', '/b')).toEqual({ kind: 'node-module', module: '/opt/axon/server.js', bundled: false });
    expect(chooseServer('bin/server.mjs', '/b', { workspaceFolder: '/ws' })).toEqual({ kind: 'node-module', module: '/ws/bin/server.mjs', bundled: false });
    expect(chooseServer('~/bin/axon-language-server', '/b', { home: '/home/u' })).toEqual({ kind: 'executable', command: '/home/u/bin/axon-language-server' });
    expect(describeServer({ kind: 'executable', command: '/x/axls' })).toBe('server executable /x/axls (--stdio)');
  });
});

describe('chooseCli', () => {
  const existing = (paths: string[]) => (p: string) => paths.includes(p);
  it('prefers the axon.cliPath setting, resolved against the first workspace folder', () => {
    expect(chooseCli('tools/axon.js', { workspaceFolders: ['/ws'] }, existing([]))).toEqual({
      kind: 'node-script', path: '/ws/tools/axon.js', source: 'setting',
    });
    expect(chooseCli('/usr/bin/axon', { workspaceFolders: [] }, existing([])).kind).toBe('executable');
  });
  it('then the workspace (a built repo CLI, or node_modules/.bin/axon), then PATH', () => {
    const c = { workspaceFolders: ['/ws'] };
    expect(chooseCli('', c, existing(['/ws/apps/cli/bin/axon.js', '/ws/apps/cli/dist/main.js']))).toEqual({
      kind: 'node-script', path: '/ws/apps/cli/bin/axon.js', source: 'workspace',
    });
    // An unbuilt repo CLI is skipped.
    expect(chooseCli('', c, existing(['/ws/apps/cli/bin/axon.js'])).source).toBe('path');
    expect(chooseCli('', c, existing(['/ws/node_modules/.bin/axon']))).toEqual({
      kind: 'executable', path: '/ws/node_modules/.bin/axon', source: 'workspace',
    });
    expect(chooseCli('', c, existing([]))).toEqual({ kind: 'executable', path: 'axon', source: 'path' });
  });
});

describe('onPath', () => {
  it('looks a bare command up in each PATH folder, and a path up directly', () => {
    const files = new Set(['/opt/axon/bin/axon', '/x/axon.js']);
    const exists = (p: string) => files.has(p);
    expect(onPath('axon', ['/usr/bin', '/opt/axon/bin'].join(':'), exists)).toBe(true);
    expect(onPath('axon', '/usr/bin:/bin', exists)).toBe(false);
    expect(onPath('axon', undefined, exists)).toBe(false);
    expect(onPath('/x/axon.js', '', exists)).toBe(true);
  });
});

describe('cliArguments', () => {
  it('builds each command line as apps/cli defines it', () => {
    expect(cliArguments({ action: 'summary', file: '/w/a.axon', network: 'Iris' })).toEqual(['summary', '/w/a.axon']);
    expect(cliArguments({ action: 'train', file: 'a.axon', network: 'Iris', outDir: '/o' })).toEqual(['train', 'a.axon', '--network', 'Iris', '--out', '/o']);
    expect(cliArguments({ action: 'compile', file: 'a.axon', network: 'N', target: 'onnx', weights: 'runs/N' })).toEqual([
      'compile', 'a.axon', '--target', 'onnx', '--network', 'N', '--weights', 'runs/N',
    ]);
    expect(cliArguments({ action: 'compile', file: 'a.axon' })).toEqual(['compile', 'a.axon', '--target', 'json']);
    expect(cliArguments({ action: 'diagnose', file: 'a.axon' })).toEqual(['diagnose', 'a.axon', '--format', 'json']);
  });
  it('puts each run in its own folder and quotes arguments for the log', () => {
    expect(trainOutDir('/ws/x', 'runs', '/ws/x/deep.axon', 'Deep Net')).toBe('/ws/x/runs/Deep_Net');
    expect(trainOutDir('/ws/x', '', '/ws/x/deep.axon', 'Deep')).toBe('/ws/x/runs/Deep');
    expect(trainOutDir('/ws', '/abs/runs', '/ws/x/deep.axon')).toBe('/abs/runs/deep');
    expect(shellQuote('/a/b.axon')).toBe('/a/b.axon');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
  });
});

describe('parseDiagnoseOutput', () => {
  const range = { start: { offset: 10, line: 3, column: 5 }, end: { offset: 40, line: 3, column: 35 } };
  it('maps 1-based finding ranges to 0-based editor positions, keeping rule id and severity', () => {
    const out = JSON.stringify([{ ruleId: 'vanishing-gradients', severity: 'warning', message: 'layer 1: gradient norm 3e-9', range }]);
    expect(parseDiagnoseOutput(out)).toEqual([
      { startLine: 2, startCharacter: 4, endLine: 2, endCharacter: 34, severity: 'warning', code: 'vanishing-gradients', message: 'layer 1: gradient norm 3e-9' },
    ]);
  });
  it('reads the CLI\'s json format: files with ESLint-style messages and related locations', () => {
    const out = [
      {
        filePath: '/w/deep-sigmoid.axon',
        messages: [
          {
            ruleId: 'diagnose/vanishing-gradients',
            code: 'diagnose/vanishing-gradients',
            severity: 'warning',
            message: "layer 1 (dense): gradient norm 1.7e-12, 2.2e-12 of the output layer's",
            line: 9, column: 5, endLine: 9, endColumn: 35,
            related: [{ message: 'static rule `saturating-deep-stack`', line: 9, column: 15, endLine: 9, endColumn: 34 }],
          },
        ],
      },
    ];
    expect(parseDiagnoseOutput(JSON.stringify(out, null, 2))).toEqual([
      {
        file: '/w/deep-sigmoid.axon',
        startLine: 8, startCharacter: 4, endLine: 8, endCharacter: 34,
        severity: 'warning',
        code: 'diagnose/vanishing-gradients',
        message: "layer 1 (dense): gradient norm 1.7e-12, 2.2e-12 of the output layer's",
        related: [{ startLine: 8, startCharacter: 14, endLine: 8, endCharacter: 33, message: 'static rule `saturating-deep-stack`' }],
      },
    ]);
  });

  it('reads the per-file shape and ESLint-style line/column fields, after progress lines', () => {
    const doc = { files: [{ file: 'deep.axon', findings: [{ code: 'dead-relu', severity: 'error', message: 'm', line: 7, column: 3, endLine: 7, endColumn: 9 }] }] };
    const parsed = parseDiagnoseOutput(`step 1/10\nstep 10/10\n${JSON.stringify(doc)}`);
    expect(parsed).toEqual([{ file: 'deep.axon', startLine: 6, startCharacter: 2, endLine: 6, endCharacter: 8, severity: 'error', code: 'dead-relu', message: 'm' }]);
    expect(parseDiagnoseOutput('   ')).toEqual([]);
    expect(() => parseDiagnoseOutput('not json at all')).toThrow(/did not print JSON/);
  });
});

describe('report html for the webview', () => {
  it('adds a CSP without network access and a base for the charts beside the report', () => {
    const html = htmlForWebview('<html><head><title>r</title></head><body><img src="loss.svg"></body></html>', 'vscode-resource:', 'https://w/run');
    expect(html).toBe(
      `<html><head><meta http-equiv="Content-Security-Policy" content="${reportCsp('vscode-resource:')}"><base href="https://w/run/"><title>r</title></head><body><img src="loss.svg"></body></html>`,
    );
    expect(reportCsp('X')).toContain("default-src 'none'");
    expect(reportCsp('X')).not.toContain('connect-src');
  });
  it('wraps fragments and escapes the waiting page path', () => {
    expect(htmlForWebview('<p>hi</p>', 'S')).toMatch(/^<!DOCTYPE html><html><head><meta [^>]+><\/head><body><p>hi<\/p><\/body><\/html>$/);
    expect(waitingHtml('/tmp/<run>/report.html', 'S')).toContain('/tmp/&lt;run&gt;/report.html');
  });
});

describe('live training view', () => {
  const jsonl = [
    '{"epoch":1,"loss":1.2,"metrics":{"accuracy":0.3},"valLoss":1.3,"valMetrics":{"accuracy":0.25},"ms":3}',
    '{"epoch":2,"loss":0.8,"metrics":{"accuracy":0.6},"valLoss":0.9,"valMetrics":{"accuracy":0.55},"ms":3}',
    '{"epoch":3,"loss":0.4,"metrics":{"accuracy":0.9},"valLoss":0.5,"valMe', // being written
  ].join('\n');

  it('parses complete epoch lines and skips a line still being written', () => {
    expect(parseMetricsJsonl(jsonl)).toEqual([
      { epoch: 1, loss: 1.2, valLoss: 1.3, metrics: { accuracy: 0.3 }, valMetrics: { accuracy: 0.25 } },
      { epoch: 2, loss: 0.8, valLoss: 0.9, metrics: { accuracy: 0.6 }, valMetrics: { accuracy: 0.55 } },
    ]);
    expect(parseMetricsJsonl('{"epoch":1,"loss":null}\n\n')).toEqual([]);
  });

  it('scales curves into the plot (y grows downwards in SVG)', () => {
    const plot = { width: 120, height: 70, pad: 10 };
    expect(polylinePoints([1, 2, 3], [1, 0.5, 0], 0, 1, plot)).toBe('10.0,10.0 60.0,35.0 110.0,60.0');
    expect(polylinePoints([5], [2], 2, 2, plot)).toBe('60.0,35.0');
  });

  it('draws one polyline per series and the latest figures', () => {
    const html = liveProgressHtml(parseMetricsJsonl(jsonl), { title: 'DeepSigmoid', totalEpochs: 50, cspSource: 'S' });
    expect(html.match(/<polyline class="series"/g)).toHaveLength(2);
    expect(html).toContain('data-series="val_loss"');
    expect(html).toContain('DeepSigmoid — training (epoch 2 of 50)');
    expect(html).toContain('<td>0.8000</td>');
    expect(html).toContain('<th>val_accuracy</th>');
    expect(liveProgressHtml([], { title: 'x', cspSource: 'S' })).toContain('No epoch has finished yet.');
  });
});
