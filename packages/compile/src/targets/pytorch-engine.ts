/**
 * The protocol between `axon train --engine pytorch` and the generated train.py (run with `--engine-dir DIR`):
 *
 * - per epoch, rank 0 prints one stdout line `AXON-EPOCH {"epoch", "loss", "metrics", "val_loss"?, "val_metrics"?, "ms"}`;
 * - within an epoch, at most every 0.2 s, `AXON-BATCH {"epoch", "batch", "batches", "loss"}` (0-based batch, the
 *   epoch's running mean loss) for the progress bar;
 * - at the end, rank 0 writes DIR/trained.bin: the trained weights in Keras layouts, little-endian float32,
 *   in the order of DIR/manifest.json (`engineManifest`, the same layout as `axon compile --weights`'s weights.json).
 *
 * `axon_engine.py` (PY_ENGINE) does both. The weight export inverts each layer's `load_keras` by probing:
 * a double-precision copy of the layer loads Keras tensors holding their own element indices (from 1),
 * and the indices found in the torch parameters say where each Keras element lives — no per-layer
 * export code. Entries left NaN, or set to a constant by load_keras (a fused LSTM's bias_hh is zeroed),
 * carry no index and are skipped.
 */
import type { ResolvedNetwork } from '@axon/language';
import { expectedWeights } from '../weights.js';

/** The stdout prefix of train.py's per-epoch JSON lines. */
export const ENGINE_EPOCH_PREFIX = 'AXON-EPOCH ';
/** The stdout prefix of its progress lines within an epoch. */
export const ENGINE_BATCH_PREFIX = 'AXON-BATCH ';

export interface EngineBatch {
  epoch: number;
  /** 0-based within the epoch. */
  batch: number;
  batches: number;
  loss: number;
}

/** A progress line of train.py, or undefined when the line is not one. */
export function parseEngineBatch(line: string): EngineBatch | undefined {
  const at = line.indexOf(ENGINE_BATCH_PREFIX);
  if (at < 0 || at > 40) return undefined;
  try {
    const r = JSON.parse(line.slice(at + ENGINE_BATCH_PREFIX.length)) as Record<string, unknown>;
    if (typeof r.epoch !== 'number' || typeof r.batch !== 'number' || typeof r.batches !== 'number' || typeof r.loss !== 'number') return undefined;
    return { epoch: r.epoch, batch: r.batch, batches: r.batches, loss: r.loss };
  } catch {
    return undefined;
  }
}

export interface EngineManifestTensor {
  name: string;
  shape: number[];
  /** In float32 elements from the start of trained.bin. */
  offset: number;
}

export interface EngineManifest {
  format: 'axon-weights';
  version: 1;
  layout: 'keras';
  dtype: 'float32';
  endianness: 'little';
  layers: { layer: number; name: string; tensors: EngineManifestTensor[] }[];
  /** Float32 elements in trained.bin. */
  total: number;
}

/** Which Keras tensors train.py exports, with their offsets in trained.bin. */
export function engineManifest(network: ResolvedNetwork): EngineManifest {
  let offset = 0;
  const layers: EngineManifest['layers'] = [];
  for (const l of network.layers) {
    const expected = expectedWeights(l);
    if (expected.length === 0) continue;
    const tensors = expected.map((e) => {
      const t = { name: e.name, shape: e.shape, offset };
      offset += e.shape.reduce((a, b) => a * b, 1);
      return t;
    });
    layers.push({ layer: l.index, name: l.name, tensors });
  }
  return { format: 'axon-weights', version: 1, layout: 'keras', dtype: 'float32', endianness: 'little', layers, total: offset };
}

/** One parsed `AXON-EPOCH` line. */
export interface EngineEpoch {
  epoch: number;
  loss: number;
  metrics: Record<string, number>;
  valLoss?: number;
  valMetrics?: Record<string, number>;
  ms: number;
}

/**
 * Parses a stdout line of train.py: the epoch record, or undefined when the line is not one. The prefix
 * may follow torchrun's `--tee` label (`[default0]:`).
 */
export function parseEngineLine(line: string): EngineEpoch | undefined {
  const at = line.indexOf(ENGINE_EPOCH_PREFIX);
  if (at < 0 || at > 40) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(line.slice(at + ENGINE_EPOCH_PREFIX.length));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.epoch !== 'number' || typeof r.loss !== 'number') return undefined;
  const numbers = (v: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) if (typeof x === 'number') out[k] = x;
    return out;
  };
  const e: EngineEpoch = { epoch: r.epoch, loss: r.loss, metrics: numbers(r.metrics), ms: typeof r.ms === 'number' ? r.ms : 0 };
  if (typeof r.val_loss === 'number') {
    e.valLoss = r.val_loss;
    e.valMetrics = numbers(r.val_metrics);
  }
  return e;
}

/** The Keras-layout tensors of trained.bin, per layer, as the manifest orders them. */
export function readEngineWeights(
  manifest: EngineManifest,
  bytes: Uint8Array,
): { layer: number; name: string; weights: { name: string; shape: number[]; values: Float32Array }[] }[] {
  if (bytes.byteLength !== manifest.total * 4) {
    throw new Error(`trained.bin has ${bytes.byteLength} bytes, the network's weights need ${manifest.total * 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return manifest.layers.map((l) => ({
    layer: l.layer,
    name: l.name,
    weights: l.tensors.map((t) => {
      const size = t.shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = view.getFloat32((t.offset + i) * 4, true);
      return { name: t.name, shape: t.shape, values };
    }),
  }));
}

/** axon_engine.py: the epoch lines and the Keras-layout weight export train.py uses with --engine-dir. */
export const PY_ENGINE = String.raw`"""The axon train --engine pytorch protocol (generated by axon): per-epoch JSON lines and the trained weights in Keras layouts."""
import copy
import json
import math
import os
import struct
import sys
import time

import torch

PREFIX = "${ENGINE_EPOCH_PREFIX}"
BATCH_PREFIX = "${ENGINE_BATCH_PREFIX}"
_last_batch = [0.0]


def batch(epoch, step, steps, loss):
    """Progress within an epoch, at most every 0.2 s (rank 0 only)."""
    now = time.monotonic()
    if now - _last_batch[0] < 0.2 and step + 1 < steps:
        return
    _last_batch[0] = now
    sys.stdout.write(BATCH_PREFIX + json.dumps({"epoch": epoch, "batch": step, "batches": steps, "loss": loss}) + "\n")
    sys.stdout.flush()


def emit(log, ms):
    """One epoch as a JSON line on stdout (rank 0 only)."""
    record = {"epoch": log["epoch"], "loss": log["loss"], "metrics": {}, "ms": ms}
    for k, v in log.items():
        if k in ("epoch", "loss") or not isinstance(v, (int, float)):
            continue
        if k == "val_loss":
            record["val_loss"] = v
        elif k.startswith("val_"):
            record.setdefault("val_metrics", {})[k[4:]] = v
        else:
            record["metrics"][k] = v
    if "val_loss" in record:
        record.setdefault("val_metrics", {})
    sys.stdout.write(PREFIX + json.dumps(record) + "\n")
    sys.stdout.flush()


def _size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def keras_values(net, manifest):
    """The trained tensors in Keras layouts, flat in manifest order (float64 list)."""
    probe = copy.deepcopy(net).cpu().double()
    out = []
    for entry in manifest["layers"]:
        module, trained = probe.layers[entry["layer"]], net.layers[entry["layer"]]
        total = sum(_size(t["shape"]) for t in entry["tensors"])
        with torch.no_grad():
            for v in module.state_dict().values():
                if v.is_floating_point():
                    v.fill_(float("nan"))
            tensors, base = {}, 0
            for t in entry["tensors"]:
                n = _size(t["shape"])
                # indices from 1: a parameter load_keras sets to 0 (a fused LSTM's bias_hh) carries none
                tensors[t["name"]] = torch.arange(base + 1, base + n + 1, dtype=torch.float64).reshape(t["shape"])
                base += n
            module.load_keras(tensors)
            values = torch.full((total,), float("nan"), dtype=torch.float64)
            found = torch.zeros(total, dtype=torch.bool)
            trained_state = trained.state_dict()
            for key, p in module.state_dict().items():
                if not p.is_floating_point():
                    continue
                idx = p.reshape(-1)
                mask = ~torch.isnan(idx) & (idx >= 1) & (idx == idx.round())
                where = idx[mask].long() - 1
                values[where] = trained_state[key].detach().reshape(-1).cpu().double()[mask]
                found[where] = True
        if not bool(found.all()):
            raise RuntimeError("layer " + entry["name"] + ": could not map every Keras weight to a torch parameter")
        out.extend(values.tolist())
    return out


def export(net, directory):
    """Writes directory/trained.bin (little-endian float32, directory/manifest.json's order)."""
    with open(os.path.join(directory, "manifest.json"), "r", encoding="utf-8") as f:
        manifest = json.load(f)
    values = keras_values(net, manifest)
    if len(values) != manifest["total"]:
        raise RuntimeError("exported %d weights, the manifest expects %d" % (len(values), manifest["total"]))
    path = os.path.join(directory, "trained.bin")
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<%df" % len(values), *values))
    os.replace(path + ".tmp", path)
`;
