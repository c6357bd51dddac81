import { defineConfig } from 'vitest/config';

// `npm run test:faults`: fault-injection scenarios against real `node server.mjs` processes (scripts/faults/).
// One file at a time: they start servers, hold database locks and restart PostgreSQL.
export default defineConfig({
  test: {
    include: ['scripts/faults/**/*.fault.ts'],
    environment: 'node',
    globalSetup: ['scripts/faults/support/build.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
