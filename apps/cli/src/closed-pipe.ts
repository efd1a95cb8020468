/**
 * `axon … | head`: when the reader of stdout or stderr goes away, later output to that stream is
 * dropped and the command runs to its end, so `axon train … | head -3` still saves the model and
 * exits with the command's own code (instead of dying on EPIPE, or exiting 0 with the work lost).
 * Any other stream failure (a full disk behind `> file`) drops that stream's output too, is reported
 * once on the other stream if it still works, and makes the exit code 2 — never a stack trace.
 */
export interface OutputGuard {
  /** The first stream failure that was not a closed pipe, if any. */
  failure(): NodeJS.ErrnoException | undefined;
}

export function dropOutputAfterClosedPipe(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): OutputGuard {
  let failure: NodeJS.ErrnoException | undefined;
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      stream.write = (() => true) as typeof stream.write;
      if (err?.code === 'EPIPE' || err?.code === 'ERR_STREAM_DESTROYED') return;
      if (failure) return;
      failure = err;
      const other = streams.find((s) => s !== stream);
      other?.write(`axon: could not write the output (${err?.code ?? err?.message ?? String(err)})\n`);
    });
  }
  return { failure: () => failure };
}
