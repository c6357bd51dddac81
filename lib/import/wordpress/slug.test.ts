import { describe, expect, it } from 'vitest';
import { slugSchema } from '../../content/schema';
import { wpDateTime, wpUtcIso } from './dates';
import { SlugRegistry, postSlug, slugFrom } from './slug';

describe('slugs', () => {
  it.each([
    ['%d0%b2%d0%be%d0%b4%d0%bd%d1%8b%d0%b5-%d1%80%d0%b5%d1%81%d1%83%d1%80%d1%81%d1%8b', '', 'vodnye-resursy'],
    ['%d2%9b%d0%b0%d0%b7%d0%b0%d2%9b%d1%81%d1%82%d0%b0%d0%bd', '', 'qazaqstan'],
    ['', 'Türkmenistanyň gaz eksporty', 'turkmenistanyn-gaz-eksporty'],
    ['', 'Oʻzbekiston yangi alifbo', 'ozbekiston-yangi-alifbo'],
    ['', 'Тоҷикистон ва Роғун', 'tojikiston-va-roghun'],
    ['', 'Ўзбекистон ва Қирғизистон', 'ozbekiston-va-qirghiziston'],
    ['', '我的', 'post-7'],
    ['%zz-broken', '', 'zz-broken'],
  ])('post_name %j, title %j → %s', (postName, title, slug) => {
    const result = postSlug(postName, title, '7');
    expect(result).toBe(slug);
    expect(slugSchema.safeParse(result).success).toBe(true);
  });

  it('an empty post_name takes the title', () => {
    expect(postSlug('', 'Hello, World & Co.', '3')).toBe('hello-world-and-co');
  });

  it('a repeated slug gets -2, -3', () => {
    const slugs = new SlugRegistry();
    expect([slugs.claim('a'), slugs.claim('a'), slugs.claim('a')]).toEqual(['a', 'a-2', 'a-3']);
  });

  it('slugFrom never leaves a leading or trailing hyphen', () => {
    expect(slugFrom(' — Title — ')).toBe('title');
  });
});

describe('dates', () => {
  it('keeps the local time with the offset post_date and post_date_gmt imply', () => {
    expect(wpDateTime('2024-05-09 09:30:00', '2024-05-09 14:30:00')).toBe('2024-05-09T14:30:00+05:00');
    expect(wpDateTime('2013-01-11 03:22:19', '2013-01-10 20:22:19')).toBe('2013-01-10T20:22:19-07:00');
    expect(wpDateTime('2013-01-11 03:22:19', '2013-01-11 03:22:19')).toBe('2013-01-11T03:22:19Z');
  });

  it('a 0000-00-00 GMT date falls back to post_date', () => {
    expect(wpDateTime('0000-00-00 00:00:00', '2024-05-01 09:00:00')).toBe('2024-05-01T09:00:00Z');
    expect(wpUtcIso('0000-00-00 00:00:00', '2024-05-01 09:00:00')).toBe('2024-05-01T09:00:00.000Z');
  });

  it('no date at all is undefined', () => {
    expect(wpDateTime('0000-00-00 00:00:00', '')).toBeUndefined();
  });
});
