/**
 * The Train tab: Train (one run in the training worker, live loss and metric charts, the final table),
 * Stop, and Sweep (one run per hidden-layer activation in parallel workers, ranked by diagnose's
 * summarizeSweep). Data: the spec's own bundled data set, another bundled one, or a dropped CSV.
 */
import type { EpochLog } from '@axon/core';
import { summarizeSweep, SWEEP_ACTIVATIONS, type SweepRun } from '@axon/diagnose';
import type { ActivationName, ResolvedNetwork } from '@axon/language';
import { lossChart, metricCharts, sweepCurvesChart, sweepMetricChart, type ChartSpec } from '@axon/report';
import type { TrainedWeights } from '@axon/compile';
import { DATASET_NAMES, datasetText } from '../examples.js';
import type { DataChoice, FromWorker, RunSummary, ToWorker } from '../train/protocol.js';
import TrainWorker from '../train/train.worker.ts?worker';
import { byId, el, fmt } from './dom.js';

const FROM_SPEC = '';
const DROPPED = '#dropped';

export interface TrainView {
  /** The networks of the current text (the first one trains). */
  setNetworks(networks: ResolvedNetwork[], source: string): void;
  /** Trains the network named (default: the first with a data block, else the first). */
  train(network?: string): void;
}

export interface TrainHooks {
  /** Brings the networks up to date with the editor (an edit may still wait for its debounced analysis). */
  flush(): void;
  onTrained(network: ResolvedNetwork, trained: TrainedWeights | undefined): void;
}

export function setupTrain(hooks: TrainHooks): TrainView {
  const dataSelect = byId<HTMLSelectElement>('data-choice');
  const targetLabel = byId('target-label');
  const targetSelect = byId<HTMLSelectElement>('target-choice');
  const trainButton = byId<HTMLButtonElement>('train');
  const sweepButton = byId<HTMLButtonElement>('sweep');
  const stopButton = byId<HTMLButtonElement>('stop');
  const status = byId('train-status');
  const charts = byId('charts');
  const table = byId('train-table');
  const drop = byId('drop');
  const fileInput = byId<HTMLInputElement>('file');

  let networks: ResolvedNetwork[] = [];
  /** The network a code lens asked for, until the next run. */
  let wanted: string | undefined;
  let source = '';
  let dropped: { name: string; text: string } | undefined;
  let workers: Worker[] = [];
  let running = false;
  /** Empties a running sweep's queue (Stop ends the variants in flight and starts no more). */
  let cancelSweep = () => {};

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const network = () => (wanted ? networks.find((n) => n.name === wanted) : undefined) ?? networks.find((n) => n.data) ?? networks[0];
  const specSource = () => network()?.data?.source;
  const specBundled = () => {
    const s = specSource();
    return s !== undefined && DATASET_NAMES.includes(s.replace(/^\.\//, ''));
  };

  const fillDataOptions = () => {
    const keep = dataSelect.value;
    const s = specSource();
    const options: HTMLOptionElement[] = [];
    if (specBundled()) options.push(el('option', { value: FROM_SPEC }, `${s} (from the spec)`));
    else options.push(el('option', { value: FROM_SPEC, disabled: 'true' }, s ? `${s} (not bundled: pick one)` : 'no data { } block: pick one'));
    for (const name of DATASET_NAMES) options.push(el('option', { value: name }, name));
    if (dropped) options.push(el('option', { value: DROPPED }, `${dropped.name} (dropped)`));
    dataSelect.replaceChildren(...options);
    const values = options.filter((o) => !o.disabled).map((o) => o.value);
    dataSelect.value = values.includes(keep) ? keep : specBundled() ? FROM_SPEC : (values[0] ?? '');
    void fillTargets();
  };

  /** The target column picker: shown when the data is not the spec's own. */
  const fillTargets = async () => {
    const choice = dataSelect.value;
    if (choice === FROM_SPEC) {
      targetLabel.hidden = true;
      return;
    }
    const text = choice === DROPPED ? dropped?.text : await datasetText(choice);
    const header = (text ?? '').split(/\r?\n/, 1)[0]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const want = network()?.data?.target;
    targetSelect.replaceChildren(...header.map((h) => el('option', { value: h }, h)));
    targetSelect.value = want && header.includes(want) ? want : (header[header.length - 1] ?? '');
    targetLabel.hidden = false;
  };
  dataSelect.addEventListener('change', () => void fillTargets());

  const takeFile = async (file: File) => {
    dropped = { name: file.name, text: await file.text() };
    fillDataOptions();
    dataSelect.value = DROPPED;
    await fillTargets();
    setStatus(`${file.name}: ${dropped.text.split(/\r?\n/).filter((l) => l.trim()).length - 1} rows; pick the target and press Train.`);
  };
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) void takeFile(file);
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void takeFile(file);
  });

  /** The message that starts a run on the current network and data choice. */
  const request = async (): Promise<Extract<ToWorker, { type: 'train' }> | string> => {
    hooks.flush();
    const n = network();
    if (!n) return 'No network to train: fix the errors first.';
    const files: Record<string, string> = {};
    const choice = dataSelect.value;
    let data: DataChoice | undefined;
    if (choice === FROM_SPEC) {
      const s = specSource()!.replace(/^\.\//, '');
      files[s] = (await datasetText(s)) ?? '';
    } else if (choice === DROPPED && dropped) {
      data = { ...dropped, target: targetSelect.value };
    } else {
      const text = await datasetText(choice);
      if (text === undefined) return `No data set ${choice}.`;
      data = { name: choice, text, target: targetSelect.value };
    }
    return { type: 'train', source, network: n.name, files, ...(data ? { data } : {}) };
  };

  const setRunning = (on: boolean) => {
    running = on;
    trainButton.disabled = on;
    sweepButton.disabled = on;
    stopButton.disabled = !on;
  };
  /** A live redraw waiting to run; a finished run cancels it (it would replace the final charts). */
  let pendingDraw: number | undefined;
  const stopAll = () => {
    window.clearTimeout(pendingDraw);
    pendingDraw = undefined;
    for (const w of workers) w.terminate();
    workers = [];
    setRunning(false);
  };

  /** vega and vega-lite load with the first chart, not with the page. */
  const drawCharts = async (container: HTMLElement, specs: ChartSpec[]) => (await import('./charts.js')).drawCharts(container, specs);
  const clearOutput = () => {
    charts.replaceChildren();
    charts.removeAttribute('data-done');
    table.replaceChildren();
  };

  const drawSoon = (specs: () => ChartSpec[]) => {
    if (pendingDraw !== undefined) return;
    pendingDraw = window.setTimeout(() => {
      pendingDraw = undefined;
      void drawCharts(charts, specs());
    }, 120);
  };

  const finalTable = (history: EpochLog[], s: RunSummary) => {
    const last = history[history.length - 1];
    const best = history.find((h) => h.epoch === s.bestEpoch);
    const metricNames = [...new Set(history.flatMap((h) => Object.keys(h.metrics)))];
    const row = (label: string, e: EpochLog | undefined) =>
      el(
        'tr',
        {},
        el('td', {}, label),
        el('td', { class: 'num' }, e ? String(e.epoch) : '—'),
        el('td', { class: 'num', 'data-key': 'loss' }, fmt(e?.loss)),
        el('td', { class: 'num', 'data-key': 'val_loss' }, fmt(e?.valLoss)),
        ...metricNames.flatMap((m) => [el('td', { class: 'num', 'data-key': m }, fmt(e?.metrics[m])), el('td', { class: 'num', 'data-key': `val_${m}` }, fmt(e?.valMetrics?.[m]))]),
      );
    table.replaceChildren(
      el(
        'table',
        { class: 'final' },
        el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { class: 'num' }, 'epoch'), el('th', { class: 'num' }, 'loss'), el('th', { class: 'num' }, 'val_loss'), ...metricNames.flatMap((m) => [el('th', { class: 'num' }, m), el('th', { class: 'num' }, `val_${m}`)]))),
        el('tbody', {}, row('final', last), row('best', best)),
      ),
      el(
        'p',
        { class: 'muted' },
        `${s.stopReason.replace('_', ' ')} after ${history.length} of ${s.epochs} epochs in ${s.seconds.toFixed(1)} s · ${s.samples.train} training / ${s.samples.validation} validation samples · ${s.params.toLocaleString()} parameters · matmul: ${s.kernels}`,
      ),
      ...(s.message ? [el('p', { class: 'error-text' }, s.message)] : []),
    );
  };

  const train = async () => {
    if (running) return;
    const msg = await request();
    if (typeof msg === 'string') return setStatus(msg, true);
    const n = network()!;
    clearOutput();
    const history: EpochLog[] = [];
    let epochs = 0;
    setRunning(true);
    setStatus(`Loading data for ${n.name}…`);
    const worker = new TrainWorker();
    workers = [worker];
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'start') {
        epochs = m.epochs;
        setStatus(`Training ${n.name}: ${m.samples.train} training / ${m.samples.validation} validation samples, ${epochs} epochs (matmul: ${m.kernels})…`);
      } else if (m.type === 'epoch') {
        history.push(m.log);
        const acc = m.log.valMetrics?.accuracy ?? m.log.metrics.accuracy;
        setStatus(`Epoch ${m.log.epoch}/${epochs} · loss ${fmt(m.log.loss)}${m.log.valLoss !== undefined ? ` · val_loss ${fmt(m.log.valLoss)}` : ''}${acc !== undefined ? ` · ${m.log.valMetrics ? 'val_' : ''}accuracy ${fmt(acc)}` : ''}`);
        drawSoon(() => [lossChart(history), ...metricCharts(history)].filter((c): c is ChartSpec => c !== undefined));
      } else if (m.type === 'done') {
        stopAll();
        void drawCharts(charts, [lossChart(m.history), ...metricCharts(m.history)].filter((c): c is ChartSpec => c !== undefined)).then(() => charts.setAttribute('data-done', 'true'));
        finalTable(m.history, m.summary);
        setStatus(`Done: ${m.summary.stopReason.replace('_', ' ')} (${m.history.length} epochs, ${m.summary.seconds.toFixed(1)} s).`);
        hooks.onTrained(n, m.trained);
      } else {
        stopAll();
        setStatus(m.message, true);
      }
    };
    worker.onerror = (e) => {
      stopAll();
      setStatus(`The training worker failed: ${e.message}`, true);
    };
    worker.postMessage(msg);
  };

  const sweep = async () => {
    if (running) return;
    const msg = await request();
    if (typeof msg === 'string') return setStatus(msg, true);
    const n = network()!;
    const activations: ActivationName[] = [...SWEEP_ACTIVATIONS];
    clearOutput();
    setRunning(true);
    const parallel = Math.max(1, Math.min(activations.length, navigator.hardwareConcurrency || 2, 4));
    const queue = [...activations];
    cancelSweep = () => void queue.splice(0);
    const histories = new Map<ActivationName, EpochLog[]>(activations.map((a) => [a, []]));
    const runs: SweepRun[] = [];
    const failed: string[] = [];
    const progress = () =>
      setStatus(`Sweep of ${n.name}: ${runs.length + failed.length}/${activations.length} variants done, ${parallel} at a time · ` + activations.map((a) => `${a} ${histories.get(a)!.length}`).join(' · '));
    const live = () => {
      const variants = activations
        .filter((a) => histories.get(a)!.length > 0)
        .map((a) => ({ name: a, runs: [histories.get(a)!], metric: '', higherIsBetter: true, mean: 0, spread: 0, epochsToBest: 0, wallMs: 0, peakMemoryMB: 0, rank: 0 }));
      return [sweepCurvesChart(variants)].filter((c): c is ChartSpec => c !== undefined);
    };
    const finish = () => {
      stopAll();
      const variants = summarizeSweep(runs, n.task);
      void drawCharts(charts, [sweepMetricChart(variants), sweepCurvesChart(variants)].filter((c): c is ChartSpec => c !== undefined)).then(() => charts.setAttribute('data-done', 'true'));
      const metric = variants[0]?.metric ?? 'metric';
      table.replaceChildren(
        el(
          'table',
          { class: 'sweep' },
          el('thead', {}, el('tr', {}, el('th', { class: 'num' }, 'rank'), el('th', {}, 'activation'), el('th', { class: 'num' }, metric), el('th', { class: 'num' }, 'loss'), el('th', { class: 'num' }, 'best epoch'), el('th', { class: 'num' }, 's'))),
          el('tbody', {}, ...[...variants].sort((a, b) => a.rank - b.rank).map((v) => el('tr', { 'data-variant': v.name }, el('td', { class: 'num' }, String(v.rank)), el('td', {}, v.name), el('td', { class: 'num' }, fmt(v.mean)), el('td', { class: 'num' }, fmt(v.loss)), el('td', { class: 'num' }, String(v.epochsToBest)), el('td', { class: 'num' }, (v.wallMs / 1000).toFixed(1))))),
        ),
        ...failed.map((f) => el('p', { class: 'error-text' }, f)),
      );
      setStatus(variants.length ? `Sweep done: ${variants.find((v) => v.rank === 1)?.name} ranks first by ${metric}.` : 'Sweep: no variant trained.', variants.length === 0);
    };
    const next = (worker: Worker) => {
      const activation = queue.shift();
      if (!activation) {
        worker.terminate();
        workers = workers.filter((w) => w !== worker);
        if (workers.length === 0) finish();
        return;
      }
      worker.postMessage({ ...msg, activation } satisfies ToWorker);
    };
    for (let i = 0; i < parallel; i++) {
      const worker = new TrainWorker();
      workers.push(worker);
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (!m.activation) return;
        if (m.type === 'epoch') {
          histories.get(m.activation)!.push(m.log);
          progress();
          drawSoon(live);
        } else if (m.type === 'done') {
          runs.push({ activation: m.activation, seed: n.train.seed, history: m.history, bestEpoch: m.summary.bestEpoch, stopReason: m.summary.stopReason, ...(m.summary.message ? { message: m.summary.message } : {}), wallMs: m.summary.seconds * 1000, peakMemoryMB: 0, params: m.summary.params });
          next(worker);
        } else if (m.type === 'error') {
          failed.push(`${m.activation}: ${m.message}`);
          next(worker);
        }
      };
      next(worker);
    }
    progress();
  };

  trainButton.addEventListener('click', () => {
    wanted = undefined;
    fillDataOptions();
    void train();
  });
  sweepButton.addEventListener('click', () => void sweep());
  stopButton.addEventListener('click', () => {
    cancelSweep();
    for (const w of workers) w.postMessage({ type: 'stop' } satisfies ToWorker);
    setStatus('Stopping at the next batch…');
  });

  return {
    setNetworks(n, s) {
      networks = n;
      source = s;
      fillDataOptions();
    },
    train: (name) => {
      wanted = name;
      fillDataOptions();
      void train();
    },
  };
}
