/**
 * Operators' comment tool over the same service the site uses.
 *   npm run comments -- list [--status pending|approved|spam|trash] [--article <slug>] [--limit N]
 *   npm run comments -- approve|unapprove|spam|trash <id> [<id> …]
 *   npm run comments -- export [--out comments.json]
 *   npm run comments -- hold|unhold <email> [<email> …]   (always hold a commenter's comments for moderation, or lift that)
 *   npm run comments -- holds                             (the commenters held always)
 * After a change it asks the running site (SITE_ORIGIN, default http://127.0.0.1:$PORT) to refresh the article page.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { notifySite } from '../lib/comments/notify';
import { listAlwaysHeld, setCommenterAlwaysHold, setCommentStatus } from '../lib/comments/moderation';
import { closeCommentStore, getCommentStore } from '../lib/comments/store';
import { COMMENT_STATUSES, type CommentStatus } from '../lib/comments/types';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';

const ACTIONS: Record<string, CommentStatus> = { approve: 'approved', unapprove: 'pending', spam: 'spam', trash: 'trash' };
const siteOrigin = () => env().siteOrigin;

/** The options this command takes; anything else is a positional, however it starts. */
const OPTION_NAMES = new Set(['status', 'article', 'limit', 'out']);

/**
 * Comment ids are base64url, so one in 64 starts with "-" (say -FITdnPdAXGU) and one in 4,096 with "--"
 * (--Njp8LMMDgD), which parseArgs would take for an option. Only our own option names (--status …) are options:
 * every other argument goes behind "--".
 */
function idsAsPositionals(argv: string[]): string[] {
  const options: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || !OPTION_NAMES.has(arg.slice(2).split('=', 1)[0]!)) rest.push(arg);
    else {
      options.push(arg);
      if (!arg.includes('=') && i + 1 < argv.length) options.push(argv[++i]!);
    }
  }
  return [...options, '--', ...rest];
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: idsAsPositionals(argv),
    allowPositionals: true,
    options: { status: { type: 'string' }, article: { type: 'string' }, limit: { type: 'string' }, out: { type: 'string' } },
  });
  const [command, ...ids] = positionals;
  const store = await getCommentStore();

  if (command === 'list') {
    if (values.status && !(COMMENT_STATUSES as readonly string[]).includes(values.status)) {
      throw new AppError('invalid_input', { message: `--status must be one of ${COMMENT_STATUSES.join(', ')}` });
    }
    const rows = await store.list({ status: values.status as CommentStatus | undefined, article: values.article, limit: Number(values.limit ?? 50) });
    for (const row of rows) {
      console.log(`${row.id}  ${row.status.padEnd(8)} ${row.created_at}  ${row.article}  ${row.author_name} <${row.author_email}>  ${row.reason ?? ''}`);
      console.log(`    ${row.body.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
    console.log(`${rows.length} comment(s)`);
    return 0;
  }

  if (command === 'export') {
    const rows = await store.list({ limit: 1_000_000 });
    const json = JSON.stringify({ exportedAt: new Date().toISOString(), count: rows.length, comments: rows }, null, 2);
    if (values.out) fs.writeFileSync(values.out, `${json}\n`, { mode: 0o600 });
    else console.log(json);
    if (values.out) console.log(`exported ${rows.length} comment(s) to ${values.out}`);
    return 0;
  }

  if (command === 'holds') {
    const holds = await listAlwaysHeld();
    for (const hold of holds) console.log(`${hold.email}  held since ${hold.created_at} by ${hold.actor}`);
    console.log(`${holds.length} commenter(s) held always`);
    return 0;
  }

  if ((command === 'hold' || command === 'unhold') && ids.length > 0) {
    for (const email of ids) {
      const { email: normalised, changed } = await setCommenterAlwaysHold(email, command === 'hold', 'cli');
      console.log(`${normalised}: ${command === 'hold' ? (changed ? 'now held always' : 'already held always') : changed ? 'no longer held always' : 'was not held'}`);
    }
    return 0;
  }

  const status = command ? ACTIONS[command] : undefined;
  if (!status || ids.length === 0) {
    console.error('usage: npm run comments -- list [--status S] [--article SLUG] [--limit N] | approve|unapprove|spam|trash ID… | export [--out FILE] | hold|unhold EMAIL… | holds');
    return 2;
  }
  const articles = new Set<string>();
  for (const id of ids) {
    const { before, after } = await setCommentStatus(id, status);
    console.log(`${id}: ${before.status} → ${after.status}`);
    if (before.status === 'approved' || after.status === 'approved') articles.add(after.article);
  }
  for (const slug of articles) {
    const told = await notifySite(siteOrigin(), slug);
    console.log(told ? `site refreshed /articles/${slug}` : `could not reach the site at ${siteOrigin()}: /articles/${slug} shows the change after its next refresh`);
  }
  return 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeCommentStore();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof AppError ? [error.message, ...Object.entries(error.fields ?? {}).map(([field, text]) => `  ${field}: ${text}`)].join('\n') : error);
    await closeCommentStore();
    process.exit(1);
  });
