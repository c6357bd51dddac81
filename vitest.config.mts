import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two tiers, told apart by name: `*.test.ts` are unit tests (pure code, temp files at most); `*.int.test.ts` are
// integration tests against real SQLite, PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL).
// `npm run test:unit` and `npm run test:int` run one tier each (`vitest run --project unit|int`).
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Unit tests are the server: Next resolves `server-only` to this empty module in its server layers too.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'scripts/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] },
      },
      { extends: true, test: { name: 'int', include: ['lib/**/*.int.test.ts', 'scripts/**/*.int.test.ts'], exclude: ['node_modules/**'] } },
    ],
  },
});
