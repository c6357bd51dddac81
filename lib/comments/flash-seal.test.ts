import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let sealing: typeof import('./flash-seal');

const NOW = 1_800_000_000_000;
const HERE = { article: 'open-story', id: 'form-id-1' };
const PAYLOAD = { values: { body: 'Спасибо за статью.' }, message: 'Some fields need attention.' };

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-seal-'));
  sealing = await import('./flash-seal');
});

/** The same sealed value with one bit of its byte at `index` (counted from the end when negative) flipped. */
function flipBit(value: string, index: number): string {
  const bytes = Buffer.from(value.slice(sealing.SEALED_PREFIX.length), 'base64url');
  bytes[index < 0 ? bytes.length + index : index]! ^= 1;
  return sealing.SEALED_PREFIX + bytes.toString('base64url');
}

describe('sealed form failures', () => {
  it('open to what was sealed, for the same article and form id, until they expire', () => {
    const value = sealing.seal(PAYLOAD, HERE, NOW + 600_000);
    expect(value.startsWith(sealing.SEALED_PREFIX)).toBe(true);
    expect(sealing.open(value, HERE, NOW)).toEqual(PAYLOAD);
    expect(sealing.open(value, HERE, NOW + 600_000)).toEqual(PAYLOAD);
  });

  it('open to nothing once expired', () => {
    expect(sealing.open(sealing.seal(PAYLOAD, HERE, NOW + 600_000), HERE, NOW + 600_001)).toBeUndefined();
  });

  it('open to nothing for another article or another form id', () => {
    const value = sealing.seal(PAYLOAD, HERE, NOW + 600_000);
    expect(sealing.open(value, { ...HERE, article: 'other-story' }, NOW)).toBeUndefined();
    expect(sealing.open(value, { ...HERE, id: 'form-id-2' }, NOW)).toBeUndefined();
  });

  it('open to nothing when any part is tampered with: nonce, ciphertext or tag', () => {
    const value = sealing.seal(PAYLOAD, HERE, NOW + 600_000);
    for (const index of [0, 12, 20, -1]) expect(sealing.open(flipBit(value, index), HERE, NOW), `byte ${index}`).toBeUndefined();
  });

  it('open to nothing when damaged, truncated, empty or not sealed at all', () => {
    const value = sealing.seal(PAYLOAD, HERE, NOW + 600_000);
    for (const bad of ['', 's1.', 's1.AAAA', value.slice(0, -4), `${value}AA`, value.slice(sealing.SEALED_PREFIX.length), 'x'.repeat(24)]) {
      expect(sealing.open(bad, HERE, NOW), JSON.stringify(bad.slice(0, 20))).toBeUndefined();
    }
  });

  it('differ every time the same payload is sealed (a fresh nonce each time)', () => {
    expect(sealing.seal(PAYLOAD, HERE, NOW)).not.toBe(sealing.seal(PAYLOAD, HERE, NOW));
  });

  it('are compressed: 3,000 characters of repetitive Cyrillic seal into far fewer', () => {
    const body = 'Спасибо за статью, очень интересно. '.repeat(84);
    expect(sealing.seal({ body }, HERE, NOW).length).toBeLessThan(600);
  });
});
