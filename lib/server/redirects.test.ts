import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRedirect, loadRedirects, parseRedirectTable, redirectKey } from './redirects.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-redirects-'));
const file = path.join(dir, 'redirects.json');
const write = (redirects: Record<string, string>) => fs.writeFileSync(file, JSON.stringify({ version: 1, redirects }));
const get = (url: string) => findRedirect({ method: 'GET', url });
afterEach(() => {
  fs.rmSync(file, { force: true });
  loadRedirects(file);
});

describe('redirectKey', () => {
  it('decodes percent-encoding in either case, folds case and drops trailing slashes', () => {
    expect(redirectKey('/2024/05/09/%D0%B2%D0%BE%D0%B4%D0%B0/')).toBe('/2024/05/09/вода');
    expect(redirectKey('/2024/05/09/%d0%b2%d0%be%d0%b4%d0%b0')).toBe('/2024/05/09/вода');
    expect(redirectKey('//Greek//')).toBe('/greek');
  });

  it('on the home address, the first id-style query is the key; other queries are not', () => {
    expect(redirectKey('/', '?p=12&preview=true')).toBe('/?p=12');
    expect(redirectKey('/index.php', '?page_id=3')).toBe('/?page_id=3');
    expect(redirectKey('/', '?utm_source=x')).toBeUndefined();
  });
});

describe('the table', () => {
  it('answers old addresses, and reloads when the file changes', () => {
    write({ '/2024/05/09/вода': '/articles/voda', '/?p=10': '/articles/voda' });
    expect(loadRedirects(file)).toBe(2);
    expect(get('/2024/05/09/%D0%B2%D0%BE%D0%B4%D0%B0/')).toBe('/articles/voda');
    expect(get('/?p=10')).toBe('/articles/voda');
    expect(get('/?p=11')).toBeUndefined();
    write({ '/?p=11': '/articles/other' });
    loadRedirects(file);
    expect(get('/?p=11')).toBe('/articles/other');
    expect(get('/?p=10')).toBeUndefined();
  });

  it('an entry naming its own address answers only its variants; POST is never redirected', () => {
    write({ '/category/news': '/category/news' });
    loadRedirects(file);
    expect(get('/category/news')).toBeUndefined();
    expect(get('/category/news/')).toBe('/category/news');
    write({ '/old': '/articles/new' });
    loadRedirects(file);
    expect(findRedirect({ method: 'POST', url: '/old' })).toBeUndefined();
  });

  it('a broken file leaves the previous table in force', () => {
    write({ '/old': '/articles/new' });
    loadRedirects(file);
    fs.writeFileSync(file, '{"version": 1, "redirects": {"/x": "https://evil.example"}}');
    loadRedirects(file);
    expect(get('/old')).toBe('/articles/new');
    expect(() => parseRedirectTable('[]')).toThrow(/expected/);
  });
});
