import { formatDate } from '@/lib/format';

/** A machine-readable <time> showing the date in the site's time zone. */
export function Time({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} className={className}>
      {formatDate(iso)}
    </time>
  );
}
