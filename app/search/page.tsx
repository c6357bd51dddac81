import type { Metadata } from 'next';
import { pageMetadata } from '@/lib/metadata';
import { readSearchParams, searchArticles, toView } from '@/lib/search/server';
import { site } from '@/lib/site';
import { LiveSearch } from './live-search';
import { SearchResults } from './results';

interface Props {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { query } = readSearchParams(await searchParams);
  // Result pages are for readers, not for search engines' indexes.
  return pageMetadata({
    title: query ? `Search: ${query}` : 'Search',
    description: `Search every article ${site.name} has published.`,
    path: '/search',
    noindex: true,
  });
}

/** Results rendered on the server from the build's index: the page works the same with JavaScript off. */
export default async function SearchPage({ searchParams }: Props) {
  const { query, page } = readSearchParams(await searchParams);
  const view = toView(searchArticles(query, page));
  return (
    <div className="search-page">
      <header className="page-header">
        <p className="eyebrow">Search</p>
        <h1>{query ? <>Results for “{query}”</> : 'Search the archive'}</h1>
      </header>
      <LiveSearch initialQuery={query}>
        <SearchResults view={view} />
      </LiveSearch>
    </div>
  );
}
