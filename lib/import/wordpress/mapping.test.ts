import { describe, expect, it } from 'vitest';
import { mapComments } from './comments';
import { mapStatus, oldUrlsOf } from './map';
import type { WxrComment, WxrItem } from './wxr-types';

const NOW = new Date('2026-12-01T00:00:00Z');
const post = (overrides: Partial<WxrItem>): WxrItem => ({
  line: 1, id: '1', title: 'T', link: '', creator: 'a', content: '', excerpt: '', postDate: '2024-05-09 14:30:00', postDateGmt: '2024-05-09 09:30:00',
  modifiedGmt: '', commentStatus: 'open', postName: 'slug', status: 'publish', parent: '0', postType: 'post', password: '', attachmentUrl: '',
  terms: [], meta: new Map(), comments: [], ...overrides,
});

describe('status mapping', () => {
  it.each([
    ['publish', 'post', { visibility: 'published' }],
    ['publish', 'page', { visibility: 'published' }],
    ['draft', 'post', { visibility: 'draft' }],
    ['pending', 'post', { visibility: 'draft' }],
    ['private', 'post', { visibility: 'draft' }],
    ['trash', 'post', { skip: 'status trash' }],
    ['auto-draft', 'post', { skip: 'status auto-draft' }],
    ['inherit', 'revision', { skip: 'post type revision' }],
    ['publish', 'nav_menu_item', { skip: 'post type nav_menu_item' }],
    ['inherit', 'attachment', { skip: 'post type attachment' }],
  ])('%s %s → %j', (status, postType, expected) => {
    expect(mapStatus(post({ status, postType }), NOW)).toEqual(expected);
  });

  it('future keeps its date and is scheduled; a future date already past is a draft', () => {
    expect(mapStatus(post({ status: 'future', postDateGmt: '2099-01-01 04:00:00' }), NOW)).toEqual({ visibility: 'scheduled' });
    expect(mapStatus(post({ status: 'future', postDateGmt: '2020-01-01 04:00:00' }), NOW)).toEqual({ visibility: 'draft' });
  });

  it('a password-protected post is never public', () => {
    expect(mapStatus(post({ password: 'x' }), NOW)).toEqual({ visibility: 'draft' });
  });
});

describe('old addresses', () => {
  it('permalink, /?p=ID, /YYYY/MM/DD/slug/ and /slug/, the Cyrillic slug decoded', () => {
    const urls = oldUrlsOf(post({ id: '10', link: 'https://old.example/2024/05/09/%d0%b2%d0%be%d0%b4%d0%b0/', postName: '%d0%b2%d0%be%d0%b4%d0%b0' }));
    expect(urls).toEqual(['/2024/05/09/%d0%b2%d0%be%d0%b4%d0%b0/', '/?p=10', '/2024/05/09/вода/', '/вода/']);
  });

  it('a page: its permalink and /?page_id=ID', () => {
    expect(oldUrlsOf(post({ id: '31', postType: 'page', link: 'https://old.example/about/team/', postName: 'team' }))).toEqual(['/about/team/', '/?page_id=31']);
  });
});

describe('comments', () => {
  const c = (id: string, parent: string, overrides: Partial<WxrComment> = {}): WxrComment => ({
    id, author: `R${id}`, email: `r${id}@x.example`, url: '', ip: '', date: '2024-05-10 10:00:00', dateGmt: '2024-05-10 10:00:00', content: `Comment ${id}`, approved: '1', type: 'comment', parent, ...overrides,
  });
  const map = (comments: WxrComment[]) => {
    const warnings: string[] = [];
    return { ...mapComments('article', 'https://old.example', comments, NOW, (m) => warnings.push(m), new Set()), warnings };
  };

  it('keeps threads; a reply deeper than 5 levels joins the deepest level', () => {
    const chain = Array.from({ length: 7 }, (_, i) => c(String(i + 1), i === 0 ? '0' : String(i)));
    const { rows } = map(chain.reverse());
    const byBody = new Map(rows.map((r) => [r.body, r]));
    expect(rows.map((r) => r.depth).sort()).toEqual([1, 2, 3, 4, 5, 5, 5]);
    expect(byBody.get('Comment 2')!.parent_id).toBe(byBody.get('Comment 1')!.id);
    expect(byBody.get('Comment 6')!.parent_id).toBe(byBody.get('Comment 4')!.id);
    expect(byBody.get('Comment 7')!.parent_id).toBe(byBody.get('Comment 4')!.id);
  });

  it('maps 1, 0, spam, trash and skips pingbacks and trackbacks', () => {
    const { rows, skipped } = map([c('1', '0'), c('2', '0', { approved: '0' }), c('3', '0', { approved: 'spam' }), c('4', '0', { approved: 'trash' }), c('5', '0', { type: 'pingback' }), c('6', '0', { type: 'trackback' })]);
    expect(rows.map((r) => r.status)).toEqual(['approved', 'pending', 'spam', 'trash']);
    expect(Object.fromEntries(skipped)).toEqual({ pingback: 1, trackback: 1 });
  });

  it('stores an IP only as hash and prefix, and only within the retention period', () => {
    const { rows } = map([c('1', '0', { ip: '203.0.113.7', dateGmt: '2026-11-25 08:00:00' }), c('2', '0', { ip: '203.0.113.8', dateGmt: '2024-01-01 08:00:00' })]);
    const recent = rows.find((r) => r.body === 'Comment 1')!;
    const old = rows.find((r) => r.body === 'Comment 2')!;
    expect(recent.ip_prefix).toBe('203.0.113.0/24');
    expect(recent.ip_hash).toMatch(/^[\w-]{22}$/);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
    expect(old.ip_hash).toBeNull();
    expect(old.ip_prefix).toBeNull();
  });

  it('the same export gives the same ids; a missing parent makes a top-level comment with a warning', () => {
    expect(map([c('1', '0')]).rows[0]!.id).toBe(map([c('1', '0')]).rows[0]!.id);
    const orphan = map([c('9', '8')]);
    expect(orphan.rows[0]).toMatchObject({ parent_id: null, depth: 1 });
    expect(orphan.warnings).toEqual(['comment 9: its parent 8 is not imported; shown as a top-level comment']);
  });

  it('two identical WordPress comments are both kept', () => {
    const { rows } = map([c('1', '0', { content: 'Same' }), c('2', '0', { content: 'Same', author: 'R1', email: 'r1@x.example' })]);
    expect(new Set(rows.map((r) => r.content_hash)).size).toBe(2);
  });
});
