import { z } from 'zod';

/** A URL-safe slug: lowercase ASCII letters and digits separated by single hyphens. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens, e.g. "eu-central-asia"');

const isoDateTime = z.iso.datetime({
  offset: true,
  local: false,
  error: (issue) =>
    `must be an ISO 8601 date-time with a time zone, e.g. 2024-06-06T09:00:00+02:00 (got ${JSON.stringify(issue.input)})`,
});

const oneLine = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const linkSchema = z.strictObject({
  label: oneLine(80),
  url: z.url({ protocol: /^(https?|mailto)$/, error: 'must be an http(s) or mailto URL' }),
});

export const authorSchema = z.strictObject({
  name: oneLine(80),
  bio: oneLine(600),
  links: z.array(linkSchema).optional().default([]),
});

export const categorySchema = z.strictObject({
  name: oneLine(60),
  description: oneLine(300),
});

export const tagSchema = z.strictObject({
  name: oneLine(60),
  description: oneLine(300).optional(),
  country: z
    .strictObject({
      code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "KZ"'),
      name: oneLine(80),
    })
    .optional(),
  aliases: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be letters, digits or hyphens')).optional().default([]),
});

const keyList = (what: string) =>
  z.array(z.string().min(1), `must be a list of ${what} keys`).min(1, `must name at least one ${what}`);

export const heroSchema = z.strictObject({
  src: z.string().regex(/^\/[A-Za-z0-9/_.-]+$/, 'must be a path under public/, e.g. /images/hero.jpg'),
  alt: oneLine(300),
  caption: oneLine(400).optional(),
  credit: oneLine(200).optional(),
});

/** Front matter of one article file, before cross-references are resolved. */
export const frontMatterSchema = z.strictObject({
  title: oneLine(200),
  slug: slugSchema.optional(),
  summary: oneLine(400),
  date: isoDateTime,
  updated: isoDateTime.optional(),
  author: z.string().min(1, 'must name an author'),
  categories: keyList('category'),
  tags: z.array(z.string().min(1)).optional().default([]),
  status: z.enum(['published', 'draft'], { error: 'must be "published" or "draft"' }),
  lang: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/, 'must be a BCP 47 language tag such as "en" or "ru"').optional().default('en'),
  hero: heroSchema.optional(),
  comments: z.enum(['open', 'closed'], { error: 'must be "open" or "closed"' }).optional().default('open'),
  canonical: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type TagEntry = z.infer<typeof tagSchema>;

/** Turns a zod issue into "field: message" for a content error line. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${path ? ` in ${path}` : ''}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${path}: is required`;
  }
  return path ? `${path}: ${issue.message}` : issue.message;
}
