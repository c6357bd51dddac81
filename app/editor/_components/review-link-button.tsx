'use client';

import { useState } from 'react';

/** Makes a signed, expiring, read-only link to a draft for an outside reviewer. */
export function ReviewLinkButton({ slug }: { slug: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    const response = await fetch('/api/draft/review-link', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug }) });
    const body = (await response.json().catch(() => ({}))) as { url?: string; expiresAt?: string; error?: { message?: string } };
    if (response.ok && body.url && body.expiresAt) setLink({ url: body.url, expiresAt: body.expiresAt });
    else setError(body.error?.message ?? 'Could not make a link.');
  }

  if (link) {
    return (
      <span className="review-link">
        Review link (until {new Date(link.expiresAt).toLocaleString('en-GB')}): <input readOnly value={link.url} aria-label="Review link" onFocus={(e) => e.currentTarget.select()} />
      </span>
    );
  }
  return (
    <>
      <button type="button" className="link-button" onClick={create}>
        Share for review
      </button>
      {error ? <span className="field-error"> {error}</span> : null}
    </>
  );
}
