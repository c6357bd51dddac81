import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  SITE_URL: z
    .url({ protocol: /^https?$/, error: 'SITE_URL must be an absolute http(s) URL such as https://eurasianstar.example' })
    .default('http://localhost:3000')
    .transform((url) => url.replace(/\/+$/, '')),
  CONTENT_DIR: z.string().min(1).default('content'),
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

export type Env = z.infer<typeof envSchema> & { contentDir: string; publicDir: string };

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
  };
  return parsed;
}
