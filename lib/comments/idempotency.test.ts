import { describe, expect, it } from 'vitest';
import { refusal } from '../testing/refusal';
import { readIdempotencyKey } from './idempotency';

const read = async (header: string) => refusal(Promise.resolve().then(() => readIdempotencyKey(header)));

describe('readIdempotencyKey', () => {
  it('takes no header as no key', () => {
    expect(readIdempotencyKey(null)).toBeNull();
  });

  it('accepts a bare key (Stripe) and a quoted one (the IETF draft), the same key either way', () => {
    expect(readIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(readIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc1234'],
    ['too long', 'k'.repeat(256)],
    ['a space inside', 'key with spaces'],
    ['two headers joined by a comma', 'key-000001, key-000002'],
    ['non-ASCII', 'ключ-идемпотентности'],
    ['an unclosed quote', '"key-000001'],
  ])('refuses %s with 400 invalid_idempotency_key', async (_label, header) => {
    const error = await read(header);
    expect([error.status, error.code]).toEqual([400, 'invalid_idempotency_key']);
  });
});
