import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { errorResponse, isUnavailable, toAppError } from './errors';

const withCode = (code: string) => Object.assign(new Error('store error'), { code });

describe('toAppError', () => {
  it.each([
    ['SQLite locked', withCode('SQLITE_BUSY')],
    ['SQLite read-only', withCode('SQLITE_READONLY')],
    ['SQLite write refused by the file system', withCode('SQLITE_IOERR_WRITE')],
    ['SQLite disk full', withCode('SQLITE_FULL')],
    ['PostgreSQL shutting down', withCode('57P01')],
    ['PostgreSQL unreachable', withCode('ECONNREFUSED')],
    // What Kysely's ROLLBACK throws on a connection PostgreSQL has just closed under a query.
    ['a dead pg client under a rollback', new Error('Client has encountered a connection error and is not queryable')],
    ['a pg client that was closed', new Error('Client was closed and is not queryable')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
  ])('answers %s with 503, Retry-After and the error shape', async (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
    const response = errorResponse(toAppError(error, 'test'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
  });

  it('answers anything else with a 500 and keeps an AppError as it is', () => {
    expect(toAppError(new TypeError('x is undefined'), 'test').status).toBe(500);
    expect(toAppError(withCode('SQLITE_CONSTRAINT_CHECK'), 'test').status).toBe(500);
    const refusal = new AppError('duplicate');
    expect(toAppError(refusal, 'test')).toBe(refusal);
  });
});
