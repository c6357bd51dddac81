import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, validFrontMatter, type Fixture } from './content/testing';

let fx: Fixture;
let metadata: typeof import('./metadata');

beforeAll(async () => {
  fx = makeFixture();
  fx.article('story', validFrontMatter());
  process.env.CONTENT_DIR = fx.contentDir;
  process.env.SITE_URL = 'https://eurasianstar.example';
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-meta-'));
  metadata = await import('./metadata');
});

afterAll(() => fx.cleanup());

describe('pageMetadata', () => {
  it('gives absolute canonical, Open Graph and Twitter URLs and the 1200×630 card', () => {
    const meta = metadata.pageMetadata({ title: 'A title', description: 'A description.', path: '/articles/story', type: 'article', card: { kind: 'article', slug: 'story', alt: 'Alt text' } });
    expect(meta.alternates?.canonical).toBe('https://eurasianstar.example/articles/story');
    expect(meta.openGraph).toMatchObject({ url: 'https://eurasianstar.example/articles/story', siteName: 'Eurasian Star', locale: 'en_GB' });
    const [image] = meta.openGraph!.images as { url: string; width: number; height: number; alt: string; type: string }[];
    expect(image).toMatchObject({ width: 1200, height: 630, alt: 'Alt text', type: 'image/png' });
    expect(image!.url).toMatch(/^https:\/\/eurasianstar\.example\/og\/article\/story\/[A-Za-z0-9_-]{12}\.png$/);
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image', images: [{ url: image!.url, alt: 'Alt text' }] });
  });

  it('cuts social titles at 70 and descriptions at 200 characters, at a word', () => {
    const meta = metadata.pageMetadata({ title: 'word '.repeat(30), description: 'longer '.repeat(60), path: '/' });
    const og = meta.openGraph as { title: string; description: string };
    expect(og.title.length).toBeLessThanOrEqual(70);
    expect(og.title).toMatch(/word…$/);
    expect(og.description.length).toBeLessThanOrEqual(200);
    expect(og.description).toMatch(/longer…$/);
  });

  it('adds Slack’s label and data lines in order', () => {
    const meta = metadata.pageMetadata({ title: 'T', description: 'D', path: '/', labels: [['Reading time', '3 min read'], ['Countries', 'Kazakhstan']] });
    expect(meta.other).toEqual({ 'twitter:label1': 'Reading time', 'twitter:data1': '3 min read', 'twitter:label2': 'Countries', 'twitter:data2': 'Kazakhstan' });
  });

  it('falls back to the site’s card for a page without one of its own, and for a slug that is not public', () => {
    const site = metadata.pageMetadata({ title: 'About', description: 'D', path: '/about' });
    const draft = metadata.pageMetadata({ title: 'T', description: 'D', path: '/x', card: { kind: 'article', slug: 'no-such-story', alt: 'A' } });
    const url = (m: typeof site) => (m.openGraph!.images as { url: string }[])[0]!.url;
    expect(url(site)).toMatch(/\/og\/home\/index\/[A-Za-z0-9_-]{12}\.png$/);
    expect(url(draft)).toBe(url(site));
  });
});
