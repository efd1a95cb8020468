/**
 * Plain data behind hover and completion: the prose. Argument lists, positions and defaults come from
 * the language's catalog (one source of truth); these texts are ours, written from the reference article's facts.
 */

/** A documented name: what it is, its arguments, and one short example. */
export interface EntryDoc {
  name: string;
  /** One line. */
  summary: string;
  /** A few sentences of markdown. */
  details?: string;
  example?: string;
}

export interface ActivationDoc extends EntryDoc {
  formula: string;
  range: string;
  derivative: string;
  fits: string;
  hurts: string;
  /** What Keras and PyTorch call it and default its arguments to. */
  frameworks: string;
}
