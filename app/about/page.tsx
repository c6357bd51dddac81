import { listAuthors } from '@/lib/content';
import { pageMetadata } from '@/lib/metadata';
import { site } from '@/lib/site';

export const metadata = pageMetadata({ title: 'About us', description: `Who we are and how ${site.name} works.`, path: '/about' });

/** Who the publication is and how it works. */
export default function AboutPage() {
  return (
    <div className="prose">
      <header className="page-header">
        <p className="eyebrow">About</p>
        <h1>About {site.name}</h1>
      </header>
      <p>{site.description}</p>
      <p>
        We cover the five Central Asian republics — Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan — and their
        neighbours, with an eye on the diplomacy, trade routes, energy and water that connect them to Europe, Russia, China and the
        Middle East. We write in English and, when a story calls for it, in the languages of the region.
      </p>
      <h2>Our writers</h2>
      <ul>
        {listAuthors().map((author) => (
          <li key={author.slug}>
            <a href={`/author/${author.slug}`}>{author.name}</a> — {author.bio}
          </li>
        ))}
      </ul>
      <h2>Corrections</h2>
      <p>
        When we get something wrong we correct it and say so on the article, with the date of the update. Write to{' '}
        <a href={`mailto:${site.email}`}>{site.email}</a>.
      </p>
    </div>
  );
}
