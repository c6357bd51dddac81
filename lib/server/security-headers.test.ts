import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy, hardenCookie, isHttpsRequest, RESOURCE_POLICY, refuseMalformedPath, securityHeaders } from './security-headers.mjs';

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
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
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

describe('the page policy', () => {
  it("allows inline scripts only by this response's nonce and the page's hashes, and reports violations", () => {
    const csp = contentSecurityPolicy({ https: false, nonce: 'bm9uY2U=', hashes: ["'sha256-abc='", "'sha256-def='"] });
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'sha256-abc=' 'sha256-def=';");
    expect(csp).toContain('report-uri /api/csp-report; report-to csp');
    expect(Object.fromEntries(securityHeaders({ https: false }))['Reporting-Endpoints']).toBe('csp="/api/csp-report"');
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

describe('refuseMalformedPath', () => {
  function answer(url: string) {
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const res = {
      set statusCode(value: number) {
        sent.status = value;
      },
      setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
      end: (body: string) => void (sent.body = body),
    } as unknown as ServerResponse;
    return { handled: refuseMalformedPath({ url, headers: {} } as IncomingMessage, res), sent };
  }

  it('answers 400 for a path that is not valid percent-encoding, in the error shape under /api/', () => {
    const api = answer('/api/comments/%E0%A4%A');
    expect(api.handled).toBe(true);
    expect(api.sent.status).toBe(400);
    expect(JSON.parse(api.sent.body!)).toMatchObject({ error: { code: 'invalid_input' } });
    expect(answer('/articles/%zz').sent.status).toBe(400);
  });

  it('lets well-formed paths through, whatever their query string holds', () => {
    expect(answer('/articles/caf%C3%A9?q=%zz').handled).toBe(false);
  });
});

describe('the policy for what is not a page', () => {
  it('lets nothing load or run and cannot be framed', () => {
    expect(RESOURCE_POLICY).toMatch(/^default-src 'none';/);
    expect(RESOURCE_POLICY).toContain('sandbox');
    expect(RESOURCE_POLICY).toContain("frame-ancestors 'none'");
    expect(RESOURCE_POLICY).not.toMatch(/script-src/);
  });
});
