import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^switchboard-chat\/protocol$/, replacement: here('./widget/src/protocol/index.ts') },
      { find: /^switchboard-chat$/, replacement: here('./widget/src/index.ts') },
    ],
  },
  test: {
    include: ['widget/src/**/*.test.{ts,tsx}', 'server/src/**/*.test.ts', 'examples/**/*.test.ts', 'bench/**/*.test.ts', 'widget/e2e/**/*.test.ts', 'server/e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // CLI-spawning tests run server/dist; rebuilt here when a source is newer.
    globalSetup: ['./server/src/testing/compiled.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Real servers, databases and browsers: keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});
