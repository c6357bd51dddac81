/** Splitting lists into numbered pages. */
import { site } from './site';

export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
  total: number;
}

/** Page `page` (1-based) of `items`, or undefined when that page does not exist. Page 1 always exists. */
export function paginate<T>(items: T[], page: number, perPage: number = site.perPage): Page<T> | undefined {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return undefined;
  return { items: items.slice((page - 1) * perPage, page * perPage), page, totalPages, total: items.length };
}

/** Route params for pages 2…N of a paginated list (page 1 lives at the list's own path). */
export function extraPageParams(count: number, perPage: number = site.perPage): { n: string }[] {
  const totalPages = Math.ceil(count / perPage);
  return Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => ({ n: String(i + 2) }));
}

/** Parses a page-number route segment: only canonical decimal numbers ≥ 2 count. */
export function parsePageParam(n: string): number | undefined {
  return /^[1-9][0-9]{0,5}$/.test(n) && n !== '1' ? Number(n) : undefined;
}

/** Page numbers to show: the first, the last and two either side of the current one; null marks a gap. */
export function pageWindow(page: number, totalPages: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, totalPages])]
    .filter((n) => n >= 1 && n <= totalPages)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}
