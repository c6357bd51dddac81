import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, validFrontMatter, type Fixture } from '../content/testing';
import { refusal } from '../testing/refusal';
import { moderationDefaults } from './config';

let fx: Fixture;
let service: typeof import('./service');
let moderation: typeof import('./moderation');
let storeModule: typeof import('./store');
let tokens: typeof import('./token');

const NOW = new Date('2026-06-01T12:00:00Z');
const ctx = (ip = '198.51.100.1', at = NOW, commenterKey: string | null = null) => ({ ip, userAgent: 'vitest', now: at, config: moderationDefaults, commenterKey });

beforeAll(async () => {
  fx = makeFixture();
  fx.article('open-story', validFrontMatter({ date: '2026-05-01T09:00:00+00:00' }));
  fx.article('closed-story', validFrontMatter({ comments: 'closed' }));
  fx.article('draft-story', validFrontMatter({ status: 'draft' }));
  fx.article('future-story', validFrontMatter({ date: '2999-01-01T00:00:00+00:00' }));
  fx.article('old-story', validFrontMatter({ date: '2020-01-01T00:00:00+00:00' }));
  process.env.CONTENT_DIR = fx.contentDir;
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-service-'));
  delete process.env.DATABASE_URL;
  service = await import('./service');
  moderation = await import('./moderation');
  storeModule = await import('./store');
  tokens = await import('./token');
});

afterAll(async () => {
  await storeModule.closeCommentStore();
  fx.cleanup();
});

beforeEach(async () => {
  // Start each test from an empty table.
  const { openDatabase } = await import('../db/connect');
  const handle = await openDatabase();
  await handle.db.deleteFrom('comments').execute();
  await handle.db.deleteFrom('commenter_holds').execute();
  await handle.db.deleteFrom('audit_log').execute();
  await handle.close();
});

const input = (overrides: Record<string, unknown> = {}) => ({
  article: 'open-story',
  name: 'Ann',
  email: 'ann@example.com',
  body: 'A considered view on the matter.',
  token: tokens.issueFormToken(NOW.getTime() - 60_000),
  ...overrides,
});


async function storedCount(): Promise<number> {
  return (await (await storeModule.getCommentStore()).list({ limit: 1000 })).length;
}

describe('submitComment', () => {
  it('holds a first comment as pending, storing the reason, a truncated IP and a keyed hash', async () => {
    const result = await service.submitComment(input(), ctx('203.0.113.77'));
    expect(result.status).toBe('pending');
    const row = await (await storeModule.getCommentStore()).get(result.id);
    expect(row).toMatchObject({ status: 'pending', reason: 'first comment from this commenter (no approved comment from this browser and email)', ip_prefix: '203.0.113.0/24', depth: 1 });
    expect(row!.ip_hash).not.toContain('203.0.113.77');
  });

  it('approves at once a known commenter who comes back with their returning-commenter key', async () => {
    const first = await service.submitComment(input(), ctx());
    await moderation.setCommentStatus(first.id, 'approved');
    const second = await service.submitComment(input({ body: 'Another point entirely.' }), ctx('198.51.100.2', NOW, first.commenterKey));
    expect(second).toMatchObject({ status: 'approved', commenterKey: first.commenterKey });
  });

  it('answers spam as pending and stores it as spam', async () => {
    const result = await service.submitComment(input({ address: 'filled by a bot' }), ctx());
    expect(result.status).toBe('pending');
    expect((await (await storeModule.getCommentStore()).get(result.id))!.status).toBe('spam');
  });

  it.each([
    ['an unknown article', 'no-such-story'],
    ['a draft', 'draft-story'],
    ['a scheduled article', 'future-story'],
  ])('refuses %s with 404 and stores nothing', async (_label, article) => {
    expect((await refusal(service.submitComment(input({ article }), ctx()))).status).toBe(404);
    expect(await storedCount()).toBe(0);
  });

  it('refuses an article with comments closed with 403', async () => {
    expect((await refusal(service.submitComment(input({ article: 'closed-story' }), ctx()))).code).toBe('comments_closed');
    expect(await storedCount()).toBe(0);
  });

  it('closes comments on old articles only when the site enables it', async () => {
    await service.submitComment(input({ article: 'old-story' }), ctx());
    const config = { ...moderationDefaults, closeAfterDays: 30 };
    const error = await refusal(service.submitComment(input({ article: 'old-story', body: 'Second try here.' }), { ...ctx('198.51.100.9'), config }));
    expect(error.code).toBe('comments_closed');
  });

  it('refuses the same comment twice with 409', async () => {
    await service.submitComment(input(), ctx('198.51.100.3'));
    const error = await refusal(service.submitComment(input({ body: '  A considered   view on the matter. ' }), ctx('198.51.100.4')));
    expect(error.status).toBe(409);
    expect(await storedCount()).toBe(1);
  });

  it('refuses a second comment from one IP within 15 s with 429 and Retry-After', async () => {
    await service.submitComment(input(), ctx('198.51.100.5'));
    const error = await refusal(service.submitComment(input({ body: 'Quick follow-up.' }), ctx('198.51.100.5', new Date(NOW.getTime() + 5000))));
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(10);
    expect(await storedCount()).toBe(1);
  });

  it('nests replies and keeps the deepest level at 5', async () => {
    const store = await storeModule.getCommentStore();
    let parentId: string | undefined;
    const depths: number[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await service.submitComment(input({ body: `Reply level ${i}`, parentId }), ctx(`198.51.100.${20 + i}`));
      await moderation.setCommentStatus(result.id, 'approved');
      depths.push((await store.get(result.id))!.depth);
      parentId = result.id;
    }
    expect(depths).toEqual([1, 2, 3, 4, 5, 5, 5]);
  });

  it('refuses a reply to a comment that is not approved, or on another article', async () => {
    const pending = await service.submitComment(input(), ctx('198.51.100.40'));
    const error = await refusal(service.submitComment(input({ body: 'Replying here.', parentId: pending.id }), ctx('198.51.100.41')));
    expect(error.fields).toEqual({ parentId: 'The comment you are replying to does not exist or is not published.' });
  });

  it('never lists pending, spam or trashed comments publicly, nor private fields', async () => {
    const approved = await service.submitComment(input(), ctx('198.51.100.50'));
    await moderation.setCommentStatus(approved.id, 'approved');
    await service.submitComment(input({ name: 'Bob', email: 'bob@example.com', body: 'Still pending.' }), ctx('198.51.100.51'));
    const thread = await service.getCommentThread('open-story');
    expect(thread.count).toBe(1);
    expect(Object.keys(thread.comments[0]!).sort()).toEqual(['body', 'createdAt', 'depth', 'editorReply', 'id', 'name', 'parentId', 'replies', 'url']);
    expect(JSON.stringify(thread)).not.toContain('ann@example.com');
  });
});

describe('spelling cannot dodge the rules (issue 20, part 1), against the real SQLite store', () => {
  const store = () => storeModule.getCommentStore();
  /** Ann, with one comment already approved: a known commenter whose comments are approved at once (with her key). */
  async function knownAnn() {
    const first = await service.submitComment(input({ body: 'Water sharing on the Syr Darya needs a treaty.' }), ctx('198.51.100.100'));
    await moderation.setCommentStatus(first.id, 'approved');
    return first;
  }
  const asAnn = (ip: string, first: { commenterKey: string | null }) => ctx(ip, NOW, first.commenterKey);

  it('refuses as a duplicate (409) a copy of an approved comment with a zero-width space, storing nothing', async () => {
    const ann = await knownAnn();
    const error = await refusal(service.submitComment(input({ body: 'Water sharing on the Syr\u200b Darya needs a treaty.' }), asAnn('198.51.100.101', ann)));
    expect(error.status).toBe(409);
    expect(await storedCount()).toBe(1);
  });

  it('refuses as a duplicate a copy with a Cyrillic о and the name in capitals', async () => {
    const ann = await knownAnn();
    const error = await refusal(service.submitComment(input({ name: 'ANN', body: 'Water sharing оn the Syr Darya needs a treaty.' }), asAnn('198.51.100.102', ann)));
    expect(error.status).toBe(409);
  });

  it('refuses as a duplicate a comment resent after the upgrade, whose first copy has the old hash', async () => {
    const body = 'Posted before the duplicate rule changed.';
    const store = await storeModule.getCommentStore();
    const iso = NOW.toISOString();
    await store.insert(
      {
        id: 'before-upgrade', article: 'open-story', parent_id: null, depth: 1, author_name: 'Ann', author_email: 'ann@example.com', author_url: null,
        body, status: 'approved', reason: null, ip_hash: null, ip_prefix: null, user_agent: null,
        content_hash: service.legacyContentHash('open-story', 'Ann', 'ann@example.com', body), created_at: iso, updated_at: iso,
      },
      null,
      iso,
    );
    expect((await refusal(service.submitComment(input({ body }), ctx('198.51.100.106')))).status).toBe(409);
  });

  it.each([
    ['Cyrillic с and а inside "casino"', 'visit my саsino site'],
    ['a zero-width space inside "casino"', 'visit my cas\u200bino site'],
  ])('holds a known commenter\'s comment with %s, stored exactly as written', async (_case, body) => {
    const ann = await knownAnn();
    const result = await service.submitComment(input({ body }), asAnn('198.51.100.103', ann));
    expect(result.status).toBe('pending');
    expect(await (await store()).get(result.id)).toMatchObject({ status: 'pending', reason: 'moderation keyword "casino"', body });
  });

  it('marks "buy fоllowers now" with one Cyrillic о as spam, answered as pending', async () => {
    const ann = await knownAnn();
    const result = await service.submitComment(input({ body: 'buy fоllowers now' }), asAnn('198.51.100.104', ann));
    expect(result.status).toBe('pending');
    expect(await (await store()).get(result.id)).toMatchObject({ status: 'spam', reason: 'blocked keyword "buy followers"', body: 'buy fоllowers now' });
  });

  it('still approves a known commenter\'s ordinary Russian comment at once', async () => {
    const ann = await knownAnn();
    const result = await service.submitComment(input({ body: 'Хор рос, а сосна у моря сохнет.' }), asAnn('198.51.100.105', ann));
    expect(result.status).toBe('approved');
  });
});

describe('trust has to be earned and cannot be borrowed (issue 20, part 2), against the real SQLite store', () => {
  const store = () => storeModule.getCommentStore();
  const body = (n: number) => `Point number ${n} about the Caspian pipeline.`;
  let ipSeq = 0;
  const nextIp = () => `198.51.100.${150 + (ipSeq++ % 100)}`;

  /** A regular: one comment approved, posted from her own browser (her key). */
  async function regular() {
    const first = await service.submitComment(input({ body: body(0) }), ctx(nextIp()));
    await moderation.setCommentStatus(first.id, 'approved');
    return first.commenterKey!;
  }

  it('holds a comment posted with a regular\'s exact name and email but without her cookie', async () => {
    await regular();
    const borrowed = await service.submitComment(input({ body: 'Posing as Ann, no cookie.' }), ctx(nextIp()));
    expect(borrowed.status).toBe('pending');
    expect(await (await store()).get(borrowed.id)).toMatchObject({ status: 'pending', author_email: 'ann@example.com', reason: 'first comment from this commenter (no approved comment from this browser and email)' });
  });

  it('holds it too with the borrower\'s own cookie, earned under the regular\'s email but never approved', async () => {
    await regular();
    const attempt = await service.submitComment(input({ body: 'First try as Ann.' }), ctx(nextIp()));
    const again = await service.submitComment(input({ body: 'Second try as Ann.' }), ctx(nextIp(), NOW, attempt.commenterKey));
    expect(again.status).toBe('pending');
  });

  it('gives the regular her trust back only with her own key, and gives a new key to a browser that has none', async () => {
    const key = await regular();
    const own = await service.submitComment(input({ body: body(1) }), ctx(nextIp(), NOW, key));
    expect(own).toMatchObject({ status: 'approved', commenterKey: key });
    const fresh = await service.submitComment(input({ name: 'Bob', email: 'bob@example.com', body: body(2) }), ctx(nextIp()));
    expect(fresh.commenterKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fresh.commenterKey).not.toBe(key);
  });

  it('does not carry one commenter\'s trust to another email from the same browser', async () => {
    const key = await regular();
    const other = await service.submitComment(input({ name: 'Bob', email: 'bob@example.com', body: body(3) }), ctx(nextIp(), NOW, key));
    expect(other.status).toBe('pending');
  });

  it('needs N approved comments before auto-approval when N is raised', async () => {
    const config = { ...moderationDefaults, trustAfterApproved: 2 };
    const key = await regular();
    const second = await service.submitComment(input({ body: body(4) }), { ...ctx(nextIp(), NOW, key), config });
    expect(second.status).toBe('pending');
    expect((await (await store()).get(second.id))!.reason).toBe('1 of the 2 approved comments needed for auto-approval');
    await moderation.setCommentStatus(second.id, 'approved');
    expect((await service.submitComment(input({ body: body(5) }), { ...ctx(nextIp(), NOW, key), config })).status).toBe('approved');
  });

  it('holds a regular again after a comment of hers was marked spam within 30 days, and not after 30 days', async () => {
    const key = await regular();
    const slip = await service.submitComment(input({ body: body(6) }), ctx(nextIp(), NOW, key));
    await moderation.setCommentStatus(slip.id, 'spam');
    const next = await service.submitComment(input({ body: body(7) }), ctx(nextIp(), NOW, key));
    expect(next.status).toBe('pending');
    expect((await (await store()).get(next.id))!.reason).toBe('1 comment rejected or marked spam in the last 30 days');
    await moderation.setCommentStatus(next.id, 'trash');
    const later = new Date(NOW.getTime() + 31 * 86_400_000);
    expect((await service.submitComment(input({ body: body(8), token: tokens.issueFormToken(later.getTime() - 60_000) }), ctx(nextIp(), later, key))).status).toBe('approved');
  });

  it('holds every comment of an email an editor holds always, and approves again once lifted; both audited', async () => {
    const key = await regular();
    expect(await moderation.setCommenterAlwaysHold(' Ann@Example.com ', true, 'ed@example.com', NOW)).toEqual({ email: 'ann@example.com', changed: true });
    const held = await service.submitComment(input({ body: body(9) }), ctx(nextIp(), NOW, key));
    expect(held.status).toBe('pending');
    expect((await (await store()).get(held.id))!.reason).toBe('an editor holds every comment from this email address');
    expect((await moderation.listAlwaysHeld()).map((h) => h.email)).toEqual(['ann@example.com']);

    await moderation.setCommenterAlwaysHold('ann@example.com', false, 'ed@example.com', NOW);
    expect((await service.submitComment(input({ body: body(10) }), ctx(nextIp(), NOW, key))).status).toBe('approved');
    const audit = (await moderation.listAuditLog(10)).filter((e) => e.detail === 'ann@example.com');
    expect(audit.map((e) => [e.action, e.actor])).toEqual(
      expect.arrayContaining([
        ['always-hold', 'ed@example.com'],
        ['lift-hold', 'ed@example.com'],
      ]),
    );
  });

  it('refuses to hold something that is not an email address (400) and stores no hold', async () => {
    const error = await refusal(moderation.setCommenterAlwaysHold('not an email', true, 'ed@example.com'));
    expect([error.status, error.code]).toEqual([400, 'invalid_input']);
    expect(await moderation.listAlwaysHeld()).toEqual([]);
  });
});

describe('editCommentBody', () => {
  it('keeps the duplicate rule on the new text: an edit that repeats another comment by the same author is a 409 and changes nothing', async () => {
    const first = await service.submitComment(input({ body: 'The first thing I said.' }), ctx('198.51.100.70'));
    const second = await service.submitComment(input({ body: 'The second thing I said.' }), ctx('198.51.100.71'));
    const error = await refusal(moderation.editCommentBody(second.id, 'The first thing I said.', 'ed@example.com'));
    expect(error.status).toBe(409);
    expect((await (await storeModule.getCommentStore()).get(second.id))!.body).toBe('The second thing I said.');
    await moderation.editCommentBody(second.id, 'A corrected second thought.', 'ed@example.com');
    expect((await (await storeModule.getCommentStore()).get(second.id))!.body).toBe('A corrected second thought.');
    expect(first.id).not.toBe(second.id);
  });
});

describe('submitComment with an Idempotency-Key', () => {
  const keyed = (key: string, ip = '198.51.100.90', at = NOW) => ({ ...ctx(ip, at), idempotencyKey: key });

  it('answers a retry with the first answer — same id, no second comment, not a 409 — even from another address inside the flood interval', async () => {
    const body = input({ body: 'Said once, sent twice.' });
    const first = await service.submitComment(body, keyed('retry-key-0001'));
    const again = await service.submitComment(body, keyed('retry-key-0001', '198.51.100.91', new Date(NOW.getTime() + 2000)));
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ id: first.id, status: first.status, article: 'open-story', replayed: true, commenterKey: null });
    expect(await storedCount()).toBe(1);
  });

  it('refuses the key with a different comment (422) and stores nothing', async () => {
    await service.submitComment(input({ body: 'The original words.' }), keyed('reused-key-0001'));
    const error = await refusal(service.submitComment(input({ body: 'Other words entirely.' }), keyed('reused-key-0001', '198.51.100.92')));
    expect([error.status, error.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await storedCount()).toBe(1);
  });

  it('judges a retry afresh after a refusal, since a refusal stores no key', async () => {
    await service.submitComment(input({ body: 'An earlier comment.' }), ctx('198.51.100.93'));
    const body = input({ body: 'Too soon after the first.' });
    const error = await refusal(service.submitComment(body, keyed('refused-key-0001', '198.51.100.93', new Date(NOW.getTime() + 1000))));
    expect(error.code).toBe('rate_limited');
    const later = await service.submitComment(body, keyed('refused-key-0001', '198.51.100.93', new Date(NOW.getTime() + 60_000)));
    expect(later.replayed).toBe(false);
    expect(await storedCount()).toBe(2);
  });
});
