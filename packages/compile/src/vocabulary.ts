/** Facts about the language the targets need, read from @axon/language's catalog instead of written again here. */
import { DATA_SETTINGS, LOSSES, catalog, type DataSpec, type Loss } from '@axon/language';

/** Huber's delta as resolved: the one written, else the catalog's default. */
export function huberDelta(loss: Pick<Loss, 'delta'>): number {
  if (loss.delta !== undefined) return loss.delta;
  const d = catalog.argSpec(LOSSES.huber, 'delta')?.default;
  if (typeof d !== 'number') throw new Error('internal: the catalog gives huber no numeric delta default');
  return d;
}

/** A text column's vocabulary size as resolved: the one written, else the catalog's default. */
export function textVocabulary(data: Pick<DataSpec, 'vocabulary'>): number {
  if (data.vocabulary !== undefined) return data.vocabulary;
  const d = DATA_SETTINGS.vocabulary?.default;
  if (typeof d !== 'number') throw new Error('internal: the catalog gives vocabulary no numeric default');
  return d;
}
