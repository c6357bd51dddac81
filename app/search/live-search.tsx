'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { SearchPageView } from '@/lib/search/server';
import { SearchResults, searchHref } from './results';

const DELAY_MS = 200;

/**
 * The search form; with JavaScript, results follow the words as they are typed, from /api/search
 * (the same index the server renders from). Without it, the form submits and the server answers.
 */
export function LiveSearch({ initialQuery, children }: { initialQuery: string; children: ReactNode }) {
  const [query, setQuery] = useState(initialQuery);
  const [view, setView] = useState<SearchPageView | null>(null);
  const pending = useRef<AbortController | null>(null);

  useEffect(() => {
    if (query.trim() === initialQuery && view === null) return undefined;
    const timer = window.setTimeout(async () => {
      pending.current?.abort();
      const controller = new AbortController();
      pending.current = controller;
      try {
        const response = await fetch(`/api/search?${new URLSearchParams({ q: query })}`, { signal: controller.signal });
        if (!response.ok) return;
        const next = (await response.json()) as SearchPageView;
        setView(next);
        window.history.replaceState(null, '', next.query ? searchHref(next.query) : '/search');
      } catch {
        // An aborted or failed request leaves the last results on screen; submitting the form still works.
      }
    }, DELAY_MS);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed words start a search
  }, [query]);

  return (
    <>
      <form className="search-form" role="search" aria-label="Search the archive" action="/search" method="get">
        <label htmlFor="search-q">Search articles</label>
        <div className="search-form__row">
          <input id="search-q" type="search" name="q" value={query} onChange={(event) => setQuery(event.target.value)} maxLength={200} autoComplete="off" enterKeyHint="search" />
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      <div className="search-answer">
        {view ? <SearchResults view={view} /> : children}
      </div>
    </>
  );
}
