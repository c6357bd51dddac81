import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target.mjs';

const request = (method: string, url: string, host = 'news.example:3000') => ({ method, url, headers: { host } });
const parse = (method: string, url: string, host?: string) => parseRequestTarget(request(method, url, host), { siteUrl: 'https://eurasianstar.example' });

describe('parseRequestTarget', () => {
  it('passes a path with its query through unchanged', () => {
    expect(parse('GET', '/articles/x?page=2')).toEqual({ kind: 'path', target: '/articles/x?page=2' });
  });

  it('answers OPTIONS * for the server, and refuses * with any other method', () => {
    expect(parse('OPTIONS', '*')).toEqual({ kind: 'options-server' });
    expect(parse('GET', '*').kind).toBe('refuse');
  });

  it('takes the path and query from an absolute-form target naming the Host it was sent to', () => {
    expect(parse('GET', 'http://news.example:3000/about?x=1#frag')).toEqual({ kind: 'path', target: '/about?x=1' });
    expect(parse('GET', 'HTTP://NEWS.EXAMPLE:3000')).toEqual({ kind: 'path', target: '/' });
    expect(parse('GET', 'http://news.example:3000?q=1')).toEqual({ kind: 'path', target: '/?q=1' });
  });

  it('keeps the path as sent (Next judges dot segments and encoding), not as the URL parser would rewrite it', () => {
    expect(parse('GET', 'http://news.example:3000/a/../%2e%2e/b')).toEqual({ kind: 'path', target: '/a/../%2e%2e/b' });
  });

  it("accepts SITE_URL's host as the site's own authority", () => {
    expect(parse('GET', 'https://eurasianstar.example/feed.xml', 'localhost')).toEqual({ kind: 'path', target: '/feed.xml' });
  });

  it('refuses an absolute-form target naming any other host, port, scheme or credentials', () => {
    for (const url of [
      'http://evil.example/about',
      'http://news.example:3001/about',
      'http://news.example/about',
      'ftp://news.example:3000/about',
      'http://user:pass@news.example:3000/about',
      'http://[::1/about',
      'http://',
    ]) {
      expect(parse('GET', url).kind, url).toBe('refuse');
    }
  });

  it('refuses a target that is neither a path, *, nor an absolute address', () => {
    for (const url of ['about', 'news.example:3000', '', '\\about', '?q=1']) expect(parse('GET', url).kind, url).toBe('refuse');
  });
});
