import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../secret';

const VERSION = 'v1';

let key: Buffer | undefined;
const formKey = () => (key ??= deriveKey('comment-form-token'));

function sign(payload: string): string {
  return createHmac('sha256', formKey()).update(payload).digest('base64url');
}

/** A signed form token carrying the time it was issued. */
export function issueFormToken(now: number = Date.now()): string {
  const payload = `${VERSION}.${now.toString(36)}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${sign(payload)}`;
}

/** When a token was issued, or null when it is forged, damaged or from another secret. */
export function readFormToken(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const payload = parts.slice(0, 3).join('.');
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(parts[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = parseInt(parts[1]!, 36);
  return Number.isSafeInteger(issuedAt) ? issuedAt : null;
}
