/** Facts about the language the targets need, read from @axon/language's catalog instead of written again here. */
import { LOSSES, catalog, type Loss } from '@axon/language';

/** Huber's delta as resolved: the one written, else the catalog's default. */
export function huberDelta(loss: Pick<Loss, 'delta'>): number {
  if (loss.delta !== undefined) return loss.delta;
  const d = catalog.argSpec(LOSSES.huber, 'delta')?.default;
  if (typeof d !== 'number') throw new Error('internal: the catalog gives huber no numeric delta default');
  return d;
}
