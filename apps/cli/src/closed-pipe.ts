/**
 * `axon … | head`: when the reader of stdout or stderr goes away, later output to that stream is
 * dropped and the command runs to its end, so `axon train … | head -3` still saves the model and
 * exits with the command's own code (instead of dying on EPIPE, or exiting 0 with the work lost).
 */
export function dropOutputAfterClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err?.code === 'EPIPE' || err?.code === 'ERR_STREAM_DESTROYED') {
        stream.write = (() => true) as typeof stream.write;
        return;
      }
      throw err;
    });
  }
}
