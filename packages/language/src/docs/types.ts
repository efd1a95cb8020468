/**
 * The prose behind hover and completion documentation, as records keyed by name (so a name missing
 * from a record does not compile). Facts the catalog already holds — argument lists and defaults,
 * output ranges, fixed constants, default losses, recommended initialisers — are not repeated here:
 * a renderer reads them from the catalog.
 */
import type { TaskName } from '../catalog.js';

/** A documented name: what it is, in a line and a few sentences, and one short example. */
export interface EntryDoc {
  /** One line. */
  summary: string;
  /** A few sentences of markdown. */
  details?: string;
  example?: string;
}

export interface ActivationDoc extends EntryDoc {
  formula: string;
  derivative: string;
  /** Where it fits: the layers and tasks it suits. */
  fits: string;
  /** Where it hurts. */
  hurts: string;
  /** What Keras and PyTorch call it and default its arguments to. */
  frameworks: string;
}

export interface LossDoc extends EntryDoc {
  /** Task kinds this loss suits, best first (drives completion order). */
  tasks: TaskName[];
}

export interface TaskDoc extends EntryDoc {
  /** The output layer the task expects, in words. */
  output: string;
}
