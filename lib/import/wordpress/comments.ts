/**
 * WordPress comments → rows of the site's comment store. Threads are kept through comment_parent at any depth; a
 * reply deeper than the site's limit (5) joins the deepest level, as a reader's reply does (lib/comments/service.ts).
 * Status: 1 → approved, 0 → pending, spam → spam, trash → trash. Pingbacks and trackbacks are skipped (the site has no
 * such type; they are counted). An IP address is stored only as the site stores one — keyed hash and /24 or /48
 * prefix — and only when the comment is younger than the retention period; older ones are blank. Each row's id is
 * derived from the blog and the WordPress comment id, so a second import finds it already there and adds nothing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, NewCommentRow } from '../../db/schema';
import { moderationDefaults } from '../../comments/config';
import { contentHash } from '../../comments/service';
import { hashIp, truncateIp } from '../../http/client-address';
import { wpUtcIso } from './dates';
import { decodeText, htmlToPlainText } from './html-text';
import type { WxrComment } from './wxr-types';

const STATUS: Record<string, NewCommentRow['status']> = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'trash' };

export interface CommentMapResult {
  rows: NewCommentRow[];
  skipped: Map<string, number>;
}

/** The store id of a WordPress comment: 12 URL-safe characters, the same on every run. */
export function importedCommentId(blogUrl: string, wpCommentId: string): string {
  return createHash('sha256').update(`wordpress\u0000${blogUrl}\u0000${wpCommentId}`).digest('base64url').slice(0, 12);
}

const httpUrl = (url: string) => (/^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim().slice(0, 300) : null);

/** Maps one article's comments; `warn` receives what could not be carried over as it was. */
export function mapComments(article: string, blogUrl: string, comments: WxrComment[], now: Date, warn: (message: string) => void, seenHashes: Set<string>, hashIps = true): CommentMapResult {
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const kept = new Map<string, WxrComment>();
  for (const comment of comments) {
    const type = comment.type || 'comment';
    if (type === 'pingback' || type === 'trackback') skip(type);
    else if (!htmlToPlainText(comment.content)) skip('empty');
    else kept.set(comment.id, comment);
  }

  const maxDepth = moderationDefaults.maxDepth;
  const placed = new Map<string, { id: string; parentId: string | null; depth: number }>();
  const place = (comment: WxrComment, trail: Set<string>): { id: string; parentId: string | null; depth: number } => {
    const known = placed.get(comment.id);
    if (known) return known;
    const id = importedCommentId(blogUrl, comment.id);
    const parent = comment.parent && comment.parent !== '0' ? kept.get(comment.parent) : undefined;
    let result: { id: string; parentId: string | null; depth: number };
    if (!parent || trail.has(parent.id)) {
      if (comment.parent && comment.parent !== '0') warn(`comment ${comment.id}: its parent ${comment.parent} is not imported; shown as a top-level comment`);
      result = { id, parentId: null, depth: 1 };
    } else {
      trail.add(comment.id);
      const p = place(parent, trail);
      result = p.depth < maxDepth ? { id, parentId: p.id, depth: p.depth + 1 } : { id, parentId: p.parentId, depth: p.depth };
    }
    placed.set(comment.id, result);
    return result;
  };

  const retentionStart = now.getTime() - moderationDefaults.ipRetentionDays * 86_400_000;
  const rows: NewCommentRow[] = [];
  for (const comment of kept.values()) {
    const { id, parentId, depth } = place(comment, new Set());
    let status = STATUS[comment.approved];
    if (!status) {
      warn(`comment ${comment.id}: unknown status "${comment.approved}", imported as pending`);
      status = 'pending';
    }
    const createdAt = wpUtcIso(comment.dateGmt, comment.date) ?? new Date(0).toISOString();
    const name = decodeText(comment.author).slice(0, 100) || 'Anonymous';
    const email = comment.email.trim().slice(0, 254);
    const body = htmlToPlainText(comment.content);
    const recent = hashIps && comment.ip.trim() !== '' && Date.parse(createdAt) >= retentionStart;
    let hash = contentHash(article, name, email, body);
    // Two identical comments in WordPress are two comments; the store's duplicate rule must not drop the second.
    if (seenHashes.has(hash)) hash = `${hash}:${id}`;
    seenHashes.add(hash);
    rows.push({
      id,
      article,
      parent_id: parentId,
      depth,
      author_name: name,
      author_email: email,
      author_url: httpUrl(comment.url),
      body,
      status,
      reason: status === 'pending' ? 'imported from WordPress, where it awaited moderation' : null,
      ip_hash: recent ? hashIp(comment.ip.trim()) : null,
      ip_prefix: recent ? truncateIp(comment.ip.trim()) : null,
      user_agent: null,
      content_hash: hash,
      created_at: createdAt,
      updated_at: createdAt,
    });
  }
  // Parents before their replies, so a reader of the table in id order never meets an orphan.
  rows.sort((a, b) => a.depth - b.depth || a.created_at.localeCompare(b.created_at));
  return { rows, skipped };
}

/** Ids among `ids` already in the store. */
export async function existingCommentIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('comments').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** Inserts the rows in one transaction (all or none); a row whose id or text is already there is left alone. */
export async function insertComments(db: Kysely<Database>, rows: NewCommentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // 16 columns a row: batches of 200 stay under SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < rows.length; i += 200) {
      await trx.insertInto('comments').values(rows.slice(i, i + 200)).onConflict((oc) => oc.doNothing()).execute();
    }
  });
}
