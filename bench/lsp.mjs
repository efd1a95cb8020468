#!/usr/bin/env node
// The language server's latency as an editor sees it, on a generated 2,000-line spec:
//  - diagnostics: time from a `didChange` (one small incremental edit) to the `publishDiagnostics`
//    for that version, debounce set to 0, over 200 edits (median, p95);
//  - completion: time of `textDocument/completion` at 20 positions (5 rounds each);
//  - graphs written in source (examples/resnet50.axon, densenet121.axon): edit → diagnostics, inlay
//    hints over the whole file, the outline, hover on every residual/parallel/shortcut/branch keyword.
// The server is the built bin (`axon-language-server --stdio`), spawned and driven over JSON-RPC,
// and everything is measured here, on the client side (the server ships no timing code): the
// figures include serialisation and the pipe (an upper bound of the server's own time). The
// server's CPU time comes from the OS (/proc/<pid>/stat on Linux), over the whole edit loop.
// Peer measured in the same run: @axon/lint's `lintText` on the same text, in this process
// (parse + analyse + every rule, no LSP) — the floor the server cannot beat.
//
//   npm run build -w @axon/language -w @axon/lint -w @axon/lsp && node bench/lsp.mjs [--edits 200]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = new URL('..', import.meta.url);
const bin = fileURLToPath(new URL('packages/lsp/bin/axon-language-server.js', root));
for (const pkg of ['language', 'lint', 'lsp']) {
  if (!existsSync(fileURLToPath(new URL(`packages/${pkg}/dist/index.js`, root)))) {
    console.error(`packages/${pkg}/dist is missing: run \`npm run build -w @axon/language -w @axon/lint -w @axon/lsp\` first.`);
    process.exit(2);
  }
}
const lint = await import(pathToFileURL(fileURLToPath(new URL('packages/lint/dist/index.js', root))).href);

const editsArg = process.argv.indexOf('--edits');
const EDITS = editsArg > 0 ? Math.max(10, Number(process.argv[editsArg + 1]) || 200) : 200;

/** A realistic 2,000-line file: blocks, then networks with plain layers, block uses and repeats, train and data. */
function generate(targetLines = 2000) {
  const out = ['// generated: language server benchmark', ''];
  out.push('block res_unit(width, rate) {', '  dense(width, activation: relu, init: he_normal)', '  batch_norm()', '  dropout(rate)', '}', '');
  let n = 0;
  while (out.length < targetLines - 40) {
    out.push(`network Net${n} {`, '  input [32]', '  task classification(classes: 10)', '', '  layers {');
    for (let i = 0; i < 6; i++) {
      out.push(`    dense(64, activation: leaky_relu(alpha: 0.01), init: he_normal)`);
      out.push('    res_unit(64, 0.1)');
      out.push('    repeat 2 {', '      dense(64, activation: elu(alpha: 1.0))', '      dropout(0.25)', '    }');
    }
    out.push('    dense(10, activation: softmax)', '  }', '');
    out.push('  train {', '    loss: categorical_crossentropy', '    optimizer: adam(learning_rate: 1e-3)', '    epochs: 20', '    batch_size: 32', '  }', '');
    out.push('  data {', '    source: "data.csv"', '    target: "label"', '  }', '}', '');
    n++;
  }
  return out.join('\n') + '\n';
}

const text = generate();
const lineCount = text.split('\n').length - 1;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms) => `${ms.toFixed(2)} ms`;

// Peer: lintText in-process — and its phases, in CPU time (robust to other processes on the machine).
const lang = await import(pathToFileURL(fileURLToPath(new URL('packages/language/dist/index.js', root))).href);
const cpuOf = (f) => {
  const c = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(c);
  return [r, (d.user + d.system) / 1000];
};
const peer = [];
const phases = { parse: [], analyze: [], rules: [] };
const config = lint.defaultConfig();
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  lint.lintText(text);
  peer.push(performance.now() - t0);
  const [parsed, tp] = cpuOf(() => lang.parse(text));
  const [analysis, ta] = cpuOf(() => lang.analyze(parsed.ast));
  const [, tr] = cpuOf(() => lint.lintDocument({ text, ast: parsed.ast, networks: analysis.networks }, config));
  phases.parse.push(tp);
  phases.analyze.push(ta);
  phases.rules.push(tr);
}

const child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(performance.now());
  }
});
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await conn.sendNotification('initialized', {});

/** The server process's CPU time so far (user + system, ms), from the OS; undefined where /proc is missing. */
const CLOCK_TICKS_PER_SECOND = 100; // Linux's USER_HZ (`getconf CLK_TCK`)
function serverCpuMs() {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND; // utime, stime
  } catch {
    return undefined;
  }
}

const uri = 'file:///bench/generated.axon';
let doc = TextDocument.create(uri, 'axon', 1, text);
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
let wait = published(1);
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axon', version: 1, text } });
let diagCount;
await wait;

// Edits: rewrite the units of a random `dense(64` (64 ↔ 65), as someone tuning a layer would.
const sites = [];
for (let i = text.indexOf('dense(64'); i !== -1; i = text.indexOf('dense(64', i + 1)) sites.push(i + 'dense('.length);
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const diag = [];
const cpuBefore = serverCpuMs();
const wallBefore = performance.now();
for (let e = 0; e < EDITS; e++) {
  const at = sites[Math.floor(rand() * sites.length)];
  const cur = doc.getText().slice(at, at + 2);
  const next = cur === '64' ? '65' : '64';
  const range = { start: doc.positionAt(at), end: doc.positionAt(at + 2) };
  const version = doc.version + 1;
  doc = TextDocument.update(doc, [{ range, text: next }], version);
  wait = published(version);
  const t0 = performance.now();
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: next }] });
  const t1 = await wait;
  diag.push(t1 - t0);
}
const cpuAfter = serverCpuMs();
const editLoopMs = performance.now() - wallBefore;
const cpuPerEdit = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / EDITS : undefined;

// Completion at 20 positions of different kinds (layer statement, after activation:, in a call, train keys, loss values …).
const final = doc.getText();
const anchors = [
  ['activation: leaky_relu', 'activation: '.length],
  ['activation: elu', 'activation: '.length],
  ['init: he_normal', 'init: '.length],
  ['    res_unit(64', 4],
  ['res_unit(64, ', 'res_unit(64, '.length],
  ['dense(64, activation: leaky', 'dense(64, '.length],
  ['leaky_relu(alpha', 'leaky_relu('.length],
  ['loss: categorical', 'loss: '.length],
  ['optimizer: adam', 'optimizer: '.length],
  ['adam(learning_rate', 'adam('.length],
  ['    epochs: 20', 4],
  ['    source:', 4],
  ['  task classification', '  task '.length],
  ['classification(classes', 'classification('.length],
  ['      dropout(0.25)', 6],
  ['    dense(10', 4],
  ['  input [32]', 2],
  ['dense(10, activation: softmax', 'dense(10, activation: '.length],
  ['  batch_norm()', 2],
  ['dense(width, activation: relu', 'dense(width, '.length],
];
const completion = [];
const counts = [];
for (let round = 0; round < 5; round++) {
  anchors.forEach(([needle, delta], i) => {
    // spread the positions over the file: the i-th anchor is searched from i/20 of the way in
    const from = Math.floor((final.length * i) / anchors.length);
    let at = final.indexOf(needle, from);
    if (at < 0) at = final.indexOf(needle);
    anchors[i].at = at + delta;
  });
  for (const a of anchors) {
    const t0 = performance.now();
    const list = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(a.at) });
    completion.push(performance.now() - t0);
    if (round === 0) counts.push(list.items.length);
  }
}

// Graph networks written in source (examples/resnet50.axon, densenet121.axon): an edit → diagnostics,
// and the analysed requests an editor sends on them — inlay hints over the whole file, the outline,
// hover on every residual/parallel keyword. Peer: lintText on the same text, in this process.
const graphs = [];
for (const file of ['resnet50.axon', 'densenet121.axon']) {
  const gtext = readFileSync(fileURLToPath(new URL(`examples/${file}`, root)), 'utf8');
  const guri = `file:///bench/${file}`;
  let gdoc = TextDocument.create(guri, 'axon', 1, gtext);
  wait = published(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: guri, languageId: 'axon', version: 1, text: gtext } });
  await wait;
  const gpeer = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    lint.lintText(gtext);
    gpeer.push(performance.now() - t0);
  }
  // Edits: a trailing comment on the last line toggled (the whole file is re-analysed each time).
  const gdiag = [];
  for (let e = 0; e < 20; e++) {
    const end = gdoc.positionAt(gdoc.getText().length);
    const version = gdoc.version + 1;
    const change = { range: { start: end, end }, text: e % 2 === 0 ? '// x' : '' };
    if (e % 2 === 1) change.range = { start: gdoc.positionAt(gdoc.getText().length - 4), end };
    gdoc = TextDocument.update(gdoc, [change], version);
    wait = published(version);
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: guri, version }, contentChanges: [change] });
    gdiag.push((await wait) - t0);
  }
  const whole = { start: { line: 0, character: 0 }, end: gdoc.positionAt(gdoc.getText().length) };
  const hints = [];
  const symbols = [];
  let hintCount = 0;
  for (let i = 0; i < 10; i++) {
    let t0 = performance.now();
    hintCount = (await conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: guri }, range: whole })).length;
    hints.push(performance.now() - t0);
    t0 = performance.now();
    await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: guri } });
    symbols.push(performance.now() - t0);
  }
  const keywords = [...gdoc.getText().matchAll(/\b(residual|parallel|shortcut|branch)\b/g)].map((m) => m.index + 1);
  const hovers = [];
  for (let round = 0; round < 5; round++) {
    for (const at of keywords) {
      const t0 = performance.now();
      await conn.sendRequest('textDocument/hover', { textDocument: { uri: guri }, position: gdoc.positionAt(at) });
      hovers.push(performance.now() - t0);
    }
  }
  const layerCount = lang.analyze(lang.parse(gtext).ast).networks[0]?.layers.length ?? 0;
  graphs.push({ file, lines: gtext.split('\n').length - 1, layerCount, peer: quantile(gpeer, 0.5), diag: gdiag, hints, hintCount, symbols, hovers, keywords: keywords.length });
}

await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
conn.dispose();

const peerMedian = quantile(peer, 0.5);
const dMed = quantile(diag, 0.5);
const dP95 = quantile(diag, 0.95);
const cMed = quantile(completion, 0.5);
const cP95 = quantile(completion, 0.95);
const load = (await import('node:os')).loadavg()[0];
console.log(`Axon language server — ${lineCount}-line spec (${text.length.toLocaleString('en-US')} chars), Node ${process.version}, load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs`);
console.log(`peer: @axon/lint lintText in-process (parse + analyse + rules): median ${fmt(peerMedian)}, p95 ${fmt(quantile(peer, 0.95))}`);
const peerCpu = quantile(phases.parse, 0.5) + quantile(phases.analyze, 0.5) + quantile(phases.rules, 0.5);
console.log(`  its CPU time by phase (medians): parse ${fmt(quantile(phases.parse, 0.5))}, analyse ${fmt(quantile(phases.analyze, 0.5))}, rules ${fmt(quantile(phases.rules, 0.5))} = ${fmt(peerCpu)}`);
console.log(`didChange → publishDiagnostics, ${EDITS} edits, debounce 0:`);
console.log(`  round trip (didChange sent → publishDiagnostics received, JSON-RPC over stdio): median ${fmt(dMed)}, p95 ${fmt(dP95)}  [target p95 < 50 ms: ${dP95 < 50 ? 'met' : 'MISSED'}]`);
if (cpuPerEdit !== undefined) {
  console.log(`  server CPU time (from /proc, whole loop of ${fmt(editLoopMs)}): ${fmt(cpuPerEdit)} per edit (10 ms clock ticks, averaged)`);
  console.log(`  ratio to peer: round-trip median ${(dMed / peerMedian).toFixed(2)}× its wall median; server CPU per edit ${(cpuPerEdit / peerCpu).toFixed(2)}× its CPU`);
} else console.log(`  server CPU time: not available here (no /proc); ratio round-trip median / peer wall median ${(dMed / peerMedian).toFixed(2)}×`);
console.log(`completion at ${anchors.length} positions × 5 rounds (round trip): median ${fmt(cMed)}, p95 ${fmt(cP95)}  [target p95 < 20 ms: ${cP95 < 20 ? 'met' : 'MISSED'}]`);
console.log(`  items per position: ${counts.join(', ')}`);
for (const g of graphs) {
  console.log(`${g.file} (${g.lines} lines, ${g.layerCount} resolved layers; peer lintText median ${fmt(g.peer)}):`);
  console.log(`  didChange → publishDiagnostics, 20 edits: median ${fmt(quantile(g.diag, 0.5))}, p95 ${fmt(quantile(g.diag, 0.95))}  [target p95 < 50 ms: ${quantile(g.diag, 0.95) < 50 ? 'met' : 'MISSED'}]`);
  console.log(`  inlay hints, whole file (${g.hintCount} hints): median ${fmt(quantile(g.hints, 0.5))}; outline: median ${fmt(quantile(g.symbols, 0.5))}; hover on ${g.keywords} graph keywords × 5: median ${g.hovers.length ? fmt(quantile(g.hovers, 0.5)) : '—'}, p95 ${g.hovers.length ? fmt(quantile(g.hovers, 0.95)) : '—'}`);
}
