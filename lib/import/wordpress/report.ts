/** What an import did, counted by type and status, and how it is printed. */
import type { Warning } from './map';

export type Counts = Record<string, number>;

export interface ImportReport {
  file: string;
  version: string;
  dryRun: boolean;
  ms: number;
  /** Items read by post type, and comments read. */
  read: Counts;
  articles: { written: number; updated: number; unchanged: number; overwritten: number; conflicts: string[]; visibility: Counts; postTypes: Counts };
  /** Items not imported, by reason. */
  skipped: Counts;
  comments: { imported: number; alreadyThere: number; status: Counts; skipped: Counts; compared: boolean };
  registries: Record<'authors' | 'categories' | 'tags', { added: number; reused: number }>;
  media: { copied: number; alreadyThere: number; keptAsLinks: { url: string; posts: string[] }[] };
  redirects: { total: number; added: number; refused: string[] };
  warnings: Warning[];
}

const list = (counts: Counts) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';
const sum = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The report as the command prints it. */
export function formatReport(r: ImportReport): string {
  const a = r.articles;
  const lines = [
    `${r.dryRun ? 'DRY RUN (nothing written): ' : ''}WordPress import of ${r.file} (WXR ${r.version})`,
    `read: ${sum(r.read) - (r.read.comments ?? 0)} items (${list(Object.fromEntries(Object.entries(r.read).filter(([k]) => k !== 'comments')))}), ${r.read.comments ?? 0} comments`,
    `articles: ${sum(a.visibility)} imported (${list(a.visibility)}; ${list(a.postTypes)}): ${a.written} new, ${a.updated} updated, ${a.overwritten} overwritten, ${a.unchanged} unchanged, ${a.conflicts.length} conflicts`,
    `not imported: ${sum(r.skipped)} (${list(r.skipped)})`,
    `comments: ${r.comments.imported} ${r.dryRun ? 'to import' : 'imported'} (${list(r.comments.status)})${r.comments.compared ? `, ${r.comments.alreadyThere} already in the store` : ' (not compared with the store)'}; skipped ${sum(r.comments.skipped)} (${list(r.comments.skipped)})`,
    `authors: ${r.registries.authors.added} added, ${r.registries.authors.reused} reused; categories: ${r.registries.categories.added} added, ${r.registries.categories.reused} reused; tags: ${r.registries.tags.added} added, ${r.registries.tags.reused} reused`,
    `media: ${r.media.copied} copied to public/images/wp, ${r.media.alreadyThere} already there, ${r.media.keptAsLinks.length} kept as links to the original`,
    `redirects: ${r.redirects.total} in content/redirects.json (${r.redirects.added} new); ${r.redirects.refused.length} old addresses left to the site's own pages`,
  ];
  for (const conflict of a.conflicts) lines.push(`  conflict: ${conflict} was edited after the last import: kept as it is (--overwrite replaces it)`);
  for (const m of r.media.keptAsLinks) lines.push(`  media kept as a link: ${m.url} (post ${m.posts.join(', ')})`);
  for (const path of r.redirects.refused) lines.push(`  not redirected (the site serves it): ${path}`);
  if (r.warnings.length > 0) lines.push(`warnings: ${r.warnings.length}`);
  for (const w of r.warnings) lines.push(`  post ${w.postId}: ${w.message}`);
  lines.push(`time: ${(r.ms / 1000).toFixed(2)} s`);
  return lines.join('\n');
}
