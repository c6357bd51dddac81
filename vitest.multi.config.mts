import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:multi`: two `node server.mjs` instances on PostgreSQL and Redis behind nginx (e2e-multi/). The tests
// run in order against one cluster, which the file's beforeAll builds and starts.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['e2e-multi/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
