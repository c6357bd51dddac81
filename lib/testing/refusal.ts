import { expect } from 'vitest';
import { AppError } from '../errors';

/** Awaits a promise that must fail with an AppError, and returns that error for further assertions. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}
