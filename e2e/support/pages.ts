/** One page of every type the site has, for specs that check them all the same way. */
export const SEED_SLUG = 'eu-central-asia-political-security-dialogue';
export const HERO_SLUG = 'middle-corridor-trans-caspian-route';
export const TABLE_SLUG = 'central-asia-at-a-glance';
export const CLOSED_SLUG = 'why-eurasian-star-covers-central-asia';
export const RUSSIAN_SLUG = 'voda-syrdari-kazakhstan-kyrgyzstan-uzbekistan';

export interface PageType {
  name: string;
  path: string;
  /** Expected HTTP status (200 unless it is the 404 page). */
  status?: number;
}

export const PAGE_TYPES: PageType[] = [
  { name: 'home', path: '/' },
  { name: 'latest page 2', path: '/page/2' },
  { name: 'article', path: `/articles/${SEED_SLUG}` },
  { name: 'article with table and footnotes', path: `/articles/${TABLE_SLUG}` },
  { name: 'Russian article', path: `/articles/${RUSSIAN_SLUG}` },
  { name: 'article with hero image', path: `/articles/${HERO_SLUG}` },
  { name: 'category', path: '/category/eurasia' },
  { name: 'tag', path: '/tag/kg' },
  { name: 'author', path: '/author/aigerim-sadykova' },
  { name: 'archive index', path: '/archive' },
  { name: 'archive year', path: '/archive/2025' },
  { name: 'archive month', path: '/archive/2025/03' },
  { name: 'about', path: '/about' },
  { name: 'contact', path: '/contact' },
  { name: 'search results', path: '/search?q=water' },
  { name: '404', path: '/no-such-page', status: 404 },
];
