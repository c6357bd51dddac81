/** Every error an API answers with, by stable code: its HTTP status and the sentence a person reads. */
export const errorCatalogue = {
  invalid_input: { status: 400, message: 'Some fields need attention.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_idempotency_key: {
    status: 400,
    message: 'The Idempotency-Key header must be 8 to 255 characters: letters, digits and - _ . : ~ + / =, such as a UUID.',
  },
  unauthorized: { status: 401, message: 'You need to sign in to do that.' },
  forbidden: { status: 403, message: 'You are not allowed to do that.' },
  bad_origin: { status: 403, message: 'This request did not come from this site.' },
  comments_closed: { status: 403, message: 'Comments are closed for this article.' },
  not_found: { status: 404, message: 'There is nothing here.' },
  article_not_found: { status: 404, message: 'There is no published article with that address.' },
  comment_not_found: { status: 404, message: 'There is no such comment.' },
  method_not_allowed: { status: 405, message: 'That method is not allowed here.' },
  duplicate: { status: 409, message: 'Duplicate comment: it looks as though you have already said that.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used for a different request. Send a new key with a new comment.',
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send application/json or application/x-www-form-urlencoded.' },
  rate_limited: { status: 429, message: 'You are posting comments too quickly. Please wait a moment and try again.' },
  unavailable: { status: 503, message: 'The service is briefly unavailable. Please try again in a moment.' },
  internal: { status: 500, message: 'Something went wrong on our side. Please try again later.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** A refusal the client can act on: a stable code, a status, and per-field messages where they apply. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;
  readonly retryAfter?: number;

  constructor(code: ErrorCode, options: { message?: string; fields?: Record<string, string>; retryAfter?: number } = {}) {
    super(options.message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }
}

/** The one error shape every API answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
}
