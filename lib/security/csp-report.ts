/**
 * Reports of what the Content-Security-Policy blocked, from browsers (`report-uri`: one
 * `application/csp-report` object; `report-to`: an `application/reports+json` array). Anyone can post
 * here, so a report is only ever a short log line: the fields an operator needs, each cut short, addresses
 * stripped of their query (it may carry a reader's data), and at most REPORTS_PER_MINUTE lines a minute per
 * process, whatever arrives; nothing is stored.
 */
import { z } from 'zod';
import { log } from '../log';

/** Larger bodies are refused (413) before they are parsed: a real report is a few hundred bytes. */
export const MAX_REPORT_BYTES = 8 * 1024;
export const REPORTS_PER_MINUTE = 20;
const FIELD_LENGTH = 200;

/** The fields a violation report may carry that are worth a log line, in either format, all optional. */
const violation = z.looseObject({
  'document-uri': z.string().optional(),
  documentURL: z.string().optional(),
  'violated-directive': z.string().optional(),
  'effective-directive': z.string().optional(),
  effectiveDirective: z.string().optional(),
  'blocked-uri': z.string().optional(),
  blockedURL: z.string().optional(),
  'source-file': z.string().optional(),
  sourceFile: z.string().optional(),
  'line-number': z.number().optional(),
  lineNumber: z.number().optional(),
  disposition: z.string().optional(),
});
const legacyReport = z.object({ 'csp-report': violation });
const reportingApi = z.array(z.looseObject({ type: z.string(), body: violation.optional() })).max(50);

export interface Violation {
  directive: string;
  blocked: string;
  document: string;
  source?: string;
  line?: number;
}

/** An address without query or fragment, cut short; keywords such as `inline` or `eval` as they are. */
function address(value: string | undefined): string {
  if (!value) return '';
  const cut = value.split(/[?#]/, 1)[0]!;
  return cut.slice(0, FIELD_LENGTH);
}

/** The violations in a report body, or undefined when it is not a CSP report in either format. */
export function parseCspReport(body: unknown): Violation[] | undefined {
  const legacy = legacyReport.safeParse(body);
  const found = legacy.success ? [legacy.data['csp-report']] : undefined;
  const modern = found ? undefined : reportingApi.safeParse(body);
  const bodies = found ?? (modern?.success ? modern.data.filter((r) => r.type === 'csp-violation' && r.body).map((r) => r.body!) : undefined);
  if (!bodies) return undefined;
  return bodies.map((v) => ({
    directive: (v['effective-directive'] ?? v.effectiveDirective ?? v['violated-directive'] ?? '').slice(0, FIELD_LENGTH),
    blocked: address(v['blocked-uri'] ?? v.blockedURL),
    document: address(v['document-uri'] ?? v.documentURL),
    ...(v['source-file'] ?? v.sourceFile ? { source: address(v['source-file'] ?? v.sourceFile) } : {}),
    ...(typeof (v['line-number'] ?? v.lineNumber) === 'number' ? { line: v['line-number'] ?? v.lineNumber } : {}),
  }));
}

/** A fixed one-minute window per process: the log cannot be flooded through this endpoint. */
const window = { startedAt: 0, logged: 0, dropped: 0 };

/** Logs each violation as a warning, within REPORTS_PER_MINUTE; the rest are counted in the next window's first line. */
export function logViolations(violations: Violation[], now = Date.now()): void {
  if (now - window.startedAt >= 60_000) {
    if (window.dropped > 0) log.warn('csp violation reports dropped', { dropped: window.dropped, perMinute: REPORTS_PER_MINUTE });
    Object.assign(window, { startedAt: now, logged: 0, dropped: 0 });
  }
  for (const violation of violations) {
    if (window.logged >= REPORTS_PER_MINUTE) {
      window.dropped += 1;
      continue;
    }
    window.logged += 1;
    log.warn('csp violation', { ...violation });
  }
}
