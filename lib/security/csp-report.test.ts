import { afterEach, describe, expect, it, vi } from 'vitest';
import { logViolations, parseCspReport, REPORTS_PER_MINUTE } from './csp-report';

const legacy = {
  'csp-report': {
    'document-uri': 'http://localhost:3000/articles/x?email=reader%40example.com',
    'violated-directive': 'script-src-elem',
    'effective-directive': 'script-src-elem',
    'blocked-uri': 'inline',
    'source-file': 'http://localhost:3000/articles/x',
    'line-number': 12,
  },
};

describe('parseCspReport', () => {
  it('reads a report-uri report, dropping the query of every address', () => {
    expect(parseCspReport(legacy)).toEqual([
      { directive: 'script-src-elem', blocked: 'inline', document: 'http://localhost:3000/articles/x', source: 'http://localhost:3000/articles/x', line: 12 },
    ]);
  });

  it('reads the csp-violation entries of a Reporting API batch and skips other report types', () => {
    const batch = [
      { type: 'csp-violation', url: 'x', body: { documentURL: 'https://s.example/a#top', effectiveDirective: 'script-src-elem', blockedURL: 'https://evil.example/x.js?k=1' } },
      { type: 'deprecation', body: { id: 'x' } },
    ];
    expect(parseCspReport(batch)).toEqual([{ directive: 'script-src-elem', blocked: 'https://evil.example/x.js', document: 'https://s.example/a' }]);
  });

  it('cuts every field to 200 characters', () => {
    const long = { 'csp-report': { 'violated-directive': 'x'.repeat(5000), 'blocked-uri': `https://e.example/${'y'.repeat(5000)}` } };
    const [violation] = parseCspReport(long)!;
    expect(violation!.directive).toHaveLength(200);
    expect(violation!.blocked).toHaveLength(200);
  });

  it('is undefined for anything that is not a CSP report', () => {
    for (const body of [null, 'text', 42, {}, { 'csp-report': 'x' }, [{ body: {} }], { 'csp-report': { 'line-number': 'ten' } }]) {
      expect(parseCspReport(body), JSON.stringify(body)).toBeUndefined();
    }
  });
});

describe('logViolations', () => {
  afterEach(() => vi.restoreAllMocks());

  it(`logs at most ${REPORTS_PER_MINUTE} violations a minute, then says how many it dropped`, () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const start = Date.UTC(2026, 0, 1);
    const violation = parseCspReport(legacy)!;
    for (let i = 0; i < 1000; i++) logViolations(violation, start + i);
    expect(lines.filter((l) => l.includes('"msg":"csp violation"'))).toHaveLength(REPORTS_PER_MINUTE);
    logViolations(violation, start + 61_000);
    const dropped = lines.find((l) => l.includes('csp violation reports dropped'));
    expect(JSON.parse(dropped!)).toMatchObject({ level: 'warn', dropped: 1000 - REPORTS_PER_MINUTE });
    expect(lines.filter((l) => l.includes('"msg":"csp violation"'))).toHaveLength(REPORTS_PER_MINUTE + 1);
    expect(lines.join('')).not.toContain('reader');
  });
});
