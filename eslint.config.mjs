import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * The direction imports flow in lib/ (README, "Code layout"): each entry may import only entries before it,
 * never one after it. A folder is `name/`, a top-level module `name`. Import circles between files, type-only
 * imports included, are `npm run lint:cycles` (madge), since import/no-cycle skips `import type`.
 */
export const libLayers = [
  // shared: nothing else in lib/
  ['config/', 'server/', 'errors', 'site', 'env', 'log', 'secret', 'format', 'paging', 'feed-links'],
  // infrastructure
  ['db/', 'limits/', 'http/', 'security/', 'cache/', 'prerender'],
  // content and what is made from it
  ['content/', 'images/', 'search/', 'og/'],
  // features
  ['auth/', 'comments/', 'publish/', 'health', 'maintenance', 'import/'],
  // page helpers
  ['metadata', 'feeds', 'structured-data', 'sitemaps', 'on-demand'],
];

const glob = (entry) => (entry.endsWith('/') ? `./lib/${entry}**` : `./lib/${entry}.*`);
const order = libLayers.flat();
/** Entry points: they may import any of lib/, and nothing in lib/ imports them. */
const entryPoints = ['./app/**', './scripts/**', './e2e/**', './e2e-multi/**', './instrumentation.*', './proxy.*', './server.*'];

export const libZones = order.map((entry, i) => ({
  target: glob(entry),
  from: [...order.slice(i + 1).map(glob), ...entryPoints],
  message: `imports flow one way (README, "Code layout"): lib/${entry} may import only what comes before it in libLayers (eslint.config.mjs).`,
}));

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Pages link with plain <a>: full-page navigation needs no client router JavaScript,
      // and every page is prerendered HTML that works without JavaScript.
      '@next/next/no-html-link-for-pages': 'off',
      // Images carry their real width/height from public/ and are served as static files.
      '@next/next/no-img-element': 'off',
    },
  },
  {
    files: ['lib/**'],
    // Tests and test helpers may reach across layers to set a scene.
    ignores: ['**/*.test.*', 'lib/testing/**', 'lib/**/testing.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones: libZones }] },
  },
  globalIgnores(['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'data/**', 'lint-fixtures/**']),
]);
