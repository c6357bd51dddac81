import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture, validFrontMatter } from './content/testing';

let fx: Fixture;
let onDemandPathExists: (pathname: string) => boolean;
let cardFile: (slug: string) => string;
let cropFiles: (slug: string) => string[];

beforeAll(async () => {
  fx = makeFixture();
  // 12 public articles tagged kg (two pages of ten), one draft, one scheduled.
  for (let i = 1; i <= 12; i += 1) {
    fx.article(`story-${i}`, validFrontMatter({ date: `2024-03-${String(i).padStart(2, '0')}T09:00:00+00:00`, tags: ['kg'] }));
  }
  const hero = { src: '/images/caspian-corridor.jpg', alt: 'Ships' };
  fx.article('with-hero', validFrontMatter({ date: '2024-02-01T09:00:00+00:00', tags: ['kg'], hero }));
  fx.article('draft-with-hero', validFrontMatter({ status: 'draft', tags: ['kg'], hero }));
  fx.article('a-draft', validFrontMatter({ status: 'draft', tags: ['kg'] }));
  fx.article('a-scheduled', validFrontMatter({ date: '2999-01-01T09:00:00+00:00', tags: ['kg'] }));
  process.env.CONTENT_DIR = fx.contentDir;
  ({ onDemandPathExists } = await import('./on-demand'));
  const { articleCard, cardVersion } = await import('./og/card-data');
  const { getLibrary } = await import('./content');
  const { heroCrops } = await import('./images/hero-crops');
  const path = await import('node:path');
  cropFiles = (slug) => heroCrops(getLibrary().articles.find((a) => a.slug === slug)!, path.resolve('public')).map((crop) => crop.path.split('/').pop()!);
  cardFile = (slug) => `${cardVersion(articleCard(getLibrary().articles.find((a) => a.slug === slug)!))}.png`;
});
afterAll(() => fx.cleanup());

describe('onDemandPathExists', () => {
  it('accepts every page of a list that exists', () => {
    for (const path of ['/page/2', '/tag/kg', '/tag/kg/page/2', '/category/eurasia/page/2', '/author/staff', '/archive/2024', '/archive/2024/page/2', '/archive/2024/03', '/archive/2024/03/page/2']) {
      expect(onDemandPathExists(path), path).toBe(true);
    }
  });

  it('refuses pages past the end, unknown lists, empty archives and malformed page segments', () => {
    for (const path of ['/page/3', '/page/999999', '/page/1x', '/page/2/extra', '/tag/nope', '/tag/kg/page/3', '/tag/kg/pages/2', '/tag/kg/page/2/x', '/author/nobody', '/category/nope/page/2', '/archive/1999', '/archive/2024/04', '/archive/2024/13', '/archive/2024/03/page/3', '/tag/%E0%A4%A']) {
      expect(onDemandPathExists(path), path).toBe(false);
    }
  });

  it('accepts the feeds of a section or tag that exists, and no other', () => {
    expect(onDemandPathExists('/tag/kg/feed.xml')).toBe(true);
    expect(onDemandPathExists('/category/eurasia/atom.xml')).toBe(true);
    expect(onDemandPathExists('/tag/nope/feed.json')).toBe(false);
    expect(onDemandPathExists('/category/nope/feed.xml')).toBe(false);
  });

  it("accepts a public article's page and reply form, never a draft's, a scheduled one's or a made-up slug's", () => {
    expect(onDemandPathExists('/articles/story-1')).toBe(true);
    expect(onDemandPathExists('/articles/story-1/respond')).toBe(true);
    for (const path of ['/articles/a-draft', '/articles/a-scheduled', '/articles/no-such-story', '/articles/a-draft/respond', '/articles/%E0%A4%A']) {
      expect(onDemandPathExists(path), path).toBe(false);
    }
  });

  it("accepts a public article's current card only: never a draft's or a scheduled article's, nor a stale hash", () => {
    expect(onDemandPathExists(`/og/article/story-1/${cardFile('story-1')}`)).toBe(true);
    expect(onDemandPathExists('/og/article/story-1/AAAAAAAAAAAA.png')).toBe(false);
    expect(onDemandPathExists(`/og/article/a-draft/${cardFile('a-draft')}`)).toBe(false);
    expect(onDemandPathExists(`/og/article/a-scheduled/${cardFile('a-scheduled')}`)).toBe(false);
    expect(onDemandPathExists(`/og/nope/story-1/${cardFile('story-1')}`)).toBe(false);
  });

  it("accepts a public article's current hero crops only: not a draft's, an unknown slug's, a stale hash or another shape", () => {
    const files = cropFiles('with-hero');
    expect(files).toHaveLength(3);
    for (const file of files) expect(onDemandPathExists(`/hero/with-hero/${file}`)).toBe(true);
    expect(onDemandPathExists('/hero/with-hero/16x9-000000000000.jpg')).toBe(false);
    expect(onDemandPathExists(`/hero/with-hero/${files[0]!.replace('16x9', '2x1')}`)).toBe(false);
    expect(onDemandPathExists(`/hero/story-1/${files[0]}`)).toBe(false);
    expect(onDemandPathExists(`/hero/draft-with-hero/${cropFiles('draft-with-hero')[0]}`)).toBe(false);
    expect(onDemandPathExists(`/hero/nope/${files[0]}`)).toBe(false);
    expect(onDemandPathExists(`/hero/with-hero/${files[0]}/extra`)).toBe(false);
    expect(onDemandPathExists('/hero/with-hero')).toBe(false);
  });
});
