import { defineConfig } from 'vitest/config';
import { alias } from './vitest.config.js';

// Consumer tests: the emitted code and models checked by the real frameworks (PyTorch, ONNX, TF.js).
// They need Debian's python3-torch and python3-onnx; a missing consumer fails the run with how to install it.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.consumer.test.ts', 'apps/*/test/**/*.consumer.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
