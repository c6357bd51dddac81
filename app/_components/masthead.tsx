import { listCategories } from '@/lib/content';
import { site } from '@/lib/site';

/** Skip link, site name, the search box and the category navigation. */
export function Masthead() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead__inner">
          <p className="masthead__brand">
            <a href="/" className="masthead__name">
              <span className="masthead__star" aria-hidden="true">
                ✦
              </span>{' '}
              {site.name}
            </a>
          </p>
          <p className="masthead__tagline">{site.tagline}</p>
          <form className="masthead__search" role="search" aria-label="Site search" action="/search" method="get">
            <label htmlFor="masthead-q" className="sr-only">
              Search articles
            </label>
            <input id="masthead-q" type="search" name="q" placeholder="Search articles" maxLength={200} enterKeyHint="search" />
            <button type="submit" className="button button--small">
              Search
            </button>
          </form>
        </div>
        <nav className="sections" aria-label="Sections">
          <ul>
            <li>
              <a href="/">Latest</a>
            </li>
            {listCategories().map((category) => (
              <li key={category.slug}>
                <a href={`/category/${category.slug}`}>{category.name}</a>
              </li>
            ))}
            <li>
              <a href="/archive">Archive</a>
            </li>
          </ul>
        </nav>
      </header>
    </>
  );
}
