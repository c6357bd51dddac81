import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect';
import { type TestDatabase, testEngines } from '../../db/testing';
import { createCommentStore } from './kysely-store';
import type { CommentStore, FloodRule, NewCommentRow } from './types';

const T0 = Date.parse('2026-01-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
let seq = 0;

function row(overrides: Partial<NewCommentRow> = {}): NewCommentRow {
  seq += 1;
  return {
    id: `c${seq}`,
    article: 'story',
    parent_id: null,
    depth: 1,
    author_name: 'Ann',
    author_email: 'ann@example.com',
    author_url: null,
    body: `Comment number ${seq}`,
    status: 'pending',
    reason: null,
    ip_hash: 'ip-a',
    ip_prefix: '10.0.0.0/24',
    user_agent: 'test',
    content_hash: `hash-${seq}`,
    created_at: at(seq * 100),
    updated_at: at(seq * 100),
    ...overrides,
  };
}

const flood = (ipHash: string, nowSeconds: number): FloodRule => ({
  ipHash,
  intervalSince: at(nowSeconds - 15),
  windowSince: at(nowSeconds - 600),
  maxInWindow: 5,
});

describe.each(testEngines)('comment store contract: $name', ({ make }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let store: CommentStore;

  beforeAll(async () => {
    database = await make();
    handle = await database.open();
    store = createCommentStore(handle);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  beforeEach(async () => {
    await handle.db.deleteFrom('comments').execute();
    await handle.db.deleteFrom('comment_flash').execute();
  });

  it('stores a comment and reads every field back', async () => {
    const r = row({ author_url: 'https://ann.example', reason: 'first comment' });
    expect(await store.insert(r, null, r.created_at)).toEqual({ ok: true });
    expect(await store.get(r.id)).toEqual({ ...r, is_editor: 0 });
  });

  it('refuses a duplicate content hash and stores nothing', async () => {
    const first = row({ content_hash: 'same' });
    await store.insert(first, null, first.created_at);
    const second = row({ content_hash: 'same' });
    expect(await store.insert(second, null, second.created_at)).toEqual({ ok: false, reason: 'duplicate' });
    expect(await store.get(second.id)).toBeUndefined();
  });

  it('refuses a second comment from one IP within the interval, with the seconds to wait', async () => {
    await store.insert(row({ created_at: at(0) }), flood('ip-a', 0), at(0));
    const second = row({ created_at: at(10) });
    expect(await store.insert(second, flood('ip-a', 10), at(10))).toEqual({ ok: false, reason: 'flood', retryAfterSeconds: 5 });
    expect(await store.get(second.id)).toBeUndefined();
  });

  it('allows another IP during one IP’s interval', async () => {
    await store.insert(row({ created_at: at(0) }), flood('ip-a', 0), at(0));
    expect(await store.insert(row({ created_at: at(1), ip_hash: 'ip-b' }), flood('ip-b', 1), at(1))).toEqual({ ok: true });
  });

  it('refuses a sixth comment from one IP within ten minutes', async () => {
    for (const s of [0, 20, 40, 60, 80]) {
      expect(await store.insert(row({ created_at: at(s) }), flood('ip-a', s), at(s))).toEqual({ ok: true });
    }
    expect(await store.insert(row({ created_at: at(100) }), flood('ip-a', 100), at(100))).toEqual({ ok: false, reason: 'flood', retryAfterSeconds: 500 });
    expect(await store.insert(row({ created_at: at(601) }), flood('ip-a', 601), at(601))).toEqual({ ok: true });
  });

  it('lists an article’s comments of one status, oldest first', async () => {
    const a = row({ status: 'approved', created_at: at(5) });
    const b = row({ status: 'approved', created_at: at(1) });
    const c = row({ status: 'pending', created_at: at(2) });
    const d = row({ status: 'approved', article: 'other', created_at: at(3) });
    for (const r of [a, b, c, d]) await store.insert(r, null, r.created_at);
    expect((await store.listForArticle('story', 'approved')).map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it('lists newest first with filters and paging', async () => {
    const rows = [row({ created_at: at(1) }), row({ created_at: at(2), status: 'spam' }), row({ created_at: at(3) }), row({ created_at: at(4), article: 'other' })];
    for (const r of rows) await store.insert(r, null, r.created_at);
    expect((await store.list({})).map((r) => r.id)).toEqual([rows[3]!.id, rows[2]!.id, rows[1]!.id, rows[0]!.id]);
    expect((await store.list({ status: 'pending', article: 'story' })).map((r) => r.id)).toEqual([rows[2]!.id, rows[0]!.id]);
    expect((await store.list({ limit: 1, offset: 1 })).map((r) => r.id)).toEqual([rows[2]!.id]);
  });

  it('counts by status and approved comments by article', async () => {
    for (const r of [row({ status: 'approved' }), row({ status: 'approved', article: 'b' }), row({ status: 'approved' }), row({ status: 'spam' })]) {
      await store.insert(r, null, r.created_at);
    }
    expect(await store.countByStatus()).toEqual({ pending: 0, approved: 3, spam: 1, trash: 0 });
    expect(await store.countApprovedByArticle()).toEqual({ story: 2, b: 1 });
  });

  it('knows whether a name and email already have an approved comment', async () => {
    await store.insert(row({ status: 'approved' }), null, at(0));
    await store.insert(row({ status: 'pending', author_name: 'Bob', author_email: 'bob@example.com' }), null, at(0));
    expect(await store.hasApprovedComment('Ann', 'ann@example.com')).toBe(true);
    expect(await store.hasApprovedComment('Bob', 'bob@example.com')).toBe(false);
    expect(await store.hasApprovedComment('Annie', 'ann@example.com')).toBe(false);
  });

  it('changes status and the update time, and says when there is no such comment', async () => {
    const r = row();
    await store.insert(r, null, r.created_at);
    const updated = await store.setStatus(r.id, 'approved', at(9999));
    expect(updated).toMatchObject({ id: r.id, status: 'approved', updated_at: at(9999), created_at: r.created_at });
    expect(await store.setStatus('missing', 'approved', at(9999))).toBeUndefined();
  });

  it('forgets IP data older than the cut-off and keeps the comment', async () => {
    const old = row({ created_at: at(0) });
    const recent = row({ created_at: at(1000) });
    for (const r of [old, recent]) await store.insert(r, null, r.created_at);
    expect(await store.forgetIpsBefore(at(500))).toBe(1);
    expect(await store.get(old.id)).toMatchObject({ ip_hash: null, ip_prefix: null, user_agent: null, body: old.body });
    expect(await store.get(recent.id)).toMatchObject({ ip_hash: 'ip-a' });
  });

  it('keeps a flash and purges old ones when saving', async () => {
    await store.saveFlash({ id: 'f1', key_hash: 'k', article: 'story', payload: '{}', created_at: at(0) }, at(-1));
    await store.saveFlash({ id: 'f2', key_hash: 'k', article: 'story', payload: '{"a":1}', created_at: at(5000) }, at(10));
    expect(await store.getFlash('f1')).toBeUndefined();
    expect(await store.getFlash('f2')).toMatchObject({ payload: '{"a":1}' });
  });

  it('replaces a comment’s text and its duplicate hash', async () => {
    const r = row();
    await store.insert(r, null, r.created_at);
    expect(await store.updateBody(r.id, 'Corrected text', 'new-hash', at(50))).toMatchObject({ body: 'Corrected text', content_hash: 'new-hash', updated_at: at(50) });
  });

  it('deletes a comment for ever and says whether there was one', async () => {
    const r = row();
    await store.insert(r, null, r.created_at);
    expect(await store.deleteForever(r.id)).toBe(true);
    expect(await store.get(r.id)).toBeUndefined();
    expect(await store.deleteForever(r.id)).toBe(false);
  });

  it('keeps an audit log, newest first', async () => {
    await handle.db.deleteFrom('audit_log').execute();
    const entry = { actor: 'ed@example.com', action: 'status', comment_id: 'c1', article: 'story', from_status: 'pending', to_status: 'approved', detail: null };
    await store.appendAudit({ ...entry, id: 'a1', at: at(1) });
    await store.appendAudit({ ...entry, id: 'a2', at: at(2), action: 'delete' });
    expect(await store.listAudit(10)).toEqual([
      { ...entry, id: 'a2', at: at(2), action: 'delete' },
      { ...entry, id: 'a1', at: at(1) },
    ]);
  });

  it('lets exactly one of many concurrent posts from one IP through', async () => {
    const posts = Array.from({ length: 20 }, () => row({ created_at: at(0), ip_hash: 'ip-z' }));
    const results = await Promise.all(posts.map((r) => store.insert(r, flood('ip-z', 0), at(0))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await handle.db.selectFrom('comments').select('id').where('ip_hash', '=', 'ip-z').execute()).toHaveLength(1);
  });
});
