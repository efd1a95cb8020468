/** A model directory that cannot be written or read: missing, corrupt, or not matching its own source. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
  /** The file (model.json, weights.bin) or directory the problem is in. */
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}
