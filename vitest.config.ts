import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Workspace packages resolve to their TypeScript sources in tests, so a test never runs against stale build output.
export const alias = {
  '@axon/language': src('./packages/language/src/index.ts'),
  '@axon/lint': src('./packages/lint/src/index.ts'),
  '@axon/core': src('./packages/core/src/index.ts'),
  '@axon/compile': src('./packages/compile/src/index.ts'),
  '@axon/lsp': src('./packages/lsp/src/index.ts'),
  '@axon/report': src('./packages/report/src/index.ts'),
  '@axon/diagnose': src('./packages/diagnose/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts', '**/*.consumer.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
