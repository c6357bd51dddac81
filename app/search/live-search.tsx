import type { ReactNode } from 'react';
import { ReaderScript } from '@/app/_lib/reader-script';

/**
 * The search form and its results. Without JavaScript the form submits and the server answers; public/reader.js
 * (data-enhance="live-search") makes the results follow the words as they are typed, taking them from the server's
 * own results page for those words — the same index and the same markup.
 */
export function LiveSearch({ initialQuery, children }: { initialQuery: string; children: ReactNode }) {
  return (
    <>
      <form className="search-form" role="search" aria-label="Search the archive" action="/search" method="get" data-enhance="live-search">
        <ReaderScript />
        <label htmlFor="search-q">Search articles</label>
        <div className="search-form__row">
          <input id="search-q" type="search" name="q" defaultValue={initialQuery} maxLength={200} autoComplete="off" enterKeyHint="search" />
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      <div className="search-answer">{children}</div>
    </>
  );
}
