import { env } from './env';

// Building an Intl.DateTimeFormat costs far more than using one: keep one per locale, options and time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\0${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** "6 June 2024" in the site's time zone. */
export function formatDate(iso: string): string {
  return formatter('en-GB', { dateStyle: 'long', timeZone: env().SITE_TIMEZONE }).format(new Date(iso));
}

/** "6 June 2024, 09:00" in the site's time zone. */
export function formatDateTime(iso: string): string {
  return formatter('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: env().SITE_TIMEZONE }).format(new Date(iso));
}

/** Year and two-digit month of an instant in the site's time zone, e.g. { year: "2024", month: "06" }. */
export function yearMonth(iso: string): { year: string; month: string } {
  const parts = formatter('en-CA', { year: 'numeric', month: '2-digit', timeZone: env().SITE_TIMEZONE }).formatToParts(new Date(iso));
  return { year: parts.find((p) => p.type === 'year')!.value, month: parts.find((p) => p.type === 'month')!.value };
}

/** "June 2024" for a year and two-digit month. */
export function monthName(year: string, month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
}
