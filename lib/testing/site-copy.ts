/**
 * A copy of the built site in a temporary folder (for Playwright specs and benchmarks) — the build output without its cache, the server, the content and
 * public/ — for specs that change content and publish it: the copy's server writes its regenerated pages into its
 * own .next, never into the one the other specs' server reads. Code (lib/, node_modules) is linked, not copied.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT as ROOT } from './server';

export interface SiteCopy {
  root: string;
  contentDir: string;
  articlesDir: string;
  publicDir: string;
  /** Writes content/articles/<slug>.md in the copy. */
  writeArticle(slug: string, frontMatter: Record<string, unknown>, body: string): void;
  removeArticle(slug: string): void;
  remove(): void;
}

/**
 * Copies the build in the project's .next (Playwright's webServer or `npm run build` made it) with the site's content
 * — or the content folder `contentFrom`, say a benchmark corpus — into a new folder.
 */
export function copySite(label: string, { contentFrom }: { contentFrom?: string } = {}): SiteCopy {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `eurasian-star-${label}-`));
  fs.mkdirSync(path.join(root, '.next'));
  for (const entry of fs.readdirSync(path.join(ROOT, '.next'))) {
    if (entry !== 'cache') fs.cpSync(path.join(ROOT, '.next', entry), path.join(root, '.next', entry), { recursive: true });
  }
  for (const entry of ['server.mjs', 'next.config.js', 'package.json']) fs.copyFileSync(path.join(ROOT, entry), path.join(root, entry));
  fs.cpSync(contentFrom ?? path.join(ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'public'), path.join(root, 'public'), { recursive: true });
  for (const entry of ['node_modules', 'lib']) fs.symlinkSync(path.join(ROOT, entry), path.join(root, entry));
  const articlesDir = path.join(root, 'content', 'articles');
  return {
    root,
    contentDir: path.join(root, 'content'),
    articlesDir,
    publicDir: path.join(root, 'public'),
    writeArticle(slug, frontMatter, body) {
      const yaml = Object.entries(frontMatter)
        .map(([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value)}`)
        .join('\n');
      fs.writeFileSync(path.join(articlesDir, `${slug}.md`), `---\n${yaml}\n---\n\n${body}\n`);
    },
    removeArticle(slug) {
      fs.rmSync(path.join(articlesDir, `${slug}.md`));
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
