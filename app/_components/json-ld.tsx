import { jsonLd } from '@/lib/structured-data';

/** Structured data for search engines, escaped so that no content can break out of the script element. */
export function JsonLd({ data }: { data: Record<string, unknown> | Record<string, unknown>[] }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />;
}
