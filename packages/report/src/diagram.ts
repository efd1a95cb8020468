/**
 * The network drawn as a diagram: one box per resolved layer, top to bottom, coloured by activation,
 * with its output shape and parameter count, and findings marked beside the layer they concern.
 * A plain SVG string (no charting library: this is a drawing, not a chart).
 */
import type { ActivationName, ResolvedLayer, ResolvedNetwork } from '@axon/language';
import type { ReportFinding } from './types.js';
import { escapeXml } from './escape.js';

/** Colour per activation family: saturating (warm), relu family (greens/blues), output-ish (purple). */
export const ACTIVATION_COLORS: Record<ActivationName, string> = {
  linear: '#9e9e9e',
  sigmoid: '#e4572e',
  tanh: '#f29e4c',
  softmax: '#8e6cc0',
  relu: '#2e86ab',
  leaky_relu: '#3fa7d6',
  prelu: '#59c3c3',
  elu: '#1b998b',
  selu: '#5c946e',
};

const NEUTRAL = '#cfd8dc';

/** The activation a layer applies, if it is one that the diagram colours. */
export function layerActivation(layer: ResolvedLayer): ActivationName | undefined {
  if (layer.kind === 'dense' || layer.kind === 'conv2d' || layer.kind === 'activation') return layer.activation.name;
  return undefined;
}

function layerLabel(layer: ResolvedLayer): string {
  const act = layerActivation(layer);
  switch (layer.kind) {
    case 'dense':
      return `dense(${layer.units})${act && act !== 'linear' ? ` · ${act}` : ''}`;
    case 'conv2d':
      return `conv2d(${layer.filters}, ${layer.kernel.join('×')})${act && act !== 'linear' ? ` · ${act}` : ''}`;
    case 'dropout':
      return `dropout(${layer.rate})`;
    case 'activation':
      return `activation(${act})`;
    case 'max_pool2d':
    case 'avg_pool2d':
      return `${layer.kind}(${layer.pool.join('×')})`;
    default:
      return `${layer.kind}()`;
  }
}

const SEVERITY_COLOR = { error: '#c62828', warning: '#ef8f00', info: '#1976d2' } as const;

export function networkDiagramSvg(network: ResolvedNetwork, findings: ReportFinding[] = []): string {
  const boxW = 300;
  const boxH = 34;
  const gap = 14;
  const left = 20;
  const top = 46;
  const noteX = left + boxW + 24;
  const width = noteX + 380;
  const rows = network.layers.length + 1; // + the input
  const height = top + rows * (boxH + gap) + 10;
  const byLayer = new Map<number, ReportFinding[]>();
  for (const f of findings) {
    if (f.layer === undefined) continue;
    const list = byLayer.get(f.layer) ?? [];
    list.push(f);
    byLayer.set(f.layer, list);
  }

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" role="img" aria-label="Network diagram of ${escapeXml(network.name)}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${escapeXml(network.name)} — ${network.params.total.toLocaleString('en-US')} parameters</text>`,
  );
  const box = (i: number, fill: string, label: string, shape: string, params: string, stroke = '#455a64') => {
    const y = top + i * (boxH + gap);
    if (i > 0) {
      parts.push(`<line x1="${left + boxW / 2}" y1="${y - gap}" x2="${left + boxW / 2}" y2="${y}" stroke="#90a4ae" stroke-width="2"/>`);
    }
    parts.push(
      `<rect class="layer" x="${left}" y="${y}" width="${boxW}" height="${boxH}" rx="6" fill="${fill}" fill-opacity="0.25" stroke="${stroke}" stroke-width="1.5"/>`,
      `<rect x="${left}" y="${y}" width="8" height="${boxH}" rx="3" fill="${fill}"/>`,
      `<text x="${left + 16}" y="${y + 21}" font-size="13">${escapeXml(label)}</text>`,
      `<text x="${left + boxW - 8}" y="${y + 14}" font-size="10" text-anchor="end" fill="#37474f">${escapeXml(shape)}</text>`,
      `<text x="${left + boxW - 8}" y="${y + 27}" font-size="10" text-anchor="end" fill="#607d8b">${escapeXml(params)}</text>`,
    );
    return y;
  };
  box(0, NEUTRAL, 'input', `[${network.input.join(', ')}]`, '');
  network.layers.forEach((layer, i) => {
    const act = layerActivation(layer);
    const marks = byLayer.get(i) ?? [];
    const worst = marks.find((m) => m.severity === 'error') ?? marks.find((m) => m.severity === 'warning') ?? marks[0];
    const y = box(
      i + 1,
      act ? ACTIVATION_COLORS[act] : NEUTRAL,
      `${i + 1}. ${layerLabel(layer)}`,
      `[${layer.outputShape.join(', ')}]`,
      `${(layer.params.trainable + layer.params.nonTrainable).toLocaleString('en-US')} params`,
      worst ? SEVERITY_COLOR[worst.severity] : '#455a64',
    );
    if (worst) {
      const more = marks.length > 1 ? ` (+${marks.length - 1})` : '';
      parts.push(
        `<circle class="finding" cx="${left + boxW + 12}" cy="${y + boxH / 2}" r="6" fill="${SEVERITY_COLOR[worst.severity]}"/>`,
        `<text x="${noteX}" y="${y + boxH / 2 + 4}" font-size="11" fill="${SEVERITY_COLOR[worst.severity]}">${escapeXml(truncate(`${worst.ruleId}: ${worst.message}`, 62) + more)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
