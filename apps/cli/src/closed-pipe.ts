/**
 * `axon … | head`: when the reader of stdout or stderr goes away, later output to that stream is
 * dropped and the command runs to its end, so `axon train … | head -3` still saves the model and
 * exits with the command's own code (instead of dying on EPIPE, or exiting 0 with the work lost).
 * Any other stream failure (a full disk behind `> file`) drops that stream's output too, is reported
 * once on the other stream if it still works, and makes the exit code 2 — never a stack trace.
 */
import { readFileSync, readlinkSync } from 'node:fs';

export interface OutputGuard {
  /** The first stream failure that was not a closed pipe, if any. */
  failure(): NodeJS.ErrnoException | undefined;
  /**
   * Waits until everything written so far has reached its stream or failed (a write error on a
   * file or device is reported a tick after the write), so the exit code can count it.
   */
  settled(): Promise<void>;
}

export function dropOutputAfterClosedPipe(
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
  closedAtStart: boolean = streams[0] === process.stdout && stdoutWasClosed(),
): OutputGuard {
  let failure: NodeJS.ErrnoException | undefined;
  let wroteToClosed = false;
  /** Streams whose output is dropped after an error: nothing is pending on them. */
  const dropped = new Set<NodeJS.WritableStream>();
  if (closedAtStart) {
    // Node put /dev/null where the closed stdout was: writes would vanish with exit code 0.
    const stdout = streams[0]!;
    const write = stdout.write.bind(stdout);
    stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (!wroteToClosed && String(chunk).length > 0) {
        wroteToClosed = true;
        failure ??= Object.assign(new Error('standard output is closed'), { code: 'EBADF' });
        streams[1]?.write('axon: could not write the output (standard output is closed)\n');
      }
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stdout.write;
  }
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      dropped.add(stream);
      stream.write = (() => true) as typeof stream.write;
      if (err?.code === 'EPIPE' || err?.code === 'ERR_STREAM_DESTROYED') return;
      if (failure) return;
      failure = err;
      const other = streams.find((s) => s !== stream);
      other?.write(`axon: could not write the output (${err?.code ?? err?.message ?? String(err)})\n`);
    });
  }
  const settled = async (): Promise<void> => {
    await Promise.all(
      streams.map(
        (stream) =>
          new Promise<void>((done) => {
            if (dropped.has(stream) || (stream as { destroyed?: boolean }).destroyed) return done();
            // At most two seconds: a reader that stopped reading must not hold the exit.
            const timer = setTimeout(done, 2000);
            const finish = () => {
              clearTimeout(timer);
              done();
            };
            try {
              if (!stream.write('', finish)) stream.once('drain', finish);
            } catch {
              finish();
            }
          }),
      ),
    );
    // The 'error' event of a failed write comes a tick after its callback.
    await new Promise<void>((done) => setImmediate(done));
  };
  return { failure: () => failure, settled };
}

/**
 * Whether the process started with its stdout closed (`axon … >&-`). Node then opens /dev/null
 * read-write in its place; a shell's `> /dev/null` opens it write-only. Linux only (elsewhere: false).
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /flags:\s*([0-7]+)/.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}
