/**
 * `npm run import:wordpress`: parse (the whole file, before anything else) → plan (everything in memory) → stage
 * (files written under content/.import-staging and public/.import-staging) → comments (one transaction) → move the
 * staged files into place → write the manifest. Any failure before the move removes the staging folders and leaves
 * content/, public/ and the database as they were. Running it again on the same export changes nothing: each file is
 * compared with what is there, comments are keyed by the WordPress id, the redirect table is rewritten only when it
 * grows. A file edited since the importer wrote it is a conflict: kept, and listed, unless `overwrite`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { openDatabase } from '../../db/connect';
import { existingCommentIds, insertComments } from './comments';
import { parseWxrFile } from './parse';
import { MANIFEST, type Manifest, createPlanner, readManifest, sha256 } from './plan';
import { readRedirectFile, redirectFileText } from './redirects';
import type { ImportReport } from './report';
import type { RegistryName } from './terms';

export interface ImportOptions {
  file: string;
  contentDir: string;
  publicDir: string;
  uploadsDir?: string;
  dryRun?: boolean;
  overwrite?: boolean;
  /** The comment store's database (DATABASE_URL); the configured one when absent. */
  databaseUrl?: string;
  now?: Date;
}

type Write = { target: string; text: string | Buffer; copyFrom?: string };

/** Imports the export; throws WxrError for a bad file (nothing written), or the error that stopped a write (nothing left half-done). */
export async function importWordpress(options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const { contentDir, publicDir } = options;
  // Two streaming passes, so no more than one post's HTML is in memory at a time: the first checks the whole file
  // (nothing is done with a file that turns out truncated) and keeps only the header and the attachments, which
  // posts refer to by id; the second maps each post as it is read.
  const wxr = await parseWxrFile(options.file, { keep: (item) => item.postType === 'attachment' });
  const manifest = readManifest(contentDir);
  const planner = createPlanner(wxr, { contentDir, uploadsDir: options.uploadsDir, now, manifest, hashIps: !options.dryRun });
  await parseWxrFile(options.file, { onItem: (item) => planner.add(item) });
  const plan = planner.finish();

  const writes: Write[] = [];
  const articles: ImportReport['articles'] = { written: 0, updated: 0, unchanged: 0, overwritten: 0, conflicts: [], visibility: {}, postTypes: {} };
  const nextManifest: Manifest = { version: 1, articles: { ...manifest.articles } };
  for (const article of plan.articles) {
    articles.visibility[article.visibility] = (articles.visibility[article.visibility] ?? 0) + 1;
    articles.postTypes[article.postType === 'page' ? 'pages' : 'posts'] = (articles.postTypes[article.postType === 'page' ? 'pages' : 'posts'] ?? 0) + 1;
    const target = path.join(contentDir, 'articles', `${article.slug}.md`);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    const recorded = manifest.articles[article.key];
    nextManifest.articles[article.key] = { slug: article.slug, sha256: sha256(article.text) };
    if (current === article.text) articles.unchanged += 1;
    else if (current === undefined) {
      articles.written += 1;
      writes.push({ target, text: article.text });
    } else if (recorded && recorded.sha256 === sha256(current)) {
      articles.updated += 1;
      writes.push({ target, text: article.text });
    } else if (options.overwrite) {
      articles.overwritten += 1;
      writes.push({ target, text: article.text });
    } else {
      articles.conflicts.push(path.relative(process.cwd(), target) || target);
      nextManifest.articles[article.key] = recorded ?? { slug: article.slug, sha256: sha256(current) };
    }
  }

  const registries = {} as ImportReport['registries'];
  for (const name of ['authors', 'categories', 'tags'] as RegistryName[]) {
    const added = plan.terms.registries.added[name];
    registries[name] = { added: added.size, reused: plan.terms.registries.reused[name].size };
    if (added.size === 0) continue;
    const file = path.join(contentDir, `${name}.yaml`);
    const doc = parseDocument(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}');
    for (const [key, entry] of added) doc.set(key, doc.createNode(entry));
    writes.push({ target: file, text: doc.toString({ lineWidth: 0 }) });
  }

  const media: ImportReport['media'] = { copied: 0, alreadyThere: 0, keptAsLinks: plan.media.missing() };
  for (const [site, source] of plan.media.copies) {
    const target = path.join(publicDir, site);
    if (fs.existsSync(target) && fs.statSync(target).size === fs.statSync(source).size) media.alreadyThere += 1;
    else {
      media.copied += 1;
      writes.push({ target, text: '', copyFrom: source });
    }
  }

  const redirectFile = path.join(contentDir, 'redirects.json');
  const existingRedirects = readRedirectFile(redirectFile);
  const added = [...plan.redirects.entries].filter(([k, v]) => existingRedirects.get(k) !== v).length;
  if (added > 0) writes.push({ target: redirectFile, text: redirectFileText(existingRedirects, plan.redirects.entries) });
  const manifestText = `${JSON.stringify(nextManifest, null, 2)}\n`;
  const manifestFile = path.join(contentDir, MANIFEST);
  if (!fs.existsSync(manifestFile) || fs.readFileSync(manifestFile, 'utf8') !== manifestText) writes.push({ target: manifestFile, text: manifestText });

  const status: Record<string, number> = {};
  const comments: ImportReport['comments'] = { imported: 0, alreadyThere: 0, status, skipped: Object.fromEntries(plan.commentSkips), compared: !options.dryRun };
  let newComments = plan.comments;
  if (!options.dryRun) {
    const staged = stage(writes, contentDir, publicDir);
    try {
      const handle = await openDatabase(options.databaseUrl);
      try {
        const existing = await existingCommentIds(handle.db, plan.comments.map((c) => c.id));
        newComments = plan.comments.filter((c) => !existing.has(c.id));
        comments.alreadyThere = existing.size;
        await insertComments(handle.db, newComments);
      } finally {
        await handle.close();
      }
    } catch (error) {
      staged.discard();
      throw error;
    }
    staged.commit();
  }
  comments.imported = newComments.length;
  for (const c of newComments) status[c.status] = (status[c.status] ?? 0) + 1;

  return {
    file: options.file,
    version: wxr.version,
    dryRun: Boolean(options.dryRun),
    ms: Math.round(performance.now() - started),
    read: plan.read,
    articles,
    skipped: plan.skipped,
    comments,
    registries,
    media,
    redirects: { total: new Map([...existingRedirects, ...plan.redirects.entries]).size, added, refused: [...new Set(plan.redirects.refused)] },
    warnings: plan.warnings,
  };
}

/** Writes every file beside its target's tree first; commit() moves them into place (renames), discard() removes them. */
function stage(writes: Write[], contentDir: string, publicDir: string): { commit(): void; discard(): void } {
  const roots = [contentDir, publicDir].map((dir) => ({ dir, staging: path.join(dir, `.import-staging-${process.pid}`) }));
  const moves: [string, string][] = [];
  const discard = () => roots.forEach((r) => fs.rmSync(r.staging, { recursive: true, force: true }));
  try {
    writes.forEach((write, i) => {
      const root = roots.find((r) => write.target.startsWith(r.dir + path.sep)) ?? roots[0]!;
      const staged = path.join(root.staging, String(i));
      fs.mkdirSync(root.staging, { recursive: true });
      if (write.copyFrom) fs.copyFileSync(write.copyFrom, staged);
      else fs.writeFileSync(staged, write.text);
      moves.push([staged, write.target]);
    });
  } catch (error) {
    discard();
    throw error;
  }
  return {
    discard,
    commit() {
      for (const [from, to] of moves) {
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.renameSync(from, to);
      }
      discard();
    },
  };
}
