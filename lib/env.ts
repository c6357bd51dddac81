import path from 'node:path';
import { z } from 'zod';
import { type SettingName, settingRules } from './config/settings.mjs';

/** The text of a variable whose rule lib/config/settings.mjs holds, shared with the plain-Node modules that read it too. */
const sharedRule = (name: SettingName) => z.string().regex(settingRules[name].pattern, settingRules[name].message);
const { TRUST_PROXY, REDIS_PREFIX, PORT, HOST, READER_RUNTIME } = settingRules;

/** Every environment variable the site reads as a setting; README's configuration table is checked against it (env.test.ts). */
export const envSchema = z.object({
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
  // Also read by next.config.js and lib/cache/redis-cache-handler.mjs (the page cache), with the same rules; listed
  // here so a bad value is reported with the rest.
  REDIS_URL: sharedRule('REDIS_URL').optional(),
  REDIS_PREFIX: sharedRule('REDIS_PREFIX').default(REDIS_PREFIX.default),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  // Also read by server.mjs (which forwarding headers to believe), with the same rule.
  TRUST_PROXY: sharedRule('TRUST_PROXY').default(TRUST_PROXY.default).transform(Number),
  // Where `npm start` listens; server.mjs reads them with the same rules.
  PORT: sharedRule('PORT').default(PORT.default).transform(Number),
  HOST: sharedRule('HOST').default(HOST.default),
  // Read by server.mjs: reader pages without Next's client runtime (lib/server/client-runtime.mjs), or with it.
  READER_RUNTIME: sharedRule('READER_RUNTIME').default(READER_RUNTIME.default),
  // Where `npm run comments` and `npm run publish` reach the running site (siteOrigin below when unset).
  SITE_ORIGIN: z
    .url({ protocol: /^https?$/, error: 'SITE_ORIGIN must be an absolute http(s) URL such as http://127.0.0.1:3000' })
    .optional(),
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
  COMMENTS_TRUST_AFTER_APPROVED: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, 'COMMENTS_TRUST_AFTER_APPROVED must be a whole number of comments (1–999)')
    .default('1')
    .transform(Number),
  COMMENTS_HOLD_AFTER_REJECTED: z
    .string()
    .regex(/^[0-9]{1,3}$/, 'COMMENTS_HOLD_AFTER_REJECTED must be a whole number of comments (0–999; 0 never holds for rejections)')
    .default('1')
    .transform(Number),
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

export type Env = z.infer<typeof envSchema> & {
  contentDir: string;
  publicDir: string;
  dataDir: string;
  /** Whether SITE_URL was set, rather than left at its default (the first-editor setup link then names the port instead). */
  siteUrlGiven: boolean;
  /** SITE_ORIGIN, or this machine's `npm start` at PORT. */
  siteOrigin: string;
};

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
    siteUrlGiven: process.env.SITE_URL !== undefined,
    siteOrigin: result.data.SITE_ORIGIN ?? `http://127.0.0.1:${result.data.PORT}`,
  };
  return parsed;
}

/**
 * Values fixed when Next compiles the code, not settings: Next replaces `process.env.NODE_ENV` and the names in
 * next.config.js's `env` where they are written out in full, so they are read here by name, never through the schema
 * (which sees process.env as it is when the server runs).
 */
export const buildConstants = {
  /** Whether this is a production build or server. */
  production: (): boolean => process.env.NODE_ENV === 'production',
  /** The instant the build judged "published" at (next.config.js); unset in scripts and tests, which use the current time. */
  builtAt: (): string | undefined => process.env.EURASIAN_STAR_BUILT_AT,
};
