import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture, validFrontMatter } from './testing';

let fx: Fixture;
let preview: typeof import('./preview');

beforeAll(async () => {
  fx = makeFixture();
  process.env.CONTENT_DIR = fx.contentDir;
  preview = await import('./preview');
});

afterAll(() => fx.cleanup());

describe('getArticleForPreview', () => {
  it('finds drafts and scheduled articles that public lists never show', () => {
    fx.article('a-draft', validFrontMatter({ status: 'draft' }));
    fx.article('a-scheduled', validFrontMatter({ date: '2999-01-01T00:00:00+00:00' }));
    expect(preview.getArticleForPreview('a-draft')?.status).toBe('draft');
    expect(preview.getArticleForPreview('a-scheduled')?.date).toBe('2999-01-01T00:00:00+00:00');
  });

  it('reads the file as it is now, so a saved change shows on the next reload', () => {
    fx.article('edited', validFrontMatter({ status: 'draft', title: 'First title' }));
    expect(preview.getArticleForPreview('edited')?.title).toBe('First title');
    fx.article('edited', validFrontMatter({ status: 'draft', title: 'Second title' }));
    expect(preview.getArticleForPreview('edited')?.title).toBe('Second title');
  });

  it('finds nothing for an unknown slug', () => {
    expect(preview.getArticleForPreview('no-such-article')).toBeUndefined();
  });
});
