import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from './env';
import { log } from './log';

let secret: string | undefined;

/**
 * The site's master secret: AUTH_SECRET when set, otherwise a random one generated on first use
 * and kept in DATA_DIR/secret (mode 0600) so that every process on this machine shares it.
 */
export function getSecret(): string {
  if (secret) return secret;
  const configured = env().AUTH_SECRET;
  if (configured) return (secret = configured);
  const file = path.join(env().dataDir, 'secret');
  secret = readSecretFile(file) ?? createSecretFile(file);
  return secret;
}

/** A 32-byte key for one purpose, derived from the master secret so purposes never share a key. */
export function deriveKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', getSecret(), 'eurasian-star', purpose, 32));
}

/** The HMAC-SHA256 of `body` under the key for `purpose` (base64url): how the site's own processes sign requests. */
export function signWithSecret(purpose: string, body: string): string {
  return createHmac('sha256', deriveKey(purpose)).update(body).digest('base64url');
}

/**
 * Whether `signature` is signWithSecret(purpose, body), compared in constant time, plus a JSON body's `at` (ms)
 * within `maxSkewMs` of now: the parsed body when both hold, otherwise null.
 */
export function verifySignedJson(purpose: string, body: string, signature: string | null, maxSkewMs: number, now = Date.now()): Record<string, unknown> | null {
  if (!signature) return null;
  const expected = Buffer.from(signWithSecret(purpose, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const { at } = parsed as { at?: unknown };
    return typeof at === 'number' && Math.abs(now - at) <= maxSkewMs ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function readSecretFile(file: string): string | undefined {
  try {
    const value = fs.readFileSync(file, 'utf8').trim();
    if (value.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters; delete it to have a new one generated`);
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function createSecretFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process created it first, use theirs.
    fs.writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSecretFile(file)!;
    throw error;
  }
  log.info('generated a new secret (mode 0600); set AUTH_SECRET to manage it yourself', { file });
  return value;
}
