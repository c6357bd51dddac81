import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
  globalIgnores(['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'data/**']),
]);
