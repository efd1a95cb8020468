/** A network (or an option) that a target cannot express. The message names the feature and the target. */
export class CompileError extends Error {
  constructor(
    readonly target: string,
    readonly feature: string,
    detail?: string,
  ) {
    super(`the ${target} target cannot express ${feature}${detail ? `: ${detail}` : ''}`);
    this.name = 'CompileError';
  }
}
