import { describe, expect, it } from 'vitest';
import { erroredAudits, figuresOf, formatTable, type Lhr, losingAudits, median, medianFigures, meetsTargets, stripScripts } from './lighthouse-summary';

function lhr(options: { perf?: number | null; a11y?: number; lcp?: number; tbt?: number; cls?: number; js?: number; failing?: Record<string, number> } = {}): Lhr {
  const failing = options.failing ?? {};
  const audit = (id: string, numericValue?: number) => ({ id, title: id, score: failing[id] ?? 1, scoreDisplayMode: 'numeric', numericValue });
  return {
    categories: {
      performance: { score: options.perf === undefined ? 1 : options.perf, auditRefs: [{ id: 'largest-contentful-paint', weight: 25 }, { id: 'total-blocking-time', weight: 30 }, { id: 'resource-summary', weight: 0 }] },
      accessibility: { score: options.a11y ?? 1, auditRefs: [{ id: 'target-size', weight: 7 }, { id: 'color-contrast', weight: 7 }] },
      'best-practices': { score: 1, auditRefs: [] },
      seo: { score: 0.66, auditRefs: [{ id: 'is-crawlable', weight: 4.6 }] },
    },
    audits: {
      'largest-contentful-paint': audit('largest-contentful-paint', options.lcp ?? 1000),
      'total-blocking-time': audit('total-blocking-time', options.tbt ?? 10),
      'cumulative-layout-shift': audit('cumulative-layout-shift', options.cls ?? 0),
      'first-contentful-paint': audit('first-contentful-paint', 900),
      'target-size': audit('target-size'),
      'color-contrast': audit('color-contrast'),
      'is-crawlable': { ...audit('is-crawlable'), score: 0, scoreDisplayMode: 'binary' },
      'resource-summary': {
        ...audit('resource-summary'),
        score: null,
        scoreDisplayMode: 'informative',
        details: {
          items: [
            { resourceType: 'total', requestCount: 12, transferSize: 200_000 },
            ...(options.js === undefined ? [] : [{ resourceType: 'script', requestCount: 7, transferSize: options.js }]),
          ],
        },
      },
    },
  };
}

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it('leaves out missing values, and gives null when none is left', () => {
    expect(median([null, 7, undefined, 9, Number.NaN])).toBe(8);
    expect(median([])).toBeNull();
    expect(median([null])).toBeNull();
  });
});

describe('figuresOf', () => {
  it('reads scores as 0–100, the metrics and the JavaScript transferred', () => {
    const figures = figuresOf(lhr({ perf: 0.875, lcp: 1500, tbt: 180, cls: 0.02, js: 140_000 }));
    expect(figures.scores).toEqual({ performance: 87.5, accessibility: 100, 'best-practices': 100, seo: 66 });
    expect(figures).toMatchObject({ lcpMs: 1500, tbtMs: 180, cls: 0.02, fcpMs: 900, scriptBytes: 140_000, scriptRequests: 7, totalBytes: 200_000 });
  });

  it('counts a page with no script request as 0 bytes of JavaScript, and a category without a score as null', () => {
    const figures = figuresOf(lhr({ perf: null }));
    expect(figures.scriptBytes).toBe(0);
    expect(figures.scriptRequests).toBe(0);
    expect(figures.scores.performance).toBeNull();
  });
});

describe('medianFigures', () => {
  it('takes each figure’s median on its own', () => {
    const runs = [lhr({ perf: 0.9, lcp: 3000, tbt: 10 }), lhr({ perf: 0.8, lcp: 1000, tbt: 30 }), lhr({ perf: 1, lcp: 2000, tbt: 20 })].map(figuresOf);
    expect(medianFigures(runs)).toMatchObject({ scores: { performance: 90 }, lcpMs: 2000, tbtMs: 20 });
  });
});

describe('losingAudits', () => {
  it('lists weighted audits below 1 in any run, with how many runs and the lowest score, and skips ignored categories', () => {
    const runs = [lhr({ failing: { 'total-blocking-time': 0.6, 'target-size': 0 } }), lhr({ failing: { 'total-blocking-time': 0.4 } }), lhr()];
    expect(losingAudits(runs, ['seo'])).toEqual([
      { category: 'performance', id: 'total-blocking-time', title: 'total-blocking-time', weight: 30, runs: 2, minScore: 0.4, displayValue: undefined },
      { category: 'accessibility', id: 'target-size', title: 'target-size', weight: 7, runs: 1, minScore: 0, displayValue: undefined },
    ]);
    expect(losingAudits(runs).map((a) => a.id)).toContain('is-crawlable');
  });
});

describe('meetsTargets', () => {
  const ok = figuresOf(lhr({ lcp: 1200, tbt: 50, cls: 0.01 }));
  it('needs every counted score at 100 and LCP ≤ 1.2 s, TBT ≤ 50 ms, CLS ≤ 0.01', () => {
    expect(meetsTargets(ok)).toBe(false); // SEO 66
    expect(meetsTargets(ok, ['seo'])).toBe(true);
    expect(meetsTargets({ ...ok, lcpMs: 1201 }, ['seo'])).toBe(false);
    expect(meetsTargets({ ...ok, tbtMs: 51 }, ['seo'])).toBe(false);
    expect(meetsTargets({ ...ok, cls: 0.011 }, ['seo'])).toBe(false);
    expect(meetsTargets({ ...ok, cls: null }, ['seo'])).toBe(false);
  });
});

describe('formatTable', () => {
  it('prints one line per page type, an ignored score in brackets', () => {
    const table = formatTable([{ name: 'search-results', figures: figuresOf(lhr({ js: 145_408, lcp: 2500 })), ignore: ['seo'] }]);
    const [header, row] = table.split('\n');
    expect(header).toMatch(/^page\s+perf\s+a11y\s+b-p\s+seo\s+LCP s/);
    expect(row!.split(/\s+/)).toEqual(['search-results', '100', '100', '100', '(66)', '2.50', '10', '0.000', '0.90', '142.0', '7', '195.3', 'not', 'met']);
  });
});

describe('stripScripts', () => {
  it("is the site's own rewrite (lib/server/client-runtime.mjs) with the reader script taken out too", () => {
    const html = '<head><script async src="/reader.js?v=abc"></script><script src="/_next/static/x.js"></script></head><body><script type="application/ld+json">{}</script></body>';
    expect(stripScripts(html)).toEqual({ html: '<head></head><body><script type="application/ld+json">{}</script></body>', removed: 2 });
  });
});

describe('erroredAudits', () => {
  it('names the audits Lighthouse could not evaluate in any run, once each', () => {
    const broken = lhr();
    broken.audits['layout-shifts'] = { id: 'layout-shifts', title: 'x', score: null, scoreDisplayMode: 'error', errorMessage: 'RootCauses failed' };
    expect(erroredAudits([lhr(), broken, broken])).toEqual([{ id: 'layout-shifts', message: 'RootCauses failed' }]);
  });
});
