import { AppError } from '../errors';

export type BodyKind = 'json' | 'form';

/** The request's media type without parameters, lower-cased. */
const mediaType = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** What a request body claims to be, or a 415 for anything but JSON and URL-encoded forms. */
export function bodyKind(request: Request): BodyKind {
  const type = mediaType(request);
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  throw new AppError('unsupported_media_type');
}

/**
 * Reads at most `limit` bytes of body as UTF-8; a larger body is refused with 413 before any of it
 * is parsed, whether it declares its length or arrives chunked.
 */
export async function readBody(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    throw new AppError('payload_too_large', { message: `The request body is larger than ${Math.round(limit / 1024)} KB.` });
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('payload_too_large', { message: `The request body is larger than ${Math.round(limit / 1024)} KB.` });
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('invalid_input', { message: 'The request body is not valid UTF-8.' });
  }
}

/** Parses a JSON or form body into a plain object; a repeated form field or malformed JSON is a 400. */
export function parseBody(kind: BodyKind, text: string): unknown {
  if (kind === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      throw new AppError('invalid_json');
    }
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, key)) throw new AppError('invalid_input', { fields: { [key]: 'This field was sent more than once.' } });
    fields[key] = value;
  }
  return fields;
}

/** A JSON body of at most `limit` bytes: 415 for any other content type, 413 when larger, 400 when malformed. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  if (mediaType(request) !== 'application/json') throw new AppError('unsupported_media_type', { message: 'Send application/json.' });
  return parseBody('json', await readBody(request, limit));
}
