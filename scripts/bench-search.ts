/**
 * Benchmark (not a test) for search, on a content folder such as a generated corpus:
 *   npm run corpus -- --count 10000 --out /tmp/es-corpus-10k
 *   npm run bench:search -- --content /tmp/es-corpus-10k [--queries 400] [--runs 3] [--json FILE] [--compare]
 * Without --content it uses ./content. Reports the index's build time, size (raw and gzip), load time and
 * memory, and query latency (p50/p95/p99/max, median over runs) for the engine alone and for a whole
 * results page (ten results with highlighted snippets), on the path the server takes: the build's index
 * file loaded by getSearchIndex (compiled into typed arrays), searchIndex and searchArticles.
 * --compare also loads the same file into MiniSearch and times its search() in the same runs, interleaved.
 * In-process, single-threaded, bounded.
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
    compare: { type: 'boolean', default: false },
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
/** Heap plus ArrayBuffer memory (typed arrays live outside the heap), after full collections with freed buffers released. */
const memory = async () => {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

async function main() {
  const { getLibrary, listPublishedArticles } = await import('../lib/content');
  const { indexDocuments, searchIndex, serializeSearchIndex, toSearchDocument } = await import('../lib/search');
  const { getSearchIndex, resultsPage, searchArticles, SEARCH_INDEX_FILE, SEARCH_TEXT_DIR } = await import('../lib/search/server');
  const { loadMiniSearch, searchWithMiniSearch } = await import('../lib/search/reference');
  const { compiledIndexBytes } = await import('../lib/search/compiled');
  const { tokenize } = await import('../lib/search/terms');

  const loadStarted = performance.now();
  const articles = listPublishedArticles();
  const loadMs = performance.now() - loadStarted;
  console.log(`bench:search: ${articles.length} published articles of ${getLibrary().articles.length} in ${contentDir} (read and parsed in ${(loadMs / 1000).toFixed(1)} s)`);

  // As after `npm run build`: each article's plain text in <cwd>/.next/search-text/, where the results page reads snippets
  // from, and the index in <cwd>/.next/search-index.json with the build's id, where getSearchIndex loads it from.
  // In a function of its own so that neither the MiniSearch instance nor the JSON text outlives it.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-search-'));
  const writeBuild = () => {
    let started = performance.now();
    const documents = articles.map((article) => toSearchDocument(article));
    const built = indexDocuments(documents);
    const buildMs = performance.now() - started;
    fs.mkdirSync(path.join(work, '.next', SEARCH_TEXT_DIR), { recursive: true });
    for (const document of documents) fs.writeFileSync(path.join(work, '.next', SEARCH_TEXT_DIR, `${document.id}.txt`), document.body);
    started = performance.now();
    const json = serializeSearchIndex(built);
    const serializeMs = performance.now() - started;
    if (values['save-index']) fs.writeFileSync(values['save-index'], json);
    fs.writeFileSync(path.join(work, '.next', 'BUILD_ID'), 'bench');
    fs.writeFileSync(path.join(work, '.next', SEARCH_INDEX_FILE), `{"buildId":"bench","builtAt":"","articles":${articles.length},"index":${json}}`);
    return { buildMs, serializeMs, bytes: json.length, gzipBytes: zlib.gzipSync(json).length, terms: built.termCount };
  };
  const built = writeBuild();
  process.chdir(work);

  // Only what the server keeps is counted: getSearchIndex reads, parses and compiles the file and keeps the compiled form.
  const memoryBefore = await memory();
  const started = performance.now();
  const index = getSearchIndex();
  const indexLoadMs = performance.now() - started;
  const heapBytes = (await memory()) - memoryBefore;
  const compiledBytes = compiledIndexBytes(index);

  // The reference: the same file loaded into MiniSearch, as the server did before the compiled engine.
  const loadReference = async () => {
    const before = await memory();
    const start = performance.now();
    const stored = JSON.parse(fs.readFileSync(path.join(work, '.next', SEARCH_INDEX_FILE), 'utf8')) as { index: Parameters<typeof loadMiniSearch>[0] };
    const mini = loadMiniSearch(stored.index);
    const loadMs = performance.now() - start;
    return { loadMs, heapBytes: (await memory()) - before, search: (q: string) => searchWithMiniSearch(mini, q) };
  };
  const reference = values.compare ? await loadReference() : undefined;

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
  const engine: ReturnType<typeof measure>[] = [];
  const page: ReturnType<typeof measure>[] = [];
  const referenceEngine: ReturnType<typeof measure>[] = [];
  const referencePage: ReturnType<typeof measure>[] = [];
  let hits = 0;
  for (const q of queries) hits += searchIndex(index, q).hits.length;
  for (let r = 0; r < runs; r++) {
    engine.push(measure((q) => searchIndex(getSearchIndex(), q)));
    page.push(measure((q) => searchArticles(q, 1, 10)));
    if (reference) {
      const { search } = reference;
      referenceEngine.push(measure((q) => search(q)));
      referencePage.push(measure((q) => resultsPage(q, search(q), 1, 10)));
    }
  }
  const summary = (list: ReturnType<typeof measure>[]) => ({
    p50Ms: median(list.map((m) => m.p50)),
    p95Ms: median(list.map((m) => m.p95)),
    p99Ms: median(list.map((m) => m.p99)),
    maxMs: median(list.map((m) => m.max)),
  });
  const result = {
    articles: articles.length,
    loadAverage: os.loadavg(),
    index: { ...built, loadMs: indexLoadMs, heapBytes, compiledArrayBytes: compiledBytes.arrays, compiledStringBytes: compiledBytes.strings },
    queries: { count, runs, meanHits: hits / count, engine: summary(engine), page: summary(page) },
    ...(reference
      ? { minisearch: { loadMs: reference.loadMs, heapBytes: reference.heapBytes, engine: summary(referenceEngine), page: summary(referencePage) } }
      : {}),
  };

  const f = (n: number) => n.toFixed(2);
  console.log('');
  console.log('| search, %s articles | value |', articles.length.toLocaleString('en-GB'));
  console.log('| --- | --- |');
  console.log(`| index build | ${(built.buildMs / 1000).toFixed(2)} s (serialise ${(built.serializeMs / 1000).toFixed(2)} s) |`);
  console.log(`| index size | ${mb(built.bytes)} JSON, ${mb(built.gzipBytes)} gzip, ${result.index.terms.toLocaleString('en-GB')} terms |`);
  // Without a full collection before and after, the difference is whatever garbage happened to be around: not shown.
  const heapText = global.gc ? `~${mb(heapBytes)} heap and typed arrays` : 'heap not measured (run with --expose-gc)';
  const times = (m: ReturnType<typeof summary>) => `${f(m.p50Ms)} / ${f(m.p95Ms)} / ${f(m.p99Ms)} / ${f(m.maxMs)} ms`;
  console.log(
    `| index load at server start (read, parse, compile) | ${(indexLoadMs / 1000).toFixed(2)} s, ${heapText} (${mb(compiledBytes.arrays)} arrays + ~${mb(compiledBytes.strings)} strings by count) |`,
  );
  console.log(`| query, engine only (p50 / p95 / p99 / max) | ${times(result.queries.engine)} |`);
  console.log(`| results page with snippets (p50 / p95 / p99 / max) | ${times(result.queries.page)} |`);
  if (result.minisearch) {
    console.log(`| MiniSearch: index load (read, parse, loadJS) | ${(result.minisearch.loadMs / 1000).toFixed(2)} s, ${global.gc ? `~${mb(result.minisearch.heapBytes)} heap` : 'heap not measured'} |`);
    console.log(`| MiniSearch: query, engine only | ${times(result.minisearch.engine)} |`);
    console.log(`| MiniSearch: results page with snippets | ${times(result.minisearch.page)} |`);
  }
  console.log(`| queries | ${count} × ${runs} runs (medians shown), ${result.queries.meanHits.toFixed(0)} hits on average |`);
  console.log(`| load average (1 / 5 / 15 min), ${os.cpus().length} CPUs | ${result.loadAverage.map((n) => n.toFixed(2)).join(' / ')} |`);
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
