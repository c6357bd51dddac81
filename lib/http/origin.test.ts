import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertSameOrigin } from './origin';

const request = (origin?: string, url = 'http://localhost:3000/api/comments/x') =>
  new Request(url, { method: 'PATCH', headers: origin ? { origin } : {} });

function refused(req: Request): AppError {
  try {
    assertSameOrigin(req);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('assertSameOrigin', () => {
  it('accepts the site’s own origin', () => {
    expect(() => assertSameOrigin(request('http://localhost:3000'))).not.toThrow();
  });

  it('accepts the origin the request was addressed to', () => {
    expect(() => assertSameOrigin(request('http://127.0.0.1:3100', 'http://127.0.0.1:3100/api/comments/x'))).not.toThrow();
  });

  it.each([['another site', 'https://evil.example'], ['a look-alike port', 'http://localhost:3001'], ['the null origin', 'null']])('refuses %s with 403', (_label, origin) => {
    expect(refused(request(origin))).toMatchObject({ status: 403, code: 'bad_origin' });
  });

  it('refuses a request without an Origin header', () => {
    expect(refused(request())).toMatchObject({ status: 403, code: 'bad_origin' });
  });
});
