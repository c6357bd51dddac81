/**
 * The app's structured logger: one JSON line on stdout per event, in the shape server.mjs writes its
 * request lines (time, level, msg, requestId when inside a request, then the event's fields).
 * Fields named like secrets are dropped and email addresses in any string are masked, so a careless
 * call cannot put a password, token, email or address in the log. See docs/operations.md.
 */

type Level = 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

/** Keys whose values never reach the log, whatever they hold. */
const SECRET_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|e-?mail|^ip$|ip_?(address|hash|prefix)|forwarded/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

/** The request id server.mjs keeps for the request being handled, if any. */
function currentRequestId(): string | undefined {
  const context = (globalThis as { __eurasianStarRequestContext?: { getStore(): { requestId?: string } | undefined } }).__eurasianStarRequestContext;
  return context?.getStore()?.requestId;
}

/** A string with email addresses and IPv4 addresses masked. */
export function maskText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(IPV4, '[ip]');
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value instanceof Error) return errorFields(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  const out: Fields = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : clean(item, depth + 1);
  return out;
}

/** What is logged of an error: its name, code, message and stack (operators' eyes only; never a response body). */
function errorFields(error: Error): Fields {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: maskText(error.message),
    ...(error.stack ? { stack: maskText(error.stack) } : {}),
  };
}

/** The JSON line for one event (exported for tests). */
export function formatLine(level: Level, msg: string, fields: Fields = {}): string {
  const requestId = currentRequestId();
  return JSON.stringify({ time: new Date().toISOString(), level, msg: maskText(msg), ...(requestId ? { requestId } : {}), ...(clean(fields) as Fields) });
}

function write(level: Level, msg: string, fields?: Fields): void {
  process.stdout.write(`${formatLine(level, msg, fields)}\n`);
}

/** Structured log lines: `log.warn('store unavailable', { where, code })`; pass errors as `{ error }`. */
export const log = {
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};
