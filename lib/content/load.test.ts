import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from './errors';
import { loadLibrary } from './load';
import { type Fixture, makeFixture, validFrontMatter } from './testing';

let fx: Fixture;
const cwd = process.cwd();

beforeEach(() => {
  fx = makeFixture();
  // Messages name files relative to the working directory, as `npm run build` prints them.
  process.chdir(fx.root);
});

afterEach(() => {
  process.chdir(cwd);
  fx.cleanup();
});

const load = () => loadLibrary({ contentDir: fx.contentDir, publicDir: fx.publicDir });

/** The problems a load reports; fails the test when the load succeeds. */
function problems(): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error('expected the content to be rejected');
}

describe('valid content', () => {
  it('loads an article with its author, categories and tags resolved', () => {
    fx.article('first-story', validFrontMatter({ categories: ['eurasia', 'geo-politics'], tags: ['kg', 'water'] }));
    const [article] = load().articles;
    expect(article).toMatchObject({
      slug: 'first-story',
      title: 'A valid article',
      author: { slug: 'staff', name: 'Staff Writer' },
      categories: [{ slug: 'eurasia' }, { slug: 'geo-politics' }],
      tags: [{ slug: 'kg', country: { code: 'KG', name: 'Kyrgyzstan' } }, { slug: 'water' }],
      commentsOpen: true,
      lang: 'en',
      source: 'content/articles/first-story.md',
    });
  });

  it('takes the slug from the file name unless the front matter sets one', () => {
    fx.article('from-file-name', validFrontMatter());
    fx.article('other-file', validFrontMatter({ slug: 'explicit-slug' }));
    expect(load().articles.map((a) => a.slug).sort()).toEqual(['explicit-slug', 'from-file-name']);
  });

  it('resolves tag aliases and display names case-insensitively to the tag', () => {
    fx.article('aliases', validFrontMatter({ tags: ['TJK', 'KG', 'Water'] }));
    expect(load().articles[0]!.tags.map((t) => t.slug)).toEqual(['tj', 'kg', 'water']);
  });

  it('reads the hero image size from public/', () => {
    fx.article('with-hero', validFrontMatter({ hero: { src: '/images/pic.png', alt: 'A picture', caption: 'Caption', credit: 'Photo: Us' } }));
    expect(load().articles[0]!.hero).toEqual({ src: '/images/pic.png', alt: 'A picture', caption: 'Caption', credit: 'Photo: Us', width: 4, height: 3 });
  });

  it('closes comments when the front matter says comments: closed', () => {
    fx.article('closed', validFrontMatter({ comments: 'closed' }));
    expect(load().articles[0]!.commentsOpen).toBe(false);
  });

  it('sorts articles newest first, comparing instants across time zones', () => {
    fx.article('a-berlin-morning', validFrontMatter({ date: '2024-06-06T09:00:00+02:00' })); // 07:00Z
    fx.article('b-almaty-noon', validFrontMatter({ date: '2024-06-06T11:30:00+05:00' })); // 06:30Z
    fx.article('c-utc-eight', validFrontMatter({ date: '2024-06-06T08:00:00Z' }));
    expect(load().articles.map((a) => a.slug)).toEqual(['c-utc-eight', 'a-berlin-morning', 'b-almaty-noon']);
  });

  it('computes word count, reading time and excerpt from the body', () => {
    const words = Array.from({ length: 460 }, (_, i) => `word${i}`).join(' ');
    fx.article('long', validFrontMatter(), `${words}\n\nSecond paragraph.\n`);
    const article = load().articles[0]!;
    expect(article.wordCount).toBe(462);
    expect(article.readingMinutes).toBe(2);
    expect(article.excerpt.endsWith('…')).toBe(true);
    expect(article.excerpt.length).toBeLessThanOrEqual(220);
    expect(article.excerpt.startsWith('word0 word1 word2')).toBe(true);
  });
});

describe('invalid content fails with file, field and reason', () => {
  it('names an unknown author', () => {
    fx.article('x', validFrontMatter({ author: 'jdoe' }));
    expect(problems()).toEqual(['content/articles/x.md: author "jdoe" is not in content/authors.yaml']);
  });

  it('names an unknown category', () => {
    fx.article('x', validFrontMatter({ categories: ['eurasia', 'sport'] }));
    expect(problems()).toEqual(['content/articles/x.md: category "sport" is not in content/categories.yaml']);
  });

  it('names an unknown tag', () => {
    fx.article('x', validFrontMatter({ tags: ['kg', 'xx'] }));
    expect(problems()).toEqual(['content/articles/x.md: tag "xx" is not in content/tags.yaml']);
  });

  it.each([
    ['an impossible date', '2024-13-45T09:00:00+02:00'],
    ['a date without a time', '2024-06-06'],
    ['a date-time without a time zone', '2024-06-06T09:00:00'],
    ['words', 'next tuesday'],
  ])('rejects %s', (_label, date) => {
    fx.article('x', validFrontMatter({ date }));
    expect(problems()).toEqual([
      `content/articles/x.md: date: must be an ISO 8601 date-time with a time zone, e.g. 2024-06-06T09:00:00+02:00 (got "${date}")`,
    ]);
  });

  it('rejects an updated date before the publication date', () => {
    fx.article('x', validFrontMatter({ updated: '2024-06-05T09:00:00+02:00' }));
    expect(problems()).toEqual(['content/articles/x.md: updated: 2024-06-05T09:00:00+02:00 is earlier than date 2024-06-06T09:00:00+02:00']);
  });

  it('names a duplicate slug and the file that already has it', () => {
    fx.article('first', validFrontMatter({ slug: 'same-story' }));
    fx.article('second', validFrontMatter({ slug: 'same-story' }));
    expect(problems()).toEqual(['content/articles/second.md: slug "same-story" is already used by content/articles/first.md']);
  });

  it('names a missing required field', () => {
    const withoutTitle = validFrontMatter();
    delete withoutTitle.title;
    fx.article('x', withoutTitle);
    expect(problems()).toEqual(['content/articles/x.md: title: is required']);
  });

  it('names an unknown front matter field, so typos do not pass silently', () => {
    fx.article('x', validFrontMatter({ catgories: ['eurasia'] }));
    expect(problems()).toEqual(['content/articles/x.md: unknown field "catgories"']);
  });

  it('rejects a status other than published or draft', () => {
    fx.article('x', validFrontMatter({ status: 'live' }));
    expect(problems()).toEqual(['content/articles/x.md: status: must be "published" or "draft"']);
  });

  it('rejects an invalid explicit slug', () => {
    fx.article('x', validFrontMatter({ slug: 'Not A Slug' }));
    expect(problems()).toEqual(['content/articles/x.md: slug: must be lowercase letters, digits and single hyphens, e.g. "eu-central-asia"']);
  });

  it('rejects a file name that cannot be a slug when no slug is set', () => {
    fx.article('Bad_Name', validFrontMatter());
    expect(problems()).toEqual(['content/articles/Bad_Name.md: slug: the file name "Bad_Name" is not a valid slug; rename the file or set slug']);
  });

  it('rejects front matter that is not YAML', () => {
    fx.article('x', { title: '"unterminated' });
    expect(problems()[0]).toMatch(/^content\/articles\/x\.md: front matter is not valid YAML \(/);
  });

  it('rejects a hero image that is not in public/', () => {
    fx.article('x', validFrontMatter({ hero: { src: '/images/missing.jpg', alt: 'Gone' } }));
    expect(problems()).toEqual(['content/articles/x.md: hero.src: public/images/missing.jpg does not exist or is not an image']);
  });

  it('rejects remote images in the body', () => {
    fx.article('x', validFrontMatter(), '![A remote picture](https://tracker.example/pixel.png)\n');
    expect(problems()).toEqual([
      'content/articles/x.md: image "https://tracker.example/pixel.png": must be a local image path under public/, e.g. /images/photo.jpg',
    ]);
  });

  it('reports every problem in every file at once', () => {
    fx.article('one', validFrontMatter({ author: 'nobody', tags: ['zz'] }));
    fx.article('two', validFrontMatter({ categories: ['nope'] }));
    expect(problems()).toEqual([
      'content/articles/one.md: author "nobody" is not in content/authors.yaml',
      'content/articles/one.md: tag "zz" is not in content/tags.yaml',
      'content/articles/two.md: category "nope" is not in content/categories.yaml',
    ]);
  });
});

describe('registries', () => {
  it('rejects a country tag whose code is not ISO 3166 alpha-2', () => {
    fx.cleanup();
    fx = makeFixture({ 'tags.yaml': 'tjk:\n  name: TJK\n  country: { code: TJK, name: Tajikistan }\n' });
    process.chdir(fx.root);
    expect(problems()).toEqual(['content/tags.yaml: tjk.country.code: must be an ISO 3166-1 alpha-2 code such as "KZ"']);
  });

  it('rejects an alias that two tags claim', () => {
    fx.cleanup();
    fx = makeFixture({ 'tags.yaml': 'tj:\n  name: TJ\n  aliases: [TJK]\ntk:\n  name: TK\n  aliases: [tjk]\n' });
    process.chdir(fx.root);
    expect(problems()).toEqual(['content/tags.yaml: tk: "tjk" is already used by tag "tj"']);
  });

  it('rejects an author without a bio', () => {
    fx.cleanup();
    fx = makeFixture({ 'authors.yaml': 'staff:\n  name: Staff\n' });
    process.chdir(fx.root);
    fx.article('x', validFrontMatter());
    expect(problems()).toContain('content/authors.yaml: staff.bio: is required');
  });
});
