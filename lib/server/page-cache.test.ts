import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { cacheKey, chooseEncoding, INVALIDATE_AGAIN_MS, invalidatePageCache, PageCache, sharePageCache } from './page-cache.mjs';

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, url, headers });
const shareable = (body = '<html>page</html>', headers: Record<string, string> = {}) => ({
  statusCode: 200,
  headers: { 'cache-control': 's-maxage=3600, stale-while-revalidate=31532400', 'content-type': 'text/html; charset=utf-8', etag: '"v1"', ...headers },
  body: Buffer.from(body),
});

describe('cacheKey', () => {
  it('keys a page request by scheme and address, query included', () => {
    expect(cacheKey(get('/articles/x'), false)).toBe('h/articles/x');
    expect(cacheKey(get('/tag/kg/page/2?utm=1'), true)).toBe('s/tag/kg/page/2?utm=1');
    expect(cacheKey(get('/', {}, 'HEAD'), false)).toBe('h/');
    expect(cacheKey(get('/', { cookie: 'theme=dark; es_other=1' }), false)).toBe('h/');
  });

  it('sends to Next every request that may be personal or is not for a page', () => {
    for (const [url, headers, method] of [
      ['/articles/x', { cookie: 'next-auth.session-token=abc' }, 'GET'],
      ['/articles/x', { cookie: 'a=1; __Secure-next-auth.session-token=abc' }, 'GET'],
      ['/articles/x', { cookie: '__prerender_bypass=1' }, 'GET'],
      ['/articles/x', { rsc: '1' }, 'GET'],
      ['/articles/x', { 'next-router-prefetch': '1' }, 'GET'],
      ['/articles/x', { 'next-router-state-tree': '%5B%5D' }, 'GET'],
      ['/articles/x?_rsc=abc', {}, 'GET'],
      ['/api/comments?article=x', {}, 'GET'],
      ['/_next/static/chunks/a.js', {}, 'GET'],
      ['/og/article/x/abc.png', {}, 'GET'],
      ['/editor', {}, 'GET'],
      ['/review/token', {}, 'GET'],
      ['/articles/x', {}, 'POST'],
      ['http://evil.example/', {}, 'GET'],
    ] as const) {
      expect(cacheKey(get(url, headers, method), false), `${method} ${url} ${JSON.stringify(headers)}`).toBeUndefined();
    }
  });
});

describe('chooseEncoding', () => {
  it('prefers Brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding('identity')).toBeUndefined();
  });
});

describe('PageCache', () => {
  it('keeps a shareable 200 page, without the headers of one response, and with the policy minus its nonce', () => {
    const cache = new PageCache();
    const policy = "default-src 'self'; script-src 'self' 'nonce-abc==' 'sha256-x='; object-src 'none'";
    expect(cache.store('h/a', shareable('<p>a</p>', { 'x-request-id': 'r1', 'content-security-policy': policy, vary: 'rsc' }))).toBe(true);
    const entry = cache.get('h/a')!;
    expect(entry.body.toString()).toBe('<p>a</p>');
    const headers = Object.fromEntries(entry.headers);
    expect(headers['x-request-id']).toBeUndefined();
    expect(headers['content-security-policy']).toBe("default-src 'self'; script-src 'self' 'sha256-x='; object-src 'none'");
    expect(headers.vary).toBe('rsc, Accept-Encoding');
  });

  it('refuses what may not be shared: other statuses, no s-maxage, a Set-Cookie, an oversized body', () => {
    const cache = new PageCache({ maxEntryBytes: 10 });
    expect(cache.store('h/404', { ...shareable('x'), statusCode: 404 })).toBe(false);
    expect(cache.store('h/private', shareable('x', { 'cache-control': 'private, no-cache, no-store' }))).toBe(false);
    expect(cache.store('h/cookie', { ...shareable('x'), headers: { ...shareable('x').headers, 'set-cookie': ['a=1'] } as never })).toBe(false);
    expect(cache.store('h/big', shareable('x'.repeat(11)))).toBe(false);
    expect(cache.entries.size).toBe(0);
  });

  it('forgets everything on invalidate, and stores nothing during the quiet moment after it', () => {
    let now = 1_000;
    const cache = new PageCache({ quietMs: 2_000, now: () => now });
    cache.store('h/a', shareable());
    cache.invalidate();
    expect(cache.get('h/a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    now += 1_999;
    expect(cache.store('h/a', shareable())).toBe(false);
    now += 1;
    expect(cache.store('h/a', shareable())).toBe(true);
  });

  it('forgets every page again shortly after a revalidation, so a page Next served before applying it is not kept', () => {
    vi.useFakeTimers();
    try {
      const cache = new PageCache({ quietMs: 0 });
      sharePageCache(cache);
      cache.store('h/a', shareable());
      invalidatePageCache();
      expect(cache.get('h/a')).toBeUndefined();
      cache.store('h/a', shareable('<html>served from the old copy</html>'));
      vi.advanceTimersByTime(INVALIDATE_AGAIN_MS[0]!);
      expect(cache.get('h/a')).toBeUndefined();
      cache.store('h/a', shareable('<html>still old</html>'));
      vi.advanceTimersByTime(INVALIDATE_AGAIN_MS[1]! - INVALIDATE_AGAIN_MS[0]!);
      expect(cache.get('h/a')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets an entry live ttlMs at most', () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 60_000, now: () => now });
    cache.store('h/a', shareable());
    now = 60_000;
    expect(cache.get('h/a')).toBeDefined();
    now = 60_001;
    expect(cache.get('h/a')).toBeUndefined();
  });

  it('stays within maxBytes, compressed forms counted, evicting the least recently used first', () => {
    const cache = new PageCache({ maxBytes: 2_500 });
    const page = (c: string) => shareable(c.repeat(1_000));
    cache.store('h/a', page('a'));
    cache.store('h/b', page('b'));
    cache.get('h/a');
    cache.store('h/c', page('c'));
    expect([...cache.entries.keys()]).toEqual(['h/a', 'h/c']);
    const gz = cache.encoded(cache.get('h/a')!, 'gzip');
    expect(gunzipSync(gz).toString()).toBe('a'.repeat(1_000));
    expect(cache.bytes).toBe(2_000 + gz.length);
    expect(cache.bytes).toBeLessThanOrEqual(2_500);
  });

  it('compresses each form once per version', () => {
    const cache = new PageCache();
    cache.store('h/a', shareable('Кыргызстан '.repeat(500)));
    const entry = cache.get('h/a')!;
    const br = cache.encoded(entry, 'br');
    expect(cache.encoded(entry, 'br')).toBe(br);
    expect(brotliDecompressSync(br).toString()).toBe('Кыргызстан '.repeat(500));
    expect(cache.encoded(entry, undefined)).toBe(entry.body);
  });
});

describe('answers server.mjs makes itself, after captureForCache has wrapped the response', () => {
  it('keeps neither an old address\'s 301 nor an image published after start', async () => {
    const { createServer } = await import('node:http');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { captureForCache } = await import('./page-cache.mjs');
    const { answerRedirect, loadRedirects } = await import('./redirects.mjs');
    const { latePublicImages } = await import('./late-public-images.mjs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-page-cache-'));
    const table = path.join(dir, 'redirects.json');
    fs.writeFileSync(table, JSON.stringify({ version: 1, redirects: { '/2013/01/11/old-post/': '/articles/new-post' } }));
    loadRedirects(table);
    const publicDir = path.join(dir, 'public');
    fs.mkdirSync(path.join(publicDir, 'images'), { recursive: true });
    const answerLateImage = latePublicImages(publicDir);
    fs.writeFileSync(path.join(publicDir, 'images', 'late.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    const cache = new PageCache();
    // As server.mjs: the fast path's copy is set up before the redirect table and the late images answer.
    const server = createServer((req, res) => {
      const key = cacheKey(req, false);
      if (key !== undefined) captureForCache(cache, key, res);
      if (answerRedirect(req, res) || answerLateImage(req, res)) return;
      res.statusCode = 404;
      res.end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const moved = await fetch(`http://127.0.0.1:${port}/2013/01/11/old-post/`, { redirect: 'manual' });
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe('/articles/new-post');
      const image = await fetch(`http://127.0.0.1:${port}/images/late.png`);
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).toString('hex')).toBe('89504e470d0a1a0a');
      expect(cacheKey(get('/2013/01/11/old-post/'), false)).toBeDefined();
      expect(cacheKey(get('/images/late.png'), false)).toBeDefined();
      expect(cache.entries.size).toBe(0);
      expect(cache.bytes).toBe(0);
    } finally {
      server.close();
      loadRedirects(path.join(dir, 'none.json'));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
