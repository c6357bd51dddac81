import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture, validFrontMatter } from './testing';

let fx: Fixture;
let content: typeof import('./index');

beforeAll(async () => {
  fx = makeFixture();
  fx.article('old-story', validFrontMatter({ date: '2024-01-10T09:00:00+00:00', tags: ['kg', 'water'] }));
  fx.article('middle-story', validFrontMatter({ date: '2024-06-06T09:00:00+00:00', tags: ['tj'], categories: ['geo-politics'] }));
  fx.article('new-story', validFrontMatter({ date: '2025-03-01T09:00:00+00:00', tags: ['kg'], author: 'jdoe-real' }));
  fx.article('a-draft', validFrontMatter({ date: '2024-06-07T09:00:00+00:00', status: 'draft', tags: ['kg', 'water'] }));
  fx.article('a-scheduled', validFrontMatter({ date: '2999-01-01T09:00:00+00:00', tags: ['kg', 'water'] }));
  process.env.CONTENT_DIR = fx.contentDir;
  content = await import('./index');
});

afterAll(() => fx.cleanup());

describe('isPublic', () => {
  it('is true for a published article whose date has passed', () => {
    expect(content.isPublic({ status: 'published', date: '2024-06-06T09:00:00+02:00' }, new Date('2024-06-06T07:00:00Z'))).toBe(true);
  });

  it('is false for a published article dated in the future: it is scheduled', () => {
    expect(content.isPublic({ status: 'published', date: '2024-06-06T09:00:00+02:00' }, new Date('2024-06-06T06:59:59Z'))).toBe(false);
  });

  it('is false for a draft, whatever its date', () => {
    expect(content.isPublic({ status: 'draft', date: '2000-01-01T00:00:00Z' }, new Date())).toBe(false);
  });
});

describe('published lists', () => {
  it('hold only public articles, newest first', () => {
    expect(content.listPublishedArticles().map((a) => a.slug)).toEqual(['new-story', 'middle-story', 'old-story']);
  });

  it('cannot find a draft or a scheduled article by slug', () => {
    expect(content.getPublishedArticle('a-draft')).toBeUndefined();
    expect(content.getPublishedArticle('a-scheduled')).toBeUndefined();
    expect(content.getPublishedArticle('old-story')?.slug).toBe('old-story');
  });

  it('filter by tag, category and author without drafts', () => {
    expect(content.listByTag('kg').map((a) => a.slug)).toEqual(['new-story', 'old-story']);
    expect(content.listByCategory('geo-politics').map((a) => a.slug)).toEqual(['middle-story']);
    expect(content.listByAuthor('staff').map((a) => a.slug)).toEqual(['middle-story', 'old-story']);
  });

  it('count archive years and months without drafts', () => {
    expect(content.listArchive()).toEqual([
      { year: '2025', count: 1, months: [{ month: '03', count: 1 }] },
      {
        year: '2024',
        count: 2,
        months: [
          { month: '06', count: 1 },
          { month: '01', count: 1 },
        ],
      },
    ]);
    expect(content.listByMonth('2024', '06').map((a) => a.slug)).toEqual(['middle-story']);
  });

  it('relate articles by shared tags and categories, never to drafts', () => {
    const old = content.getPublishedArticle('old-story')!;
    expect(content.listRelatedArticles(old).map((a) => a.slug)).toEqual(['new-story']);
  });

  it('link previous and next by date, skipping drafts', () => {
    const middle = content.getPublishedArticle('middle-story')!;
    const { older, newer } = content.getAdjacentArticles(middle);
    expect(older?.slug).toBe('old-story');
    expect(newer?.slug).toBe('new-story');
  });

  it('keep drafts in the full library for editors', () => {
    expect(content.getLibrary().articles.map((a) => a.slug)).toContain('a-draft');
  });
});
