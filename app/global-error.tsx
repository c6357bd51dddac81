'use client';

import './globals.css';

/**
 * Shown when the root layout itself fails. Next's built-in page styles itself with inline `style`
 * attributes, which the site's Content-Security-Policy (style-src 'self') refuses; this one uses the
 * site's stylesheet, and says nothing about the error beyond its digest.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body>
        <main id="main" tabIndex={-1}>
          <header className="page-header">
            <p className="eyebrow">Error 500</p>
            <h1>Something went wrong</h1>
            <p>
              The page could not be shown. Please try again in a moment, or go to the <a href="/">front page</a>.
            </p>
            {error.digest ? <p className="meta">Reference: {error.digest}</p> : null}
          </header>
        </main>
      </body>
    </html>
  );
}
