/**
 * The Compile tab: the compile package's PyTorch, Keras, TF.js and JSON output for the network, to copy.
 * After a run in the page, the trained weights go in too (and ONNX, which needs them, is offered).
 */
import type { CompileOutput, TargetName, TrainedWeights } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { el } from './dom.js';

const LABELS: Record<TargetName, string> = { pytorch: 'PyTorch', keras: 'Keras', tfjs: 'TF.js', json: 'JSON', onnx: 'ONNX' };
const TEXT_TARGETS: TargetName[] = ['pytorch', 'keras', 'tfjs', 'json'];

export interface CompileView {
  /** The tab is shown: compile from now on (the package loads the first time). */
  show(): void;
  update(network: ResolvedNetwork | undefined, trained?: TrainedWeights): void;
}

export function setupCompile(buttons: HTMLElement, output: HTMLElement): CompileView {
  let target: TargetName = 'pytorch';
  let network: ResolvedNetwork | undefined;
  let trained: TrainedWeights | undefined;
  const urls: string[] = [];

  /** The compile package loads when the tab is first opened. */
  let compiler: typeof import('@axon/compile') | undefined;
  let visible = false;

  const render = () => {
    if (!visible) return;
    if (!compiler) {
      void import('@axon/compile').then((m) => {
        compiler = m;
        render();
      });
      return;
    }
    const { compile } = compiler;
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
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    output.replaceChildren();
    if (!network) {
      output.append(el('p', { class: 'muted' }, 'No network to compile.'));
      return;
    }
    let result: CompileOutput;
    try {
      // Keras rebuilds the model from code only (it takes no trained weights); the others can carry them.
      const withWeights = trained && target !== 'keras' ? { trained } : {};
      result = compile({ network, ...withWeights }, target);
    } catch (error) {
      output.append(el('p', { class: 'error-text' }, error instanceof Error ? error.message : String(error)));
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
      const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
      urls.push(url);
      const download = el('a', { href: url, download: f.path.replaceAll('/', '_') }, 'Download');
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
    show() {
      visible = true;
      render();
    },
    update(n, t) {
      network = n;
      trained = t;
      render();
    },
  };
}
