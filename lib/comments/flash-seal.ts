import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { deriveKey } from '../secret';

/** Marks a sealed value; the legacy flash cookie held a bare random key, which never contains a dot. */
export const SEALED_PREFIX = 's1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Far above anything sealed (the cookie is under 4 KB compressed); only a bound on inflating.
const MAX_PLAINTEXT_BYTES = 256 * 1024;

let key: Buffer | undefined;
const sealKey = () => (key ??= deriveKey('comment-form-flash'));

/** What a sealed value is bound to: opened for another article or form id, it authenticates as nothing. */
export interface SealContext {
  article: string;
  id: string;
}

const aad = ({ article, id }: SealContext) => Buffer.from(`comment-form-flash\u0000${article}\u0000${id}`);

/**
 * Compresses and encrypts `payload` (AES-256-GCM) until `expiresAt`, as a cookie-safe string.
 * Compressing before encrypting leaks only the length of what one sender typed to that sender:
 * no secret of the site or of another reader is ever sealed alongside it.
 */
export function seal(payload: unknown, context: SealContext, expiresAt: number): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealKey(), iv).setAAD(aad(context));
  const plain = deflateRawSync(Buffer.from(JSON.stringify({ exp: expiresAt, payload })), { level: 9 });
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return SEALED_PREFIX + sealed.toString('base64url');
}

/** The payload sealed for this context, or undefined when it is damaged, forged, foreign, from another secret or expired. */
export function open(value: string, context: SealContext, now: number = Date.now()): unknown {
  if (!value.startsWith(SEALED_PREFIX)) return undefined;
  const sealed = Buffer.from(value.slice(SEALED_PREFIX.length), 'base64url');
  if (sealed.length < IV_BYTES + TAG_BYTES + 1) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(), sealed.subarray(0, IV_BYTES)).setAAD(aad(context));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    const { exp, payload } = JSON.parse(inflateRawSync(plain, { maxOutputLength: MAX_PLAINTEXT_BYTES }).toString('utf8')) as { exp?: unknown; payload?: unknown };
    return typeof exp === 'number' && now <= exp ? payload : undefined;
  } catch {
    // A failed tag check or a damaged value: nothing to show, and nothing worth a log line per request.
    return undefined;
  }
}
