/**
 * The last step of `npm run build`: indexes the articles the build published and writes the index to
 * .next/search-index.json, stamped with the build's id, for /search and /api/search to load.
 */
import fs from 'node:fs';
import path from 'node:path';

const distDir = path.join(process.cwd(), '.next');

async function main() {
  // The build judged "published" at the moment next.config inlined; the index must agree with it exactly.
  const serverFiles = JSON.parse(fs.readFileSync(path.join(distDir, 'required-server-files.json'), 'utf8')) as { config: { env?: Record<string, string> } };
  const builtAt = serverFiles.config.env?.EURASIAN_STAR_BUILT_AT;
  if (!builtAt) throw new Error('.next/required-server-files.json names no EURASIAN_STAR_BUILT_AT: run `next build` first');
  process.env.EURASIAN_STAR_BUILT_AT = builtAt;
  const buildId = fs.readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim();

  const { listPublishedArticles, readArticleTexts } = await import('../lib/content');
  const { indexDocuments, toSearchDocument } = await import('../lib/search');
  const { SEARCH_INDEX_FILE, SEARCH_TEXT_DIR } = await import('../lib/search/server');

  const started = performance.now();
  const articles = listPublishedArticles();
  // The plain texts check-content's validation left beside the library cache; parsed again only where missing.
  const texts = readArticleTexts();
  const documents = articles.map((article) => toSearchDocument(article, texts?.get(article.slug)));
  // Each article's plain text, for snippets: read per result instead of parsing Markdown per result.
  const textDir = path.join(distDir, SEARCH_TEXT_DIR);
  fs.rmSync(textDir, { recursive: true, force: true });
  fs.mkdirSync(textDir);
  for (const document of documents) fs.writeFileSync(path.join(textDir, `${document.id}.txt`), document.body);
  const index = indexDocuments(documents);
  const json = JSON.stringify({ buildId, builtAt, articles: articles.length, index });
  const file = path.join(distDir, SEARCH_INDEX_FILE);
  fs.writeFileSync(`${file}.tmp`, json);
  fs.renameSync(`${file}.tmp`, file);
  const ms = performance.now() - started;
  console.log(`search index: ${articles.length} articles, ${index.termCount} terms, ${(json.length / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms -> ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(`search index: ${(error as Error).message}`);
  process.exit(1);
});
