import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { AppError } from '../errors';

/** Name of the hidden field only bots fill in. */
export const HONEYPOT_FIELD = 'address';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

// The HTML5 rule browsers apply to type="email", with a dot required in the domain; internationalised
// domains arrive here already in their ASCII (xn--) form.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Trims and lower-cases an email address, writing an internationalised domain (пример.рф) in ASCII. */
function normaliseEmail(value: string): string {
  const email = value.normalize('NFC').trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  const domain = domainToASCII(email.slice(at + 1));
  return domain ? `${email.slice(0, at)}@${domain}` : email;
}

/** An http(s) address of a named host or an IP address, without credentials or spaces. */
function isWebAddress(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return true;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels.at(-1)!);
}

/** A reader's submission, from JSON or a form. Unknown fields are refused. */
export const commentInputSchema = z.strictObject({
  article: z.string({ error: 'Which article is this comment for?' }).min(1, 'Which article is this comment for?').max(200),
  parentId: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'This reply target is not a comment.').optional()),
  name: z
    .string({ error: 'Please enter your name.' })
    .transform(normaliseLine)
    .pipe(z.string().min(1, 'Please enter your name.').max(80, 'Your name can be at most 80 characters.')),
  email: z
    .string({ error: 'Please enter your email address.' })
    .transform(normaliseEmail)
    .pipe(
      z
        .string()
        .min(1, 'Please enter your email address.')
        .max(254, 'Your email address can be at most 254 characters.')
        .pipe(z.email({ pattern: EMAIL, error: 'Please enter a valid email address, like name@example.com.' })),
    ),
  url: optionalText.pipe(
    z
      .string()
      .max(200, 'Your website address can be at most 200 characters.')
      .refine(isWebAddress, 'Your website must be an http:// or https:// address, like https://example.com.')
      .transform((v) => new URL(v).href)
      .optional(),
  ),
  body: z
    .string({ error: 'Please write a comment.' })
    .transform(normaliseBody)
    .pipe(z.string().min(3, 'Your comment must be at least 3 characters long.').max(5000, 'Your comment can be at most 5000 characters long.')),
  token: z.string({ error: 'The form is missing its token: reload the page and try again.' }).min(1).max(400),
  [HONEYPOT_FIELD]: z.string().max(1000).optional().default(''),
  remember: z.union([z.boolean(), z.literal('on'), z.literal('1'), z.literal('')]).optional(),
});

export type CommentInput = z.output<typeof commentInputSchema>;

/** Collapses whitespace, drops control characters and normalises to NFC. */
function normaliseLine(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps line breaks, drops other control characters, trims, and normalises to NFC. */
function normaliseBody(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Validates a submission; a refusal names every field that needs attention. */
export function parseCommentInput(raw: unknown): CommentInput {
  const result = commentInputSchema.safeParse(raw);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] = 'This field is not accepted.';
      continue;
    }
    const field = String(issue.path[0] ?? 'body');
    fields[field] ??= issue.message;
  }
  throw new AppError('invalid_input', { fields });
}
