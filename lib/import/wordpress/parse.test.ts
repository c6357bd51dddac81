import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WxrError, parseWxrFile, parseWxrString } from './parse';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/wordpress');
const OWN = path.join(import.meta.dirname, 'fixtures', 'central-asia.xml');
const count = (items: { postType: string }[], type: string) => items.filter((i) => i.postType === type).length;

const wxr = (body: string, version = '1.2') =>
  `<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/${version}/">\n<channel>\n<wp:wxr_version>${version}</wp:wxr_version>\n${body}\n</channel>\n</rss>\n`;
const item = (id: string, extra = '') => `<item><title>T${id}</title><wp:post_id>${id}</wp:post_id><wp:post_type>post</wp:post_type>${extra}</item>`;

describe('parseWxrFile', () => {
  it('reads the theme unit test export: every item, comment, author and term', async () => {
    const result = await parseWxrFile(path.join(FIXTURES, 'themeunittestdata.wordpress.xml'));
    expect(result.version).toBe('1.2');
    expect(result.blogUrl).toBe('https://wpthemetestdata.wordpress.com');
    expect(result.items).toHaveLength(186);
    expect(count(result.items, 'post')).toBe(58);
    expect(count(result.items, 'page')).toBe(21);
    expect(count(result.items, 'attachment')).toBe(37);
    expect(result.items.reduce((n, i) => n + i.comments.length, 0)).toBe(33);
    expect(result.authors.map((a) => a.login)).toEqual(['themedemos', 'themereviewteam']);
    expect(result.terms.some((t) => t.taxonomy === 'category' && t.parent !== '')).toBe(true);
  });

  it('reads the block-editor export with its block comments intact', async () => {
    const result = await parseWxrFile(path.join(FIXTURES, '64-block-test-data.xml'));
    expect(count(result.items, 'post')).toBe(61);
    expect(result.items.some((i) => i.content.includes('<!-- wp:'))).toBe(true);
  });

  it('reads WXR 1.1 with CDATA values, postmeta and the comment fields', async () => {
    const result = await parseWxrFile(OWN);
    expect(result.version).toBe('1.1');
    const post = result.items.find((i) => i.id === '10')!;
    expect(post.postName).toMatch(/^%d0%b2/);
    expect(post.meta.get('_thumbnail_id')).toBe('51');
    expect(post.terms).toContainEqual({ domain: 'post_tag', slug: 'uzb', name: 'UZB' });
    expect(post.comments.find((c) => c.id === '122')).toMatchObject({ approved: '0', ip: '198.51.100.23', email: 'reader122@mail.example' });
  });
});

describe('bad input stops with the line and element', () => {
  const refuse = (text: string) => {
    try {
      parseWxrString(text, 'bad.xml');
    } catch (error) {
      expect(error).toBeInstanceOf(WxrError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('a truncated export names the line where it ends and the unclosed element', () => {
    const full = wxr(`${item('1')}\n${item('2')}`);
    const message = refuse(full.slice(0, full.indexOf('<wp:post_id>2') + 5));
    expect(message).toMatch(/^bad\.xml:\d+: not well-formed XML/);
    expect(message).toMatch(/unclosed|unexpected end/i);
  });

  it('malformed XML names its line', () => {
    expect(refuse(wxr(`${item('1')}\n<item><title>x</titel></item>`))).toMatch(/^bad\.xml:6: not well-formed XML/);
  });

  it('a document that is not RSS is not a WordPress export', () => {
    expect(refuse('<?xml version="1.0"?>\n<html><body>hi</body></html>')).toBe('bad.xml:2: not a WordPress export: the root element is <html>, expected <rss>');
  });

  it('an RSS feed without a WXR version is refused', () => {
    expect(refuse('<rss version="2.0"><channel><title>Feed</title><item><title>x</title></item></channel></rss>')).toMatch(/<item> before any <wp:wxr_version>/);
    expect(refuse('<rss version="2.0"><channel><title>Feed</title></channel></rss>')).toMatch(/<wp:wxr_version> is missing/);
  });

  it('an unknown WXR version is refused, naming it', () => {
    expect(refuse(wxr(item('1'), '2.0'))).toMatch(/^bad\.xml:4: unsupported WXR version "2\.0" in <wp:wxr_version>/);
  });

  it('an item without a numeric post id is refused with the item line', () => {
    expect(refuse(wxr(`${item('1')}\n<item><title>x</title><wp:post_type>post</wp:post_type></item>`))).toMatch(/^bad\.xml:6: <item> has no numeric <wp:post_id>/);
  });

  it('a file that cannot be read is a WxrError, not a crash', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-export.xml');
    expect(fs.existsSync(missing)).toBe(false);
    await expect(parseWxrFile(missing)).rejects.toThrow(/cannot read the file \(ENOENT\)/);
  });
});
