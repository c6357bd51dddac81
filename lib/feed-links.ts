import { env } from './env';

/** Autodiscovery links for a page's feeds, in the shape of Next's `alternates.types`. */
export function feedAlternates(base: string, title: string) {
  const url = (file: string) => `${env().SITE_URL}${base}/${file}`;
  return {
    'application/rss+xml': [{ url: url('feed.xml'), title: `${title} (RSS)` }],
    'application/atom+xml': [{ url: url('atom.xml'), title: `${title} (Atom)` }],
    'application/feed+json': [{ url: url('feed.json'), title: `${title} (JSON Feed)` }],
  };
}
