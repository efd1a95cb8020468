/** The engine's error for a network or input it cannot run (a bad wiring, a token id out of range). */
export class ModelError extends Error {
  override name = 'ModelError';
}
