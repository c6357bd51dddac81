/**
 * Scheduled stories go live by themselves: every few seconds each server checks whether the date of a published
 * story not yet public has passed, and if so publishes (the same all-or-nothing publish as `npm run publish`, through
 * this server's own POST /api/internal/publish, with the content folder as it is then).
 */
import 'server-only';
import { getLibrary, publicationCutoff } from '../content';
import type { Library } from '../content/types';
import { log } from '../log';
import { ownOrigin, requestPublish } from './trigger';

/** How often the clock looks; a story goes live at most this long (plus the publish itself) after its time. */
export const CLOCK_INTERVAL_MS = 5_000;
/** After a refused publish (a content problem), how long before the clock tries again. */
const RETRY_AFTER_REFUSAL_MS = 60_000;

/** The earliest date after `cutoff` of a story marked published, in ms; undefined when none is waiting. */
export function nextScheduledAt(library: Library, cutoff: Date): number | undefined {
  let next: number | undefined;
  for (const article of library.articles) {
    if (article.status !== 'published') continue;
    const at = Date.parse(article.date);
    if (at > cutoff.getTime() && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** Starts the clock (once per process). */
export function startPublicationClock(): void {
  const holder = globalThis as typeof globalThis & { __eurasianStarPublicationClock?: NodeJS.Timeout };
  if (holder.__eurasianStarPublicationClock) return;
  let known: { library: Library; cutoff: Date; next: number | undefined } | undefined;
  let busy = false;
  let quietUntil = 0;
  const tick = async () => {
    const library = getLibrary();
    const cutoff = publicationCutoff();
    if (known?.library !== library || known.cutoff !== cutoff) known = { library, cutoff, next: nextScheduledAt(library, cutoff) };
    const now = Date.now();
    if (busy || known.next === undefined || known.next > now || now < quietUntil) return;
    busy = true;
    try {
      const result = await requestPublish(ownOrigin(), 'scheduled');
      if (!result.reached || !result.report.ok) {
        quietUntil = Date.now() + RETRY_AFTER_REFUSAL_MS;
        log.warn('scheduled publish did not happen; the clock tries again in a minute', result.reached ? { problems: result.report.ok ? [] : result.report.problems.slice(0, 5) } : { reason: result.error });
      }
    } finally {
      busy = false;
    }
  };
  holder.__eurasianStarPublicationClock = setInterval(() => void tick(), CLOCK_INTERVAL_MS);
  holder.__eurasianStarPublicationClock.unref();
}
