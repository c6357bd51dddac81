import { notFound } from 'next/navigation';
import type { ArticleListing } from '../_lib/lists';
import { paginate, parsePageParam } from '@/lib/paging';
import { getCachedCommentCounts } from '@/lib/comments/views';
import { getAuthor } from '@/lib/content';
import { collectionStructuredData } from '@/lib/structured-data';
import { ArticleList } from './article-card';
import { JsonLd } from './json-ld';
import { Pagination } from './pagination';

/** Page number from optional catch-all segments ([] or ["page", "N"]), or a 404 for anything else. */
export function pageNumber(segments: string[] | undefined): number {
  if (!segments || segments.length === 0) return 1;
  const [word, n, ...rest] = segments;
  const page = word === 'page' && n !== undefined && rest.length === 0 ? parsePageParam(n) : undefined;
  return page ?? notFound();
}

/** A paginated list of articles under a heading; a page past the end is a 404. */
export async function ListingView({ listing, page }: { listing: ArticleListing | undefined; page: number }) {
  if (!listing) notFound();
  const current = paginate(listing.articles, page);
  if (!current) notFound();
  const author = listing.card?.kind === 'author' ? getAuthor(listing.card.slug) : undefined;
  const path = page > 1 ? `${listing.base}/page/${page}` : listing.base;
  return (
    <>
      <JsonLd data={collectionStructuredData(listing.title, listing.description, path, author)} />
      <header className="page-header">
        <p className="eyebrow">{listing.eyebrow}</p>
        <h1>
          {listing.title}
          {page > 1 ? <span className="sr-only">, page {page}</span> : null}
        </h1>
        <p>{listing.description}</p>
        {listing.links?.length ? (
          <ul className="author-links footer-links--inline footer-links">
            {listing.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel={link.url.startsWith('http') ? 'me noopener noreferrer' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="meta">
          {current.total} {current.total === 1 ? 'article' : 'articles'}
          {current.totalPages > 1 ? ` · page ${current.page} of ${current.totalPages}` : ''}
        </p>
      </header>
      <ArticleList articles={current.items} commentCounts={await getCachedCommentCounts()} />
      <Pagination base={listing.base} page={current.page} totalPages={current.totalPages} />
    </>
  );
}
