import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  SITE_URL: z
    .url({ protocol: /^https?$/, error: 'SITE_URL must be an absolute http(s) URL such as https://eurasianstar.example' })
    .default('http://localhost:3000')
    .transform((url) => url.replace(/\/+$/, '')),
  CONTENT_DIR: z.string().min(1).default('content'),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:|sqlite:)/, 'DATABASE_URL must start with postgres://, postgresql://, file: or sqlite:')
    .optional(),
  // Read by next.config.js and lib/cache/redis-cache-handler.mjs (the page cache) and by lib/limits/redis.ts (the flood
  // and sign-in counters); listed here so a bad value is reported with the rest.
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0').optional(),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'REDIS_PREFIX must be 1–64 letters, digits, or : . _ -').optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(0|[1-9][0-9]?)$/, 'TRUST_PROXY is the number of reverse proxies in front of the site (0 when none)')
    .default('0')
    .transform(Number),
  COMMENTS_CLOSE_AFTER_DAYS: z
    .string()
    .regex(/^[0-9]{1,5}$/, 'COMMENTS_CLOSE_AFTER_DAYS must be a whole number of days (0 keeps comments open)')
    .default('0')
    .transform(Number),
  TWITTER_SITE: z.string().regex(/^@\w{1,15}$/, 'TWITTER_SITE must be an X handle such as @eurasianstar').optional(),
  EDITOR_SESSION_HOURS: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, 'EDITOR_SESSION_HOURS must be a whole number of hours (1–999)')
    .default('8')
    .transform(Number),
  COMMENTS_AUTO_APPROVE_KNOWN: z.enum(['true', 'false'], { error: 'COMMENTS_AUTO_APPROVE_KNOWN must be true or false' }).default('true').transform((v) => v === 'true'),
  SITE_TIMEZONE: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'SITE_TIMEZONE must be an IANA time zone such as UTC or Asia/Almaty'),
});

export type Env = z.infer<typeof envSchema> & { contentDir: string; publicDir: string; dataDir: string };

let parsed: Env | undefined;

/** The environment, read and validated once; a bad value stops the process with every problem listed. */
export function env(): Env {
  if (parsed) return parsed;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  // Content is read at run time from a folder the operator chooses: keep Turbopack from tracing it into the build.
  parsed = {
    ...result.data,
    contentDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), result.data.CONTENT_DIR),
    publicDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'public'),
    dataDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), result.data.DATA_DIR),
  };
  return parsed;
}
