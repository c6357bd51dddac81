import { describe, expect, it } from 'vitest';
import { assetsOf } from './page-weight';

describe('assetsOf', () => {
  it('finds the scripts and stylesheets a browser loads, once each, and sets nomodule scripts apart', () => {
    const html = `<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="/a.css"><link rel="preload" as="script" href="/b.js"><link rel="preload" as="font" href="/f.woff2">
      <script src="/b.js" async></script><script src="/polyfills.js" noModule=""></script><script>inline()</script>
      <link rel="icon" href="/favicon.ico"></head><body><script src="/c.js"></script></body></html>`;
    expect(assetsOf(html)).toEqual({ scripts: ['/b.js', '/c.js'], styles: ['/a.css'], legacyScripts: ['/polyfills.js'] });
  });
});
