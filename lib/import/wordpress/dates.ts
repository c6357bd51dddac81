/** WordPress's "YYYY-MM-DD HH:MM:SS" dates as the ISO 8601 date-times the content schema takes. */

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Milliseconds since the epoch of a WordPress date read as UTC, or undefined for "0000-00-00 00:00:00" and junk. */
export function wpDateMs(value: string): number | undefined {
  const m = WP_DATE.exec(value.trim());
  if (!m || m[1] === '0000') return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The post's date with the site's offset at the time: post_date is the local time, post_date_gmt the same instant in
 * UTC, so their difference is the offset. Without a GMT date (drafts have 0000-00-00), post_date is taken as UTC.
 */
export function wpDateTime(gmt: string, local: string): string | undefined {
  const utc = wpDateMs(gmt);
  const localMs = wpDateMs(local);
  if (utc === undefined) return localMs === undefined ? undefined : new Date(localMs).toISOString().replace('.000Z', 'Z');
  // Offsets are whole quarter hours; rounding absorbs a second's drift between the two fields.
  const offsetMin = localMs === undefined ? 0 : Math.round((localMs - utc) / 60_000 / 15) * 15;
  if (offsetMin === 0 || Math.abs(offsetMin) > 14 * 60) return new Date(utc).toISOString().replace('.000Z', 'Z');
  const shifted = new Date(utc + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${shifted}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A WordPress GMT date (or the local one when GMT is zero) as an ISO UTC string for the comment store. */
export function wpUtcIso(gmt: string, local: string): string | undefined {
  const ms = wpDateMs(gmt) ?? wpDateMs(local);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
