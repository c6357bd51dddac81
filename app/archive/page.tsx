import { listArchive } from '@/lib/content';
import { monthName } from '@/lib/format';
import { pageMetadata } from '@/lib/metadata';
import { site } from '@/lib/site';

export const metadata = pageMetadata({
  title: 'Archive',
  description: `Every article ${site.name} has published, by year and month.`,
  path: '/archive',
});

/** Years and months with their article counts. */
export default function ArchiveIndexPage() {
  const years = listArchive();
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Archive</p>
        <h1>The archive</h1>
        <p>Every article {site.name} has published, by year and month.</p>
      </header>
      {years.length === 0 ? <p className="empty">Nothing published yet.</p> : null}
      <ul className="archive-years">
        {years.map(({ year, count, months }) => (
          <li key={year}>
            <h2>
              <a href={`/archive/${year}`}>{year}</a> <span className="meta">({count})</span>
            </h2>
            <ul className="archive-months">
              {months.map(({ month, count: n }) => (
                <li key={month}>
                  <a href={`/archive/${year}/${month}`}>{monthName(year, month)}</a> <span className="meta">({n})</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
