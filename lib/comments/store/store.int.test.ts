import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect';
import { type TestDatabase, testEngines } from '../../db/testing';
import { createCommentStore } from './kysely-store';
import type { CommentStore, FloodRule, IdempotencyClaim, NewCommentRow } from './types';

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
    await handle.db.deleteFrom('idempotency_keys').execute();
    await handle.db.deleteFrom('commenter_holds').execute();
  });

  const claim = (key: string, fingerprint = 'fp-1', validSince = at(-86_400)): IdempotencyClaim => ({ key, fingerprint, result: 'pending', validSince });
  const countRows = async () => (await handle.db.selectFrom('comments').select('id').execute()).length;

  it('stores a comment and reads every field back', async () => {
    const r = row({ author_url: 'https://ann.example', reason: 'first comment' });
    expect(await store.insert(r, null, r.created_at)).toEqual({ ok: true });
    expect(await store.get(r.id)).toEqual({ ...r, is_editor: 0, commenter_hash: null });
  });

  it('refuses a duplicate content hash and stores nothing', async () => {
    const first = row({ content_hash: 'same' });
    await store.insert(first, null, first.created_at);
    const second = row({ content_hash: 'same' });
    expect(await store.insert(second, null, second.created_at)).toEqual({ ok: false, reason: 'duplicate' });
    expect(await store.get(second.id)).toBeUndefined();
  });

  it('refuses a row as a duplicate of a stored comment whose hash is one of the older forms given, and stores nothing', async () => {
    const old = row({ content_hash: 'legacy-form' });
    await store.insert(old, null, old.created_at);
    const again = row({ content_hash: 'new-form' });
    expect(await store.insert(again, null, again.created_at, null, ['legacy-form'])).toEqual({ ok: false, reason: 'duplicate' });
    expect(await store.get(again.id)).toBeUndefined();
    const other = row({ content_hash: 'other-new-form' });
    expect(await store.insert(other, null, other.created_at, null, ['no-such-form'])).toEqual({ ok: true });
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

  describe('commenter standing', () => {
    const since = at(0);
    const standing = (commenterHash: string | null, email = 'ann@example.com') => store.commenterStanding({ commenterHash, email, rejectedSince: since });

    it('counts approved comments posted with this key under this email only', async () => {
      for (const r of [
        row({ status: 'approved', commenter_hash: 'key-ann' }),
        row({ status: 'approved', commenter_hash: 'key-ann' }),
        row({ status: 'pending', commenter_hash: 'key-ann' }),
        row({ status: 'approved', commenter_hash: 'key-ann', author_email: 'other@example.com' }),
        row({ status: 'approved', commenter_hash: 'key-thief' }),
        row({ status: 'approved', commenter_hash: null }),
      ]) {
        await store.insert(r, null, r.created_at);
      }
      expect(await standing('key-ann')).toEqual({ approved: 2, rejected: 0, alwaysHold: false });
      expect(await standing('key-thief'), 'a name and email borrowed under another key').toEqual({ approved: 1, rejected: 0, alwaysHold: false });
      expect(await standing('key-nobody')).toEqual({ approved: 0, rejected: 0, alwaysHold: false });
    });

    it('counts nothing without a key, even for an email with approved comments', async () => {
      await store.insert(row({ status: 'approved', commenter_hash: 'key-ann' }), null, at(0));
      await store.insert(row({ status: 'spam', commenter_hash: 'key-ann' }), null, at(0));
      expect(await standing(null)).toEqual({ approved: 0, rejected: 0, alwaysHold: false });
    });

    it('counts spam and trashed comments with this key, under any email, created since the window start', async () => {
      for (const r of [
        row({ status: 'spam', commenter_hash: 'key-ann', created_at: at(10) }),
        row({ status: 'trash', commenter_hash: 'key-ann', created_at: at(0), author_email: 'alias@example.com' }),
        row({ status: 'spam', commenter_hash: 'key-ann', created_at: at(-1) }),
        row({ status: 'spam', commenter_hash: 'key-other', created_at: at(10) }),
      ]) {
        await store.insert(r, null, r.created_at);
      }
      expect((await standing('key-ann')).rejected).toBe(2);
    });

    it('sets, reports, lists and lifts "always hold" on an email address, once', async () => {
      expect(await store.setAlwaysHold('ann@example.com', true, 'ed@example.com', at(1))).toBe(true);
      expect(await store.setAlwaysHold('ann@example.com', true, 'other@example.com', at(2)), 'already held').toBe(false);
      await store.setAlwaysHold('bob@example.com', true, 'cli', at(3));
      expect((await standing(null)).alwaysHold).toBe(true);
      expect((await standing('key-ann')).alwaysHold).toBe(true);
      expect((await standing(null, 'carol@example.com')).alwaysHold).toBe(false);
      expect(await store.listAlwaysHeld()).toEqual([
        { email: 'bob@example.com', actor: 'cli', created_at: at(3) },
        { email: 'ann@example.com', actor: 'ed@example.com', created_at: at(1) },
      ]);
      expect(await store.setAlwaysHold('ann@example.com', false, 'ed@example.com', at(4))).toBe(true);
      expect(await store.setAlwaysHold('ann@example.com', false, 'ed@example.com', at(5)), 'nothing to lift').toBe(false);
      expect((await standing('key-ann')).alwaysHold).toBe(false);
      expect((await store.listAlwaysHeld()).map((h) => h.email)).toEqual(['bob@example.com']);
    });
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

  it('reads a row of the retired flash table and purges those created before the cut-off', async () => {
    // Nothing writes comment_flash any more; rows from before the upgrade are read until they expire.
    const flash = (id: string, created_at: string) => ({ id, key_hash: 'k', article: 'story', payload: `{"id":"${id}"}`, created_at });
    await handle.db.insertInto('comment_flash').values([flash('f1', at(0)), flash('f2', at(5000))]).execute();
    expect(await store.getFlash('f2')).toMatchObject({ payload: '{"id":"f2"}' });
    expect(await store.purgeFlashes(at(10))).toBe(1);
    expect(await store.getFlash('f1')).toBeUndefined();
    expect(await store.getFlash('f2')).toMatchObject({ payload: '{"id":"f2"}' });
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

  describe('with an outside flood counter (Redis)', () => {
    /** A counter that allows `allow` posts and records what the store asked of it. */
    function counter(allow: number) {
      const calls = { taken: 0, givenBack: 0 };
      const rule = (ipHash = 'ip-c'): FloodRule => ({
        ipHash,
        take: async () => {
          calls.taken += 1;
          if (calls.taken - calls.givenBack > allow) return { ok: false, retryAfterSeconds: 7 };
          return { ok: true, giveBack: async () => void (calls.givenBack += 1) };
        },
      });
      return { calls, rule };
    }

    it('stores while the counter allows, and answers its refusal as a flood with its seconds, storing nothing', async () => {
      const { calls, rule } = counter(1);
      expect(await store.insert(row(), rule(), at(0))).toEqual({ ok: true });
      const refused = row();
      expect(await store.insert(refused, rule(), at(1))).toEqual({ ok: false, reason: 'flood', retryAfterSeconds: 7 });
      expect(await store.get(refused.id)).toBeUndefined();
      expect(calls).toEqual({ taken: 2, givenBack: 0 });
    });

    it('does not ask the counter for a duplicate or a replayed key', async () => {
      const { calls, rule } = counter(5);
      const first = row({ content_hash: 'same-words' });
      await store.insert(first, null, at(0), claim('key-counted-1'));
      expect(await store.insert(row({ content_hash: 'same-words' }), rule(), at(1))).toEqual({ ok: false, reason: 'duplicate' });
      expect((await store.insert(row({ content_hash: first.content_hash }), rule(), at(1), claim('key-counted-1'))).ok).toBe(false);
      expect(calls.taken).toBe(0);
    });

    it('gives the point back when the write fails after it was taken', async () => {
      const { calls, rule } = counter(5);
      const broken = { ...row(), author_name: null } as unknown as NewCommentRow;
      await expect(store.insert(broken, rule(), at(0))).rejects.toThrow();
      expect(calls).toEqual({ taken: 1, givenBack: 1 });
      expect(await countRows()).toBe(0);
    });
  });

  it('lets exactly one of many concurrent posts from one IP through', async () => {
    const posts = Array.from({ length: 20 }, () => row({ created_at: at(0), ip_hash: 'ip-z' }));
    const results = await Promise.all(posts.map((r) => store.insert(r, flood('ip-z', 0), at(0))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await handle.db.selectFrom('comments').select('id').where('ip_hash', '=', 'ip-z').execute()).toHaveLength(1);
  });

  it('stores an Idempotency-Key with its comment, and answers the same request under it with the stored record', async () => {
    const first = row();
    expect(await store.insert(first, null, at(0), claim('key-aaaa-1'))).toEqual({ ok: true });
    const retry = row({ body: first.body, content_hash: first.content_hash });
    expect(await store.insert(retry, flood('ip-a', 1), at(1), claim('key-aaaa-1'))).toEqual({
      ok: false,
      reason: 'replay',
      record: { key: 'key-aaaa-1', fingerprint: 'fp-1', comment_id: first.id, article: 'story', result: 'pending', created_at: at(0) },
    });
    expect(await store.get(retry.id)).toBeUndefined();
    expect(await countRows()).toBe(1);
  });

  it('refuses a known Idempotency-Key with another request and stores nothing', async () => {
    await store.insert(row(), null, at(0), claim('key-bbbb-1', 'fp-1'));
    const other = row();
    expect(await store.insert(other, null, at(1), claim('key-bbbb-1', 'fp-2'))).toEqual({ ok: false, reason: 'key_reused' });
    expect(await store.get(other.id)).toBeUndefined();
    expect(await countRows()).toBe(1);
  });

  it('writes no key when the comment is refused, so a retry under it is judged afresh', async () => {
    await store.insert(row({ content_hash: 'taken' }), null, at(0));
    expect(await store.insert(row({ content_hash: 'taken' }), null, at(1), claim('key-cccc-1'))).toEqual({ ok: false, reason: 'duplicate' });
    expect(await store.getIdempotencyRecord('key-cccc-1', at(-86_400))).toBeUndefined();
    await store.insert(row({ created_at: at(10), ip_hash: 'ip-f' }), flood('ip-f', 10), at(10));
    expect(await store.insert(row({ created_at: at(11), ip_hash: 'ip-f' }), flood('ip-f', 11), at(11), claim('key-cccc-2'))).toMatchObject({ ok: false, reason: 'flood' });
    expect(await store.getIdempotencyRecord('key-cccc-2', at(-86_400))).toBeUndefined();
  });

  it('treats an expired key as new, and purges expired keys', async () => {
    const old = row();
    await store.insert(old, null, at(0), claim('key-dddd-1', 'fp-old'));
    expect(await store.getIdempotencyRecord('key-dddd-1', at(1))).toBeUndefined();
    const fresh = row();
    expect(await store.insert(fresh, null, at(90_000), claim('key-dddd-1', 'fp-new', at(3600)))).toEqual({ ok: true });
    expect(await store.getIdempotencyRecord('key-dddd-1', at(3600))).toMatchObject({ comment_id: fresh.id, fingerprint: 'fp-new' });
    await store.insert(row(), null, at(100), claim('key-dddd-2'));
    expect(await store.purgeIdempotencyKeys(at(50_000))).toBe(1);
    expect(await store.getIdempotencyRecord('key-dddd-2', at(-86_400))).toBeUndefined();
    expect(await store.getIdempotencyRecord('key-dddd-1', at(3600))).toBeDefined();
  });

  it('stores exactly one comment for many concurrent posts under one key, from different IPs', async () => {
    const posts = Array.from({ length: 12 }, (_, i) => row({ created_at: at(0), ip_hash: `ip-k${i}`, body: 'Same words', content_hash: 'same-words' }));
    const results = await Promise.all(posts.map((r, i) => store.insert(r, flood(`ip-k${i}`, 0), at(0), claim('key-eeee-1'))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = posts[results.findIndex((r) => r.ok)]!;
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ reason: 'replay', record: { comment_id: winner.id } });
    expect(await countRows()).toBe(1);
  });
});
