import { hkdfSync, randomBytes } from 'node:crypto';
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
