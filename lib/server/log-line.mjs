// @ts-check
/**
 * The one shape of every log line the site writes (server.mjs and lib/log.ts): a JSON object on one line
 * of stdout — time, level, msg, then the event's fields. Values of fields named like secrets are dropped,
 * and email and IPv4 addresses in any text are masked, so a careless call cannot leak them.
 */
import { format } from 'node:util';

/** Keys whose values never reach the log, whatever they hold. */
const SECRET_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|e-?mail|^ip$|ip_?(address|hash|prefix)|forwarded/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * A string with email and IPv4 addresses masked.
 * @param {string} text
 */
export function maskText(text) {
  return text.replace(EMAIL, '[email]').replace(IPV4, '[ip]');
}

/**
 * What is logged of an error: name, code, message and stack (for operators; never in a response body).
 * @param {Error} error
 */
function errorFields(error) {
  const code = /** @type {{ code?: unknown }} */ (error).code;
  return {
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: maskText(error.message),
    ...(error.stack ? { stack: maskText(error.stack) } : {}),
  };
}

/**
 * A value made safe to log.
 * @param {unknown} value
 * @returns {unknown}
 */
export function clean(value, depth = 0) {
  if (typeof value === 'string') return maskText(value);
  if (value instanceof Error) return errorFields(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : clean(item, depth + 1);
  return out;
}

/**
 * One log line. `verbatim` fields skip masking: only for what the operator must read as is (the first-editor setup link).
 * @param {'info' | 'warn' | 'error'} level
 * @param {string} msg
 * @param {Record<string, unknown>} [fields]
 * @param {Record<string, string>} [verbatim]
 */
export function logLine(level, msg, fields = {}, verbatim = {}) {
  return JSON.stringify({ time: new Date().toISOString(), level, msg: maskText(msg), .../** @type {object} */ (clean(fields)), ...verbatim });
}

/**
 * Writes one log line to stdout.
 * @param {'info' | 'warn' | 'error'} level
 * @param {string} msg
 * @param {Record<string, unknown>} [fields]
 * @param {Record<string, string>} [verbatim]
 */
export function writeLog(level, msg, fields, verbatim) {
  process.stdout.write(`${logLine(level, msg, fields, verbatim)}\n`);
}

/** Lines waiting for the end of this turn of the event loop (writeLineSoon). */
let pendingLines = '';

function flushLines() {
  const text = pendingLines;
  pendingLines = '';
  if (text) process.stdout.write(text);
}

/**
 * Writes a log line at the end of this turn of the event loop, together with the others of that turn: under load a
 * server finishes many requests per turn, and one write each was a sixth of its time serving cached pages. Lines
 * still waiting when the process exits are written then.
 * @param {string} line
 */
export function writeLineSoon(line) {
  if (pendingLines === '') setImmediate(flushLines);
  pendingLines += `${line}\n`;
}
process.on('exit', flushLines);

/**
 * Next.js and libraries print with console.*: turn each call into a log line too (source "console"),
 * so that stdout is nothing but JSON lines.
 */
export function routeConsoleToLog() {
  /** @type {[keyof Console, 'info' | 'warn' | 'error'][]} */
  const methods = [
    ['log', 'info'],
    ['info', 'info'],
    ['debug', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
  ];
  for (const [method, level] of methods) {
    /** @type {any} */ (console)[method] = (/** @type {unknown[]} */ ...args) => {
      const error = args.find((arg) => arg instanceof Error);
      const text = format(...args.map((arg) => (arg instanceof Error ? arg.message : arg))).replace(ANSI, '').trim();
      writeLog(level, text, error ? { source: 'console', error } : { source: 'console' });
    };
  }
}
