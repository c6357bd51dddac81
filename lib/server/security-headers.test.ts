import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hardenCookie, isHttpsRequest, securityHeaders } from './security-headers.mjs';

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;
const names = (https: boolean) => securityHeaders({ https }).map(([name]) => name);

describe('security headers', () => {
  it('sends HSTS and upgrade-insecure-requests only over https', () => {
    expect(names(true)).toContain('Strict-Transport-Security');
    expect(names(false)).not.toContain('Strict-Transport-Security');
    expect(contentSecurityPolicy({ https: true })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ https: false })).not.toContain('upgrade-insecure-requests');
  });

  it('forbids framing twice over, and plugins, foreign scripts and inline handlers', () => {
    const headers = Object.fromEntries(securityHeaders({ https: false }));
    expect(headers['X-Frame-Options']).toBe('DENY');
    const csp = headers['Content-Security-Policy']!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("script-src 'self' 'unsafe-inline';");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('treats a request as https when SITE_URL is https, or when a trusted proxy says so', () => {
    expect(isHttpsRequest(request(), 'https://eurasianstar.example')).toBe(true);
    expect(isHttpsRequest(request(), 'http://localhost:3000')).toBe(false);
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'https' }), 'http://localhost:3000')).toBe(true);
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'https, http' }), undefined)).toBe(false);
  });
});

describe('hardenCookie', () => {
  it('adds HttpOnly, SameSite=Lax and, over https, Secure', () => {
    expect(hardenCookie('a=1; Path=/', { https: true })).toBe('a=1; Path=/; HttpOnly; SameSite=Lax; Secure');
    expect(hardenCookie('a=1; Path=/', { https: false })).toBe('a=1; Path=/; HttpOnly; SameSite=Lax');
  });

  it('lowers SameSite=None to Lax and keeps what is already right', () => {
    expect(hardenCookie('__prerender_bypass=x; Path=/; HttpOnly; Secure; SameSite=None', { https: false })).toBe('__prerender_bypass=x; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(hardenCookie('s=1; Path=/; HttpOnly; SameSite=Strict; Secure', { https: true })).toBe('s=1; Path=/; HttpOnly; SameSite=Strict; Secure');
  });
});
