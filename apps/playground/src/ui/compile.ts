/**
 * The Compile tab: the compile package's PyTorch, Keras, TF.js and JSON output for the network, to copy.
 * After a run in the page, the trained weights go in too (and ONNX, which needs them, is offered).
 */
import { compile, CompileError, type CompileOutput, type TargetName, type TrainedWeights } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { el } from './dom.js';

const LABELS: Record<TargetName, string> = { pytorch: 'PyTorch', keras: 'Keras', tfjs: 'TF.js', json: 'JSON', onnx: 'ONNX' };
const TEXT_TARGETS: TargetName[] = ['pytorch', 'keras', 'tfjs', 'json'];

export interface CompileView {
  update(network: ResolvedNetwork | undefined, trained?: TrainedWeights): void;
}

export function setupCompile(buttons: HTMLElement, output: HTMLElement): CompileView {
  let target: TargetName = 'pytorch';
  let network: ResolvedNetwork | undefined;
  let trained: TrainedWeights | undefined;

  const render = () => {
    const targets = trained ? [...TEXT_TARGETS, 'onnx' as const] : TEXT_TARGETS;
    if (!targets.includes(target)) target = 'pytorch';
    buttons.replaceChildren(
      ...targets.map((t) => {
        const b = el('button', { type: 'button', 'data-target': t, 'aria-pressed': String(t === target) }, LABELS[t]);
        b.addEventListener('click', () => {
          target = t;
          render();
        });
        return b;
      }),
      el('span', { class: 'muted' }, trained ? 'with the weights trained in the page' : 'untrained (Train first to include weights and ONNX)'),
    );
    output.replaceChildren();
    if (!network) {
      output.append(el('p', { class: 'muted' }, 'No network to compile.'));
      return;
    }
    let result: CompileOutput;
    try {
      result = compile({ network, ...(trained ? { trained } : {}) }, target);
    } catch (error) {
      output.append(el('p', { class: 'error-text' }, error instanceof CompileError || error instanceof Error ? error.message : String(error)));
      return;
    }
    for (const f of result.files) {
      const isText = typeof f.contents === 'string';
      const actions: HTMLElement[] = [];
      if (isText) {
        const copy = el('button', { type: 'button', 'data-copy': f.path }, 'Copy');
        copy.addEventListener('click', () => {
          void navigator.clipboard.writeText(f.contents as string).then(
            () => (copy.textContent = 'Copied'),
            () => (copy.textContent = 'Copy failed'),
          );
          setTimeout(() => (copy.textContent = 'Copy'), 1500);
        });
        actions.push(copy);
      }
      const bytes = isText ? new TextEncoder().encode(f.contents as string) : (f.contents as Uint8Array);
      const download = el('a', { href: URL.createObjectURL(new Blob([bytes as BlobPart])), download: f.path.replaceAll('/', '_') }, 'Download');
      actions.push(download);
      output.append(
        el(
          'div',
          { class: 'file', 'data-file': f.path },
          el('header', {}, el('span', {}, `${f.path} · ${bytes.length.toLocaleString()} bytes`), ...actions),
          isText ? el('pre', {}, f.contents as string) : el('p', { class: 'muted' }, 'Binary file: download it.'),
        ),
      );
    }
  };

  return {
    update(n, t) {
      network = n;
      trained = t;
      render();
    },
  };
}
