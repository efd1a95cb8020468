/**
 * The Node globals core's modules touch at load or run time, for the training worker. Imported FIRST by
 * the worker, before @axon/core evaluates (its WebAssembly matmul decodes its bytes with Buffer at load).
 *
 *   Buffer.from(base64, 'base64')   the WebAssembly SIMD kernel's bytes (nothing else uses Buffer here)
 *   setImmediate                    fit() yields between batches (a MessageChannel: no timer clamp)
 *   process.cwd() / process.env     the CSV loader's shown paths (relative to /playground, where the
 *                                   worker puts the spec and its data), the AXON_KERNELS switch
 */
const g = globalThis as unknown as Record<string, unknown>;

if (g.Buffer === undefined) {
  g.Buffer = {
    from(text: string, encoding: string): Uint8Array {
      if (encoding !== 'base64') throw new Error(`Buffer.from(…, '${encoding}') is not available in the playground`);
      return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    },
  };
}

if (g.setImmediate === undefined) {
  const queue: Array<() => void> = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  g.setImmediate = (f: () => void) => {
    queue.push(f);
    channel.port2.postMessage(0);
  };
}

if (g.process === undefined) g.process = { cwd: () => '/playground', env: {} };

export {};
