/**
 * Benchmark (not a test) of reloading content/ in a running server after a publish, on a generated corpus:
 *   npm run corpus -- --count 10000 --out /tmp/es-corpus-10k
 *   node --expose-gc --import tsx scripts/bench-content-reload.ts [--content /tmp/es-corpus-10k] [--runs 3]
 * It copies the corpus into a temp folder first (timestamps kept), so the edits below never touch a corpus that
 * other builds may be reading. Times, in one process: a full loadLibrary; loadLibraryIncremental with no memo; the
 * memo written to and read from disk; a reload with that memo and nothing changed; with one article edited; with
 * one article added. The cheap cases run --runs times each (median shown). With --expose-gc it also reports what a
 * memo costs in memory beyond the library and texts it shares its strings with. Single-threaded, in-process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LoadMemo, loadLibraryIncremental } from '../lib/content/incremental';
import { loadLibrary } from '../lib/content/load';
import { readLoadMemo, writeLoadMemo } from '../lib/content/load-memo';

const { values } = parseArgs({ options: { content: { type: 'string', default: '/tmp/es-corpus-10k' }, runs: { type: 'string', default: '3' } } });
const source = path.resolve(values.content);
const runs = Number(values.runs);
if (!fs.existsSync(path.join(source, 'articles'))) {
  console.error(`bench-content-reload: ${source} has no articles/ folder (make one with npm run corpus)`);
  process.exit(2);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'es-reload-bench-'));
const contentDir = path.join(root, 'content');
const cacheDir = path.join(root, 'cache');
// Kept timestamps: a copy made this second would be "too recent to trust" for every file (see file-stamp.ts).
fs.cpSync(source, contentDir, { recursive: true, preserveTimestamps: true });
const options = { contentDir, publicDir: path.resolve('public') };
const articlesDir = path.join(contentDir, 'articles');
const files = fs.readdirSync(articlesDir).filter((name) => name.endsWith('.md')).sort();

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time<T>(label: string, times: number, run: () => T, note: (result: T) => string = () => ''): T {
  const taken: number[] = [];
  let result!: T;
  for (let i = 0; i < times; i += 1) {
    const start = process.hrtime.bigint();
    result = run();
    taken.push(ms(start));
  }
  console.log(`${label.padEnd(52)} ${median(taken).toFixed(0).padStart(7)} ms  ${note(result)}`);
  return result;
}
const reparsed = (load: { reparsed: number; library: { articles: unknown[] } }) => `${load.reparsed} reparsed, ${load.library.articles.length} articles`;

try {
  console.log(`content reload bench: ${files.length} articles from ${source}, runs ${runs}\n`);
  const last = reloads();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    // Only `last` is alive now: the heap with its memo, then without (the memo shares body and text strings with it).
    gc();
    const withMemo = process.memoryUsage().heapUsed;
    (last as { memo?: LoadMemo }).memo = undefined;
    gc();
    const without = process.memoryUsage().heapUsed;
    console.log(`\nheap: one library + texts ${(without / 1e6).toFixed(0)} MB; its memo adds ${((withMemo - without) / 1e6).toFixed(0)} MB`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

/** The timed cases in order; returns the last load, everything else left to the garbage collector. */
function reloads() {
  time('loadLibrary (full)', 1, () => loadLibrary(options), (l) => `${l.articles.length} articles`);
  const first = time('loadLibraryIncremental, no memo', 1, () => loadLibraryIncremental(options), reparsed);
  time('writeLoadMemo', runs, () => writeLoadMemo(options, cacheDir, first.memo), () => {
    const file = fs.readdirSync(cacheDir).find((name) => name.endsWith('.memo'))!;
    return `${(fs.statSync(path.join(cacheDir, file)).size / 1e6).toFixed(1)} MB on disk`;
  });
  const fromDisk = time('readLoadMemo', runs, () => readLoadMemo(options, cacheDir)!, (m) => `${m.files.size} entries`);
  let memo: LoadMemo = time('incremental, memo from disk, no change', 1, () => loadLibraryIncremental(options, fromDisk), reparsed).memo;
  memo = time('incremental, memo in memory, no change', runs, () => loadLibraryIncremental(options, memo), reparsed).memo;

  const edited = path.join(articlesDir, files[files.length >> 1]!);
  fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8').replace(/^title: .*$/m, 'title: "Edited by the reload bench"'));
  const afterEdit = time('incremental, one article edited', 1, () => loadLibraryIncremental(options, memo), reparsed);
  if (!afterEdit.library.articles.some((a) => a.title === 'Edited by the reload bench')) throw new Error('the edit was not seen');

  fs.writeFileSync(path.join(articlesDir, 'zz-added-by-the-reload-bench.md'), fs.readFileSync(path.join(articlesDir, files[0]!), 'utf8'));
  return time('incremental, one article added', 1, () => loadLibraryIncremental(options, afterEdit.memo), (l) =>
    l.reparsed === 2 ? `${reparsed(l)} (the one edited just before too: younger than the tick margin)` : reparsed(l),
  );
}
