import { parse as parseJsonDocument, type ValueNode } from '@humanwhocodes/momoa';
import { parse as parseContentType } from 'content-type';
import { AppError } from '../errors';

export type BodyKind = 'json' | 'form';

/** Deeper JSON than this is refused: no request this site takes nests more than two levels. */
export const MAX_JSON_DEPTH = 32;

const NOT_UTF8_CHARSET = 'Send the body in UTF-8: charset=utf-8, or no charset at all.';

/** The request's media type (lower-cased) and its charset parameter, if any. */
function contentType(request: Request): { type: string; charset?: string } {
  const { type, parameters } = parseContentType(request.headers.get('content-type') ?? '');
  return { type, charset: parameters.charset?.toLowerCase() };
}

const isUtf8 = (charset: string | undefined) => charset === undefined || charset === 'utf-8' || charset === 'utf8';

/** What a request body claims to be: a 415 for anything but JSON and URL-encoded forms, or for another charset than UTF-8. */
export function bodyKind(request: Request): BodyKind {
  const { type, charset } = contentType(request);
  const kind = type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : undefined;
  if (!kind) throw new AppError('unsupported_media_type');
  if (!isUtf8(charset)) throw new AppError('unsupported_media_type', { message: NOT_UTF8_CHARSET });
  return kind;
}

/** How much of a refused body is still read and thrown away, and for how long, before the connection is given up. */
export const DRAIN_LIMIT = { bytes: 4 * 1024 * 1024, ms: 2000 };

/**
 * Reads and discards what is left of a refused body, within DRAIN_LIMIT, then lets go of it. A server that answers
 * and closes while the client is still sending leaves unread bytes in its socket, and the kernel then resets the
 * connection: the reset can destroy the 413 before the client has read it (seen in the hardening e2e specs on a
 * busy machine). Reading the rest first, as nginx's "lingering close" does, lets the client see why it was refused;
 * the byte and time limits keep a hostile client from holding the server with an endless body.
 */
export async function drainBody(reader: ReadableStreamDefaultReader<Uint8Array>, limit = DRAIN_LIMIT): Promise<void> {
  const deadline = Date.now() + limit.ms;
  let drained = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    while (drained <= limit.bytes) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const read = await Promise.race([
        reader.read(),
        new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), left);
        }),
      ]);
      clearTimeout(timer);
      if (read === 'late' || read.done) break;
      drained += read.value.byteLength;
    }
  } catch {
    // the client hung up: nothing more to read
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads at most `limit` bytes of body as UTF-8; a larger body is refused with 413 before any of it
 * is parsed, whether it declares its length or arrives chunked. What is left of a refused body is drained
 * (drainBody), so the client reads the refusal rather than a reset connection.
 */
export async function readBody(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new AppError('payload_too_large', { message: `The request body is larger than ${Math.round(limit / 1024)} KB.` });
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    if (request.body && /^\d+$/.test(declared) && Number(declared) <= DRAIN_LIMIT.bytes) await drainBody(request.body.getReader());
    throw tooLarge();
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      // The client hung up or was cut off (request timeout): no one reads the answer, and it is no store outage.
      throw new AppError('invalid_input', { message: 'The request body did not arrive in full.' });
    }
    const { done, value } = read;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await drainBody(reader);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  // JSON must not start with a byte order mark (RFC 8259) and no browser puts one in a form; a UTF-16 one fails below.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new AppError('invalid_input', { message: 'The request body starts with a byte order mark: send UTF-8 without one.' });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError('invalid_input', { message: 'The request body is not valid UTF-8.' });
  }
}

/** How deeply a parsed JSON value nests (a scalar is 0), without recursion. */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The first key an object in this JSON text repeats (JSON.parse would silently keep the last), if any. */
function repeatedJsonKey(text: string): string | undefined {
  const stack: ValueNode[] = [parseJsonDocument(text, { mode: 'json' }).body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'Array') for (const element of node.elements) stack.push(element.value);
    if (node.type !== 'Object') continue;
    const seen = new Set<string>();
    for (const member of node.members) {
      const name = member.name.type === 'String' ? member.name.value : member.name.name;
      if (seen.has(name)) return name;
      seen.add(name);
      stack.push(member.value);
    }
  }
  return undefined;
}

/**
 * Parses a JSON or form body into a plain object. A 400 for malformed JSON, JSON nested deeper than
 * MAX_JSON_DEPTH, and a key or form field sent twice (parsers disagree on which copy wins).
 */
export function parseBody(kind: BodyKind, text: string): unknown {
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError('invalid_json');
    }
    if (jsonDepth(value) > MAX_JSON_DEPTH) throw new AppError('invalid_json', { message: `The request body nests more than ${MAX_JSON_DEPTH} levels deep.` });
    const repeated = typeof value === 'object' && value !== null ? repeatedJsonKey(text) : undefined;
    if (repeated !== undefined) throw new AppError('invalid_input', { fields: { [repeated]: 'This field was sent more than once.' } });
    return value;
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, key)) throw new AppError('invalid_input', { fields: { [key]: 'This field was sent more than once.' } });
    fields[key] = value;
  }
  return fields;
}

/** A UTF-8 JSON body of at most `limit` bytes: 415 for any other content type or charset, 413 when larger, 400 when malformed. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const { type, charset } = contentType(request);
  if (type !== 'application/json') throw new AppError('unsupported_media_type', { message: 'Send application/json.' });
  if (!isUtf8(charset)) throw new AppError('unsupported_media_type', { message: NOT_UTF8_CHARSET });
  return parseBody('json', await readBody(request, limit));
}
