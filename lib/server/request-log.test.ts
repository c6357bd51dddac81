import { describe, expect, it } from 'vitest';
import { loggedPath, requestIdFrom, shouldLog } from './request-log.mjs';

describe('request log fields', () => {
  it('logs the path without its query string and without review tokens', () => {
    expect(loggedPath('/api/comments?article=x&email=a@b.example')).toBe('/api/comments');
    expect(loggedPath('/review/eyJhbGciOi.abc-def?x=1')).toBe('/review/[token]');
    expect(loggedPath('/review/tok/extra')).toBe('/review/[token]/extra');
    expect(loggedPath('/editor/setup?token=secret')).toBe('/editor/setup');
  });

  it('keeps a sane incoming request id and replaces anything else', () => {
    expect(requestIdFrom('proxy-7f3a9c2e-0001')).toBe('proxy-7f3a9c2e-0001');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'line\nbreak-0000', undefined]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('skips successful static files but logs their failures and everything else', () => {
    expect(shouldLog('/_next/static/chunks/a.js', 200)).toBe(false);
    expect(shouldLog('/images/x.jpg', 304)).toBe(false);
    expect(shouldLog('/_next/static/chunks/missing.js', 404)).toBe(true);
    expect(shouldLog('/articles/x', 200)).toBe(true);
    expect(shouldLog('/api/health', 200)).toBe(true);
  });
});
