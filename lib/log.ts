/**
 * The app's structured logger: one JSON line on stdout per event, in the shape server.mjs writes its
 * request lines (lib/server/log-line.mjs), with the id of the request being handled when there is one.
 * Fields named like secrets are dropped and email and IPv4 addresses in any text are masked.
 * See docs/operations.md.
 */
import { logLine } from './server/log-line.mjs';

type Level = 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

/** The request id server.mjs keeps for the request being handled, if any. */
function currentRequestId(): string | undefined {
  const context = (globalThis as { __eurasianStarRequestContext?: { getStore(): { requestId?: string } | undefined } }).__eurasianStarRequestContext;
  return context?.getStore()?.requestId;
}

export { maskText } from './server/log-line.mjs';

/** The JSON line for one event (exported for tests). `verbatim` fields are not masked: only for what an operator must copy as is. */
export function formatLine(level: Level, msg: string, fields: Fields = {}, verbatim: Record<string, string> = {}): string {
  const requestId = currentRequestId();
  return logLine(level, msg, requestId ? { requestId, ...fields } : fields, verbatim);
}

function write(level: Level, msg: string, fields?: Fields, verbatim?: Record<string, string>): void {
  process.stdout.write(`${formatLine(level, msg, fields, verbatim)}\n`);
}

/** Structured log lines: `log.warn('store unavailable', { where, reason })`; pass errors as `{ error }`. */
export const log = {
  info: (msg: string, fields?: Fields, verbatim?: Record<string, string>) => write('info', msg, fields, verbatim),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};
