import { pageWindow } from '@/lib/paging';

/** Links to the other pages of a list; page 1 is the list's own path, page N is `${base}/page/N`. */
export function Pagination({ base, page, totalPages }: { base: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  const href = (n: number) => (n === 1 ? base || '/' : `${base}/page/${n}`);
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Newer
        </a>
      ) : null}
      <ol>
        {pageWindow(page, totalPages).map((n, i) => (
          <li key={n ?? `gap-${i}`}>
            {n === null ? (
              <span aria-hidden="true">…</span>
            ) : n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={href(n)} aria-label={`Page ${n}`}>
                {n}
              </a>
            )}
          </li>
        ))}
      </ol>
      {page < totalPages ? (
        <a href={href(page + 1)} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  );
}
