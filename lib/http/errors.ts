import { AppError, errorBody } from '../errors';
import { log } from '../log';

const UNAVAILABLE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  'LIMITS_UNAVAILABLE', // Redis, holding the flood and sign-in counters, is unreachable (lib/limits/redis.ts)
]);

/** Whether an error means the store is briefly unusable (locked, read-only, full, unreachable) rather than a bug. */
export function isUnavailable(error: unknown): boolean {
  // A failure while opening the store arrives wrapped (`database migration … failed`, with the driver's error as cause).
  const cause = (error as { cause?: unknown })?.cause;
  if (cause !== undefined && cause !== error && isUnavailable(cause)) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY'))) {
    return true;
  }
  // pg's own words for a connection that died under a query, or under the ROLLBACK that followed it.
  return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed and is not queryable/i.test(
    (error as Error)?.message ?? '',
  );
}

/** Turns any error into an AppError: known refusals as they are, store outages as 503, anything else as a logged 500. */
export function toAppError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  if (isUnavailable(error)) {
    log.warn('store unavailable', { where, reason: (error as { code?: string }).code ?? (error as Error).message });
    return new AppError('unavailable', { retryAfter: 5 });
  }
  log.error('unexpected error', { where, error });
  return new AppError('internal');
}

/** The JSON error response for an AppError, with Retry-After where it applies. */
export function errorResponse(error: AppError): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  return Response.json(errorBody(error), { status: error.status, headers });
}
