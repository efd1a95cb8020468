/**
 * Loading the engine's WebAssembly modules (assembled by scripts/build-wasm.mjs, shipped as base64) in
 * Node and in browsers alike: no `Buffer`, no file access.
 */

// The few WebAssembly JS-API types used here (lib ES2022 does not declare them).
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: unknown };
      validate(bytes: Uint8Array): boolean;
    }
  | undefined;
declare function atob(data: string): string;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether this runtime accepts the module (false without WebAssembly, or without a feature it uses). */
export function validates(base64: string): boolean {
  try {
    return typeof WebAssembly !== 'undefined' && WebAssembly.validate(decode(base64));
  } catch {
    return false;
  }
}

const compiled = new Map<string, object>();

/** A new instance's exports (the module is compiled once per process), or null when this runtime cannot compile it. */
export function instantiate<T>(base64: string): T | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    let module = compiled.get(base64);
    if (!module) compiled.set(base64, (module = new WebAssembly.Module(decode(base64))));
    return new WebAssembly.Instance(module, {}).exports as T;
  } catch {
    return null;
  }
}

/** False when `AXON_KERNELS=js` asks for the plain TypeScript kernels. */
export const wasmAllowed = (): boolean => !(typeof process !== 'undefined' && process.env?.AXON_KERNELS === 'js');

/**
 * A view of `memory` as float32 that follows its growth: `reserve(floats)` grows the memory to hold at
 * least that many values (false when it cannot) and `heap()` is the current view.
 */
export function floatHeap(memory: WasmMemory): { reserve(floats: number): boolean; heap(): Float32Array } {
  let view = new Float32Array(memory.buffer);
  return {
    reserve(floats: number): boolean {
      const bytes = floats * 4;
      if (bytes > memory.buffer.byteLength) {
        try {
          memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
        } catch {
          return false;
        }
      }
      if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
      return true;
    },
    heap: () => view,
  };
}
