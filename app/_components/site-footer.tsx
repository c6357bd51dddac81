import { listTags } from '@/lib/content';
import { site } from '@/lib/site';

/** Site footer: about, contact, countries and feeds. */
export function SiteFooter() {
  const countries = listTags().filter((tag) => tag.country);
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <section aria-labelledby="footer-about">
          <h2 id="footer-about">{site.name}</h2>
          <p>{site.description}</p>
          <ul className="footer-links">
            <li>
              <a href="/about">About us</a>
            </li>
            <li>
              <a href="/contact">Contact</a>
            </li>
            <li>
              <a href="/archive">Archive</a>
            </li>
            <li>
              <a href="/feed.xml">RSS feed</a>
            </li>
          </ul>
        </section>
        <section aria-labelledby="footer-countries">
          <h2 id="footer-countries">Countries</h2>
          <ul className="footer-links footer-links--inline">
            {countries.map((tag) => (
              <li key={tag.slug}>
                <a href={`/tag/${tag.slug}`}>{tag.country!.name}</a>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p className="site-footer__legal">© {new Date().getFullYear()} {site.name}. Independent reporting on Eurasia.</p>
    </footer>
  );
}
