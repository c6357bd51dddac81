/**
 * What `npm run bench:lighthouse` makes of Lighthouse results (pure: no browser, no files): per page type, the medians
 * of the runs' four category scores, LCP, TBT, CLS and the JavaScript transferred, and the audits that lose points.
 * The shapes below are the parts of Lighthouse's result (`LH.Result`, "lhr") that are read here.
 */
import { withoutClientRuntime } from '../../lib/server/client-runtime.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LhrAudit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  errorMessage?: string;
  numericValue?: number;
  displayValue?: string;
  details?: unknown;
}

export interface Lhr {
  categories: Partial<Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>>;
  audits: Record<string, LhrAudit>;
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
}

/** One run, reduced to the figures the table shows. Scores are 0–100; null when Lighthouse gave none. */
export interface RunFigures {
  scores: Record<Category, number | null>;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  fcpMs: number | null;
  /** Bytes of JavaScript on the wire (transfer size, compressed as sent), and the number of script requests. */
  scriptBytes: number | null;
  scriptRequests: number | null;
  totalBytes: number | null;
}

/** The median of the numbers given (mean of the middle two for an even count); null for none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

function numeric(lhr: Lhr, id: string): number | null {
  const value = lhr.audits[id]?.numericValue;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

interface ResourceSummaryItem {
  resourceType: string;
  requestCount: number;
  transferSize: number;
}

function resourceSummary(lhr: Lhr): ResourceSummaryItem[] | null {
  const details = lhr.audits['resource-summary']?.details as { items?: ResourceSummaryItem[] } | undefined;
  return Array.isArray(details?.items) ? details.items : null;
}

/** The figures of one Lighthouse run. */
export function figuresOf(lhr: Lhr): RunFigures {
  const scores = Object.fromEntries(
    CATEGORIES.map((category) => {
      const score = lhr.categories[category]?.score;
      return [category, typeof score === 'number' ? Math.round(score * 1000) / 10 : null];
    }),
  ) as Record<Category, number | null>;
  const resources = resourceSummary(lhr);
  const script = resources?.find((item) => item.resourceType === 'script');
  const total = resources?.find((item) => item.resourceType === 'total');
  return {
    scores,
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    scriptBytes: resources ? (script?.transferSize ?? 0) : null,
    scriptRequests: resources ? (script?.requestCount ?? 0) : null,
    totalBytes: total?.transferSize ?? null,
  };
}

/** The medians of several runs' figures, each figure on its own (so a median row need not be any one run). */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const pick = <K extends keyof Omit<RunFigures, 'scores'>>(key: K) => median(runs.map((run) => run[key]));
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((run) => run.scores[c]))])) as Record<Category, number | null>,
    lcpMs: pick('lcpMs'),
    tbtMs: pick('tbtMs'),
    cls: pick('cls'),
    fcpMs: pick('fcpMs'),
    scriptBytes: pick('scriptBytes'),
    scriptRequests: pick('scriptRequests'),
    totalBytes: pick('totalBytes'),
  };
}

/** An audit that cost a category points in at least one run: in how many runs, and its lowest score (0–1). */
export interface LosingAudit {
  category: Category;
  id: string;
  title: string;
  weight: number;
  runs: number;
  minScore: number;
  displayValue?: string;
}

/**
 * The weighted audits scoring below 1 in any run, per category, heaviest first. `ignore` names categories not counted
 * for a page (search results are noindex on purpose, so SEO's `is-crawlable` is expected to fail there).
 */
export function losingAudits(lhrs: readonly Lhr[], ignore: readonly Category[] = []): LosingAudit[] {
  const found = new Map<string, LosingAudit>();
  for (const lhr of lhrs) {
    for (const category of CATEGORIES) {
      if (ignore.includes(category)) continue;
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || ref.weight <= 0 || audit.score === null || audit.score >= 1) continue;
        const key = `${category}/${ref.id}`;
        const seen = found.get(key);
        if (seen) {
          seen.runs += 1;
          seen.minScore = Math.min(seen.minScore, audit.score);
        } else {
          found.set(key, { category, id: ref.id, title: audit.title, weight: ref.weight, runs: 1, minScore: audit.score, displayValue: audit.displayValue });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || b.weight - a.weight || a.id.localeCompare(b.id));
}

/** The targets of issue #16: a page type meets them when every counted score is 100 and the metrics are in bounds. */
export const TARGETS = { lcpMs: 1200, tbtMs: 50, cls: 0.01 } as const;

export function meetsTargets(figures: RunFigures, ignore: readonly Category[] = []): boolean {
  const scoresOk = CATEGORIES.every((c) => ignore.includes(c) || figures.scores[c] === 100);
  return (
    scoresOk &&
    figures.lcpMs !== null &&
    figures.lcpMs <= TARGETS.lcpMs &&
    figures.tbtMs !== null &&
    figures.tbtMs <= TARGETS.tbtMs &&
    figures.cls !== null &&
    figures.cls <= TARGETS.cls
  );
}

export interface TableRow {
  name: string;
  figures: RunFigures;
  ignore?: readonly Category[];
}

const fmt = (value: number | null, digits = 0, scale = 1) => (value === null ? '–' : (value / scale).toFixed(digits));
const score = (value: number | null, ignored: boolean) => (ignored ? `(${fmt(value)})` : value === null ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(1));

/** The printed table: one line per page type; an ignored category's score is shown in brackets. */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['page', 'perf', 'a11y', 'b-p', 'seo', 'LCP s', 'TBT ms', 'CLS', 'FCP s', 'JS KB', 'JS req', 'total KB', 'targets'];
  const widths = [18, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 9, 8];
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' ');
  const lines = [line(header)];
  for (const { name, figures, ignore = [] } of rows) {
    lines.push(
      line([
        name,
        ...CATEGORIES.map((c) => score(figures.scores[c], ignore.includes(c))),
        fmt(figures.lcpMs, 2, 1000),
        fmt(figures.tbtMs),
        fmt(figures.cls, 3),
        fmt(figures.fcpMs, 2, 1000),
        fmt(figures.scriptBytes, 1, 1024),
        fmt(figures.scriptRequests),
        fmt(figures.totalBytes, 1, 1024),
        meetsTargets(figures, ignore) ? 'met' : 'not met',
      ]),
    );
  }
  return lines.join('\n');
}

/**
 * The page with the scripts a browser would run taken out (the runtime experiment): every `<script>` element except
 * data blocks (`type="application/ld+json"` and other non-JavaScript types, which no browser executes), and every
 * `<link rel="preload|modulepreload" as="script">`. Stylesheets, fonts, images and the markup stay as they were.
 */
export function stripScripts(html: string): { html: string; removed: number } {
  return withoutClientRuntime(html, { keepReaderScript: false });
}

/** The audits Lighthouse could not evaluate in any run (scoreDisplayMode 'error'), each with its first message. */
export function erroredAudits(lhrs: readonly Lhr[]): { id: string; message: string }[] {
  const found = new Map<string, string>();
  for (const lhr of lhrs) {
    for (const audit of Object.values(lhr.audits)) {
      if (audit.scoreDisplayMode === 'error' && !found.has(audit.id)) found.set(audit.id, audit.errorMessage ?? '');
    }
  }
  return [...found].map(([id, message]) => ({ id, message })).sort((a, b) => a.id.localeCompare(b.id));
}
