/**
 * PyTorch consumer checks, run by `npm run test:consumers` with Debian's python3-torch:
 * parameter counts, forward-pass equality with the core, a short training run, and torchrun (DDP, gloo).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@axon/compile';
import type { ResolvedNetwork } from '@axon/language';
import { featureCases } from './cases.js';
import { corePredict, HARNESS, maxAbsDiff, randomInput, requirePythonModule, runPython, trainedModel, writeFloat32 } from './consumers.js';
import { EXAMPLES, exampleNetwork, exampleNetworks, lightExampleNetworks, networksOf, tempDir, writeOutput } from './helpers.js';

interface Forward {
  shape: number[];
  out: number[];
  trainable: number;
  nonTrainable: number;
  modules: string[];
}

function forwardInTorch(network: ResolvedNetwork, withWeights: boolean, n = 5): { torch: Forward; core?: Float32Array } {
  const dir = tempDir('torch');
  const trained = withWeights ? trainedModel(network) : undefined;
  const out = compile({ network, trained: trained ? { weights: trained.weights } : undefined }, 'pytorch');
  writeOutput(out, dir);
  const x = randomInput(network, n);
  writeFloat32(join(dir, 'x.bin'), x);
  const torch = JSON.parse(runPython([HARNESS('torch_forward.py'), dir, join(dir, 'x.bin'), String(n)])) as Forward;
  return { torch, core: trained ? corePredict(trained.model, x, n) : undefined };
}

const examples = exampleNetworks();

describe('pytorch target in PyTorch', () => {
  beforeAll(() => requirePythonModule('torch'));

  it.each(examples)('%s: parameter count equals the analyzer', (_name, network) => {
    const { torch } = forwardInTorch(network, false, 2);
    expect(torch.trainable).toBe(network.params.trainable);
    expect(torch.nonTrainable).toBe(network.params.nonTrainable);
    expect(torch.shape).toEqual([2, ...network.outputShape]);
    expect(torch.modules.length).toBe(network.layers.length);
  });

  // The ImageNet-size examples are left to the parameter counts (helpers.ts, HEAVY_MACS).
  it.each([...lightExampleNetworks(), ...featureCases().map((n) => [n.name, n] as const)])('%s: forward pass with axon weights equals the core within 1e-4', (_name, network) => {
    const { torch, core } = forwardInTorch(network, true);
    expect(torch.trainable).toBe(network.params.trainable);
    expect(torch.out.length).toBe(core!.length);
    expect(maxAbsDiff(torch.out, core!)).toBeLessThan(1e-4);
  });
});

describe('ResNet50 (examples/resnet50.axon) in PyTorch', () => {
  beforeAll(() => requirePythonModule('torch'));

  // torch_params.py sums p.numel() over the generated nn.Module itself (not the runtime's count_params):
  // trainable = every parameter (conv kernels and biases, batch-norm gamma and beta, dense), none frozen;
  // non-trainable = the batch-norm running_mean and running_var buffers (num_batches_tracked is a step
  // counter, no parameter), as Keras and the analyzer count moving statistics.
  it('the generated nn.Module has the analyzer\'s parameter count, which is Keras\'s (25,636,712; 53,120 non-trainable)', () => {
    const network = exampleNetwork('resnet50.axon');
    expect([network.params.total, network.params.nonTrainable]).toEqual([25_636_712, 53_120]);
    const dir = writeOutput(compile({ network }, 'pytorch'), tempDir('torch-resnet50'));
    const counted = JSON.parse(runPython([HARNESS('torch_params.py'), dir, '1'], { timeout: 300_000 })) as {
      trainable: number;
      frozen: number;
      running: number;
      modules: Record<string, number>;
      outputShape: number[];
    };
    expect(counted.frozen).toBe(0);
    expect(counted.trainable).toBe(network.params.trainable);
    expect(counted.running).toBe(network.params.nonTrainable);
    expect(counted.trainable + counted.running).toBe(network.params.total);
    const count = (kind: string) => network.layers.filter((l) => l.kind === kind).length;
    expect(counted.modules).toMatchObject({ Conv2d: count('conv2d'), BatchNorm: count('batch_norm'), Merge: count('merge'), ZeroPad2d: count('zero_padding2d'), GlobalPool2d: 1 });
    expect(count('merge')).toBe(16);
    expect(counted.outputShape).toEqual([1, 1000]);
  });
});

describe('pytorch training entry', () => {
  beforeAll(() => requirePythonModule('torch'));

  function compiledIris(): string {
    const network = networksOf(readFileSync(join(EXAMPLES, 'iris.axon'), 'utf8'))[0]!;
    const dir = tempDir('torch-train');
    writeOutput(compile({ network, dataPath: join(EXAMPLES, 'iris.csv') }, 'pytorch'), dir);
    return dir;
  }

  interface Summary {
    world_size: number;
    epochs: number;
    first: Record<string, number>;
    last: Record<string, number>;
  }

  it('a short single-process run lowers the loss (iris)', () => {
    const dir = compiledIris();
    const s = JSON.parse(runPython([join(dir, 'train.py'), '--epochs', '15', '--json', '--quiet'], { cwd: dir }).trim().split('\n').pop()!) as Summary;
    expect(s.world_size).toBe(1);
    expect(s.epochs).toBe(15);
    expect(s.last.loss).toBeLessThan(s.first.loss * 0.8);
    expect(s.last.accuracy).toBeGreaterThan(0.8);
  });

  it('torchrun --nproc_per_node=2 (DDP, gloo) trains iris to the same accuracy band as one process', () => {
    const dir = compiledIris();
    const args = ['--epochs', '40', '--json', '--quiet'];
    const single = JSON.parse(runPython([join(dir, 'train.py'), ...args], { cwd: dir }).trim().split('\n').pop()!) as Summary;
    const port = String(29500 + Math.floor(Math.random() * 1000));
    const ddpOut = runPython(
      // --redirects 1 --tee 1: Debian's torch 1.13 launcher cannot parse its default "0" under Python 3.11 (IntFlag change).
      ['-m', 'torch.distributed.run', '--nproc_per_node=2', '--redirects', '1', '--tee', '1', '--master_addr=127.0.0.1', `--master_port=${port}`, join(dir, 'train.py'), ...args],
      { cwd: dir, env: { GLOO_SOCKET_IFNAME: 'lo' }, timeout: 300_000 },
    );
    const line = ddpOut.split('\n').find((l) => l.includes('{"world_size"'));
    expect(line, ddpOut).toBeDefined();
    const ddp = JSON.parse(line!.slice(line!.indexOf('{'))) as Summary;
    expect(ddp.world_size).toBe(2);
    expect(single.last.val_accuracy).toBeGreaterThanOrEqual(0.85);
    expect(ddp.last.val_accuracy).toBeGreaterThanOrEqual(0.85);
    expect(Math.abs(ddp.last.val_accuracy - single.last.val_accuracy)).toBeLessThanOrEqual(0.1);
    expect(ddp.last.loss).toBeLessThan(ddp.first.loss);
  });
});

