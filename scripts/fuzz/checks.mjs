/**
 * What must hold for every input, whatever it is (docs/reliability.md): checking, printing and
 * linting finish within the time budget and never throw nor report an internal error; every range
 * lies in the text with a line and column that match its offset; code frames stay narrow;
 * formatting a file without syntax errors is idempotent and keeps its networks; applying every
 * offered fix adds no error. `api` is `{ language, lint }` (the packages, built or from source).
 */

/** Runs `f`, returning its result and how long it took in milliseconds. */
function timed(f) {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

function rangeProblem(lineIndex, text, range) {
  const { start, end } = range;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) return `offsets ${start.offset}..${end.offset} outside 0..${text.length}`;
  for (const p of [start, end]) {
    const q = lineIndex.positionAt(p.offset);
    if (q.line !== p.line || q.column !== p.column) return `offset ${p.offset} is ${q.line}:${q.column}, the range says ${p.line}:${p.column}`;
  }
  return undefined;
}

/**
 * Checks one input. Returns `{ ms, failures }`: the time the slowest step took and what went
 * wrong (empty when every property held).
 */
export function checkInput(api, text, budgetMs) {
  const { language, lint } = api;
  const failures = [];
  let slowest = 0;
  // A network of many layers is allowed time in proportion: the budget grows by itself per 10,000 layers.
  let allowed = budgetMs;
  const step = (name, f) => {
    let out;
    try {
      const t = timed(f);
      slowest = Math.max(slowest, t.ms);
      if (t.ms > allowed) failures.push(`${name} took ${t.ms.toFixed(0)} ms (budget ${allowed.toFixed(0)} ms)`);
      out = t.value;
    } catch (err) {
      failures.push(`${name} threw: ${err instanceof Error ? err.message : String(err)}`);
    }
    return out;
  };

  const checked = step('check', () => language.check(text));
  if (!checked) return { ms: slowest, failures };
  allowed = budgetMs * (1 + checked.networks.reduce((n, net) => n + net.layers.length, 0) / 10_000);
  const index = new language.LineIndex(text);
  for (const d of checked.diagnostics) {
    if (d.code.endsWith('internal-error')) failures.push(`internal error: ${d.message}`);
    const bad = rangeProblem(index, text, d.range);
    if (bad) failures.push(`${d.code} range: ${bad}`);
  }

  const printed = step('formatDiagnostics', () => language.formatDiagnostics('fuzz.axon', text, checked.diagnostics));
  if (typeof printed === 'string') {
    for (const line of printed.split('\n')) {
      if (/^ +\d+ \| /.test(line) && line.length > language.MAX_FRAME_WIDTH + 20) failures.push(`a code frame line of ${line.length} characters`);
    }
    if (printed.length > 2000 + 400 * checked.diagnostics.length) failures.push(`${printed.length} characters printed for ${checked.diagnostics.length} diagnostics`);
  }

  const linted = step('lintText', () => lint.lintText(text));
  if (linted) {
    for (const f of linted.findings) {
      const bad = rangeProblem(index, text, f.range);
      if (bad) failures.push(`${f.ruleId} range: ${bad}`);
    }
    const fixes = linted.findings.filter((f) => f.fix);
    if (fixes.length > 0) {
      step('fix all', () => {
        const before = checked.diagnostics.filter((d) => d.severity === 'error').length;
        const fixed = lint.applyFixes(text, fixes);
        const after = language.check(fixed).diagnostics.filter((d) => d.severity === 'error').length;
        if (after > before) failures.push(`applying the offered fixes adds ${after - before} error(s)`);
      });
    }
  }

  const parseErrors = checked.diagnostics.some((d) => d.code.startsWith('parse/') && d.severity === 'error');
  if (!parseErrors) {
    const once = step('format', () => language.format(text));
    if (typeof once === 'string') {
      const twice = step('format again', () => language.format(once));
      if (twice !== undefined && twice !== once) failures.push('format is not idempotent');
      const again = step('check formatted', () => language.check(once));
      if (again) {
        const shape = (r) => r.networks.map((n) => `${n.name}:${n.layers.length}:${n.params.total}`).join(' ');
        if (shape(again) !== shape(checked)) failures.push(`formatting changed the networks: ${shape(checked)} → ${shape(again)}`);
      }
    }
  }
  return { ms: slowest, failures };
}

/**
 * An edit storm through the language server: open a document, apply `edits` random edits (each
 * followed by a few requests), then compare the last diagnostics with a fresh open of the final
 * text. Resolves to `{ requests, failures }`.
 */
export async function editStorm(client, r, text, edits, mutate) {
  const failures = [];
  let requests = 0;
  const uri = `file:///fuzz/storm-${r.int(0, 1e9)}.axon`;
  let current = text;
  await client.open(uri, current);
  for (let i = 0; i < edits; i++) {
    current = mutate(r, current);
    await client.replace(uri, current);
    const line = r.int(0, Math.max(0, current.split('\n').length - 1));
    const position = { line, character: r.int(0, 20) };
    const asks = [
      client.request('textDocument/hover', { textDocument: { uri }, position }),
      client.request('textDocument/completion', { textDocument: { uri }, position }),
      client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: line + 5, character: 0 } } }),
      client.request('textDocument/semanticTokens/full', { textDocument: { uri } }),
      client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll'] } }),
    ];
    requests += asks.length;
    for (const a of await Promise.allSettled(asks)) if (a.status === 'rejected') failures.push(`request failed: ${String(a.reason)}`);
  }
  const last = await client.settled(uri);
  const fresh = await client.open(`${uri}.fresh.axon`, current);
  const summary = (ds) => JSON.stringify(ds.map((d) => [d.code, d.range.start, d.range.end, d.message]));
  if (summary(last) !== summary(fresh)) failures.push('the diagnostics after the storm differ from a fresh open of the same text');
  return { requests, failures };
}
