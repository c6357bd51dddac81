import type { Segment } from '@/lib/search/snippet';
import type { ResultView, SearchPageView } from '@/lib/search/server';

/** Text with its matched words in <mark>. */
function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) => (segment.mark ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </>
  );
}

function Result({ result }: { result: ResultView }) {
  return (
    <article className="card search-result" lang={result.lang === 'en' ? undefined : result.lang}>
      {result.section ? (
        <p className="kicker" lang="en">
          <a href={result.section.url}>{result.section.name}</a>
        </p>
      ) : null}
      <h2 className="card__title">
        <a href={result.url}>
          <Marked segments={result.title} />
        </a>
      </h2>
      <p className="card__dek">
        <Marked segments={result.summary} />
      </p>
      <p className="search-result__snippet">
        <Marked segments={result.snippet} />
      </p>
      <p className="meta" lang="en">
        <a href={result.author.url}>{result.author.name}</a>
        <span aria-hidden="true"> · </span>
        <time dateTime={result.date}>{result.dateLabel}</time>
      </p>
    </article>
  );
}

/** Where page `n` of the results for `query` lives. */
export function searchHref(query: string, n = 1): string {
  const params = new URLSearchParams({ q: query });
  if (n > 1) params.set('page', String(n));
  return `/search?${params.toString()}`;
}

/** The status line, the results and their pages: the same markup from the server and from the live search. */
export function SearchResults({ view }: { view: SearchPageView }) {
  const { query, terms, total, page, perPage, totalPages, partial, results } = view;
  if (query === '') {
    return (
      <p className="search-status" role="status">
        Search every article by headline, topic, country, place or writer — for example <a href={searchHref('water')}>water</a>,{' '}
        <a href={searchHref('Oʻzbekiston')}>Oʻzbekiston</a> or <a href={searchHref('Казахстан')}>Казахстан</a>.
      </p>
    );
  }
  if (terms.length === 0) {
    return (
      <p className="search-status" role="status">
        “{query}” has no words we can search for. Try a country, a name or a topic.
      </p>
    );
  }
  if (total === 0) {
    return (
      <div className="search-status" role="status">
        <p>No articles match “{query}”.</p>
        <p>
          Check the spelling, use fewer words, or browse the <a href="/archive">archive</a>.
        </p>
      </div>
    );
  }
  const first = (page - 1) * perPage + 1;
  const count = total === 1 ? '1 article' : `${total.toLocaleString('en-GB')} articles`;
  const where = results.length === 0 ? ` — there is no page ${page}` : totalPages > 1 ? ` — page ${page} of ${totalPages}` : '';
  const status = partial ? `No article has all of those words. ${count} match some of them: “${query}”${where}.` : `${count} ${total === 1 ? 'matches' : 'match'} “${query}”${where}.`;
  return (
    <>
      <p className="search-status" role="status">
        {status}
      </p>
      {results.length > 0 ? (
        <ol className="article-list search-results" start={first}>
          {results.map((result) => (
            <li key={result.slug}>
              <Result result={result} />
            </li>
          ))}
        </ol>
      ) : (
        <p>
          <a href={searchHref(query)}>Back to the first page of results</a>
        </p>
      )}
      {totalPages > 1 ? (
        <nav className="pagination" aria-label="Result pages">
          {page > 1 && page <= totalPages ? (
            <a href={searchHref(query, page - 1)} rel="prev">
              ← Previous
            </a>
          ) : null}
          <span>
            Page {Math.min(page, totalPages)} of {totalPages}
          </span>
          {page < totalPages ? (
            <a href={searchHref(query, page + 1)} rel="next">
              Next →
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
