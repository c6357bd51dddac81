/**
 * Benchmark (not a test) for search, on a content folder such as a generated corpus:
 *   npm run corpus -- --count 10000 --out /tmp/es-corpus-10k
 *   npm run bench:search -- --content /tmp/es-corpus-10k [--queries 400] [--runs 3] [--json FILE]
 * Without --content it uses ./content. Reports the index's build time, size (raw and gzip), load time and
 * heap, and query latency (p50/p95/p99/max, median over runs) for the engine alone and for a whole
 * results page (ten results with highlighted snippets). In-process, single-threaded, bounded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { rng } from './corpus/generate';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    queries: { type: 'string', default: '400' },
    runs: { type: 'string', default: '3' },
    json: { type: 'string' },
    'save-index': { type: 'string' },
  },
});

const contentDir = path.resolve(values.content ?? 'content');
const jsonFile = values.json ? path.resolve(values.json) : undefined;
if (!fs.existsSync(path.join(contentDir, 'articles'))) {
  console.error(`bench:search: ${contentDir} has no articles/ folder (make one with npm run corpus)`);
  process.exit(2);
}
// lib/content reads CONTENT_DIR when first used; set it before the modules load.
process.env.CONTENT_DIR = contentDir;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const { getLibrary, listPublishedArticles } = await import('../lib/content');
  const { indexDocuments, loadSearchIndex, searchIndex, serializeSearchIndex, toSearchDocument } = await import('../lib/search');
  const { searchArticles, SEARCH_TEXT_DIR } = await import('../lib/search/server');
  const { tokenize } = await import('../lib/search/terms');

  let started = performance.now();
  const articles = listPublishedArticles();
  const loadMs = performance.now() - started;
  console.log(`bench:search: ${articles.length} published articles of ${getLibrary().articles.length} in ${contentDir} (read and parsed in ${(loadMs / 1000).toFixed(1)} s)`);

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  const documents = articles.map(toSearchDocument);
  const built = indexDocuments(documents);
  const buildMs = performance.now() - started;
  // As after `npm run build`: each article's plain text in <cwd>/.next/search-text/, where the results page reads snippets from.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-search-'));
  fs.mkdirSync(path.join(work, '.next', SEARCH_TEXT_DIR), { recursive: true });
  for (const document of documents) fs.writeFileSync(path.join(work, '.next', SEARCH_TEXT_DIR, `${document.id}.txt`), document.body);
  documents.length = 0;
  started = performance.now();
  const json = serializeSearchIndex(built);
  const serializeMs = performance.now() - started;
  const gzipBytes = zlib.gzipSync(json).length;
  if (values['save-index']) fs.writeFileSync(values['save-index'], json);
  started = performance.now();
  const index = loadSearchIndex(json);
  const indexLoadMs = performance.now() - started;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  // Questions readers ask: words from headlines (one, two, a prefix being typed, lower case without
  // diacritics, a typo), Cyrillic words, tags and names, and a few that match nothing.
  const random = rng(20261128);
  const titleWords = articles.flatMap((a) => tokenize(a.title)).filter((w) => w.length > 3);
  const pickWord = () => titleWords[Math.floor(random() * titleWords.length)]!;
  const fold = (w: string) => w.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[ʻʼ']/g, '').toLowerCase();
  const makers: (() => string)[] = [
    () => pickWord(),
    () => `${pickWord()} ${pickWord()}`,
    () => pickWord().slice(0, 3 + Math.floor(random() * 3)),
    () => fold(pickWord()),
    () => {
      const w = pickWord();
      const i = 1 + Math.floor(random() * (w.length - 2));
      return w.length >= 7 ? w.slice(0, i) + w.slice(i + 1) : w;
    },
    () => ['Kazakhstan', 'Oʻzbekiston', 'ozbekiston', 'Türkmenistan', 'turkmenistan', 'Казахстан', 'водные ресурсы', 'gas pipeline', 'Rogun dam', 'border treaty'][Math.floor(random() * 10)]!,
    () => ['zzqx', 'the of', '!!!', 'qwertyuiop asdfgh'][Math.floor(random() * 4)]!,
  ];
  const count = Number(values.queries);
  const queries = Array.from({ length: count }, (_, i) => makers[i % makers.length]!());

  const measure = (fn: (q: string) => unknown) => {
    for (const q of queries.slice(0, 50)) fn(q); // warm-up
    const times: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      fn(q);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), max: times.at(-1)! };
  };

  const runs = Number(values.runs);
  process.chdir(work);
  const engine: ReturnType<typeof measure>[] = [];
  const page: ReturnType<typeof measure>[] = [];
  let hits = 0;
  for (const q of queries) hits += searchIndex(index, q).hits.length;
  for (let r = 0; r < runs; r++) {
    engine.push(measure((q) => searchIndex(index, q)));
    page.push(measure((q) => searchArticles(q, 1, 10, index)));
  }
  const summary = (list: ReturnType<typeof measure>[]) => ({
    p50Ms: median(list.map((m) => m.p50)),
    p95Ms: median(list.map((m) => m.p95)),
    p99Ms: median(list.map((m) => m.p99)),
    maxMs: median(list.map((m) => m.max)),
  });
  const result = {
    articles: articles.length,
    index: { buildMs, serializeMs, loadMs: indexLoadMs, bytes: json.length, gzipBytes, heapBytes: heapAfter - heapBefore, terms: index.termCount },
    queries: { count, runs, meanHits: hits / count, engine: summary(engine), page: summary(page) },
  };

  const f = (n: number) => n.toFixed(2);
  console.log('');
  console.log('| search, %s articles | value |', articles.length.toLocaleString('en-GB'));
  console.log('| --- | --- |');
  console.log(`| index build | ${(buildMs / 1000).toFixed(2)} s (serialise ${(serializeMs / 1000).toFixed(2)} s) |`);
  console.log(`| index size | ${mb(json.length)} JSON, ${mb(gzipBytes)} gzip, ${result.index.terms.toLocaleString('en-GB')} terms |`);
  console.log(`| index load at server start | ${(indexLoadMs / 1000).toFixed(2)} s, ~${mb(result.index.heapBytes)} heap${global.gc ? '' : ' (run with --expose-gc for an exact figure)'} |`);
  console.log(`| query, engine only (p50 / p95 / p99 / max) | ${f(result.queries.engine.p50Ms)} / ${f(result.queries.engine.p95Ms)} / ${f(result.queries.engine.p99Ms)} / ${f(result.queries.engine.maxMs)} ms |`);
  console.log(`| results page with snippets (p50 / p95 / p99 / max) | ${f(result.queries.page.p50Ms)} / ${f(result.queries.page.p95Ms)} / ${f(result.queries.page.p99Ms)} / ${f(result.queries.page.maxMs)} ms |`);
  console.log(`| queries | ${count} × ${runs} runs (medians shown), ${result.queries.meanHits.toFixed(0)} hits on average |`);
  fs.rmSync(work, { recursive: true, force: true });
  if (jsonFile) {
    fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
    fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${jsonFile}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
