/**
 * The benchmark suite (not a test): for each corpus size, generate a corpus, build the site in a copy of the project,
 * serve it, and measure build time and memory and page weights; then page throughput with every size served at once
 * and the runs interleaved across sizes; then, per size, comment throughput, card render time and search. Prints one
 * table and writes bench-results/<date>.json. See docs/benchmarks.md.
 *
 *   npm run bench [-- --sizes 1000,10000 --runs 3 --seconds 5 --quick --keep]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, type CorpusManifest } from '../corpus/generate';
import { type LoadResult, loadPage, summariseRuns } from './load';
import { measurePage, type PageWeight } from './page-weight';
import { runMeasured, type MeasuredRun } from './process-tree';
import { type Site, startSite } from '../../lib/testing/server';

const HOST = '127.0.0.1';
/** This suite's own ports: the site on the first, the comments benchmark's servers on the rest. */
const DEFAULT_PORTS = '3600-3699';
const BUILD_TIMEOUT_MS = 30 * 60_000;
const STEP_TIMEOUT_MS = 10 * 60_000;

interface Options {
  sizes: number[];
  runs: number;
  seconds: number;
  connections: number;
  commentRuns: number;
  commentSeconds: number;
  ogRounds: number;
  ogCards: number;
  keep: boolean;
  ports: [number, number];
  seed: number;
}

interface PageResult {
  kind: string;
  path: string;
  weight?: PageWeight;
  load?: LoadResult;
  error?: string;
}

interface SizeResult {
  size: number;
  corpus: Omit<CorpusManifest, 'drafts' | 'scheduled'> & { drafts: number; scheduled: number };
  build: MeasuredRun & { log: string; pages: number | null; distBytes: number | null };
  firstRequestMs?: Record<string, number>;
  hidden?: { path: string; status: number }[];
  pages: PageResult[];
  comments?: { sqlite?: number; postgres?: number; detail: unknown; error?: string };
  og?: { medianMs: number; p95Ms: number; renders: number; error?: string };
  search?: { p95Ms?: number; note: string };
  publish?: { medianMs?: number; maxMs?: number; rssMb?: number[]; note: string };
}

const root = process.cwd();
const log = (message: string) => console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}`);

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      ports: { type: 'string', default: DEFAULT_PORTS },
      seed: { type: 'string', default: '1' },
    },
  });
  const quick = values.quick;
  const num = (value: string | undefined, fallback: number, name: string, max: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  const sizes = (values.sizes ?? (quick ? '1000' : '1000,10000')).split(',').map((s) => num(s.trim(), 0, 'sizes', 100_000));
  const ports = /^(\d{4,5})-(\d{4,5})$/.exec(values.ports);
  if (!ports || Number(ports[2]) - Number(ports[1]) < 2) throw new Error('--ports is a range of at least 3 ports, e.g. 3600-3699');
  return {
    sizes,
    runs: num(values.runs, quick ? 1 : 3, 'runs', 9),
    seconds: num(values.seconds, quick ? 3 : 5, 'seconds', 30),
    connections: 16,
    commentRuns: quick ? 1 : 3,
    commentSeconds: quick ? 3 : 5,
    ogRounds: quick ? 1 : 3,
    ogCards: quick ? 20 : 50,
    keep: values.keep,
    ports: [Number(ports[1]), Number(ports[2])],
    seed: num(values.seed, 1, 'seed', 2 ** 31),
  };
}

/** A copy of the project without its build, data or git history: the worktree's own .next is never touched. */
function prepareBuildDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const skip = new Set(['node_modules', '.next', 'data', '.git', 'bench-results', 'test-results', 'playwright-report', 'blob-report']);
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !skip.has(path.relative(root, src).split(path.sep)[0]!) });
}

function waitExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** node_modules hard-linked into the copy (fast, no extra disk); a symlink where hard links cannot be made. */
async function linkNodeModules(dir: string): Promise<void> {
  const target = path.join(dir, 'node_modules');
  const code = await waitExit(spawn('cp', ['-al', path.join(root, 'node_modules'), target], { stdio: 'ignore' }));
  if (code !== 0 || !fs.existsSync(path.join(target, 'next'))) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.symlinkSync(path.join(root, 'node_modules'), target, 'dir');
  }
}

function dirBytes(dir: string): number | null {
  try {
    let total = 0;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    }
    return total;
  } catch {
    return null;
  }
}

/** `node server.mjs` from a size's build (lib/testing/server.ts), with that size's environment and nothing else. */
function startBuild(buildDir: string, env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<Site> {
  return startSite({ cwd: buildDir, inheritEnv: false, env, port, logFile, readyTimeoutMs: 120_000 });
}

async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(60_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start };
}

/** Runs a tsx script in `cwd`; resolves with its exit code. Output goes to `logFile`. */
async function runScript(cwd: string, script: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<number | null> {
  const out = fs.openSync(logFile, 'w');
  // --expose-gc: bench-search measures the index's heap after a full collection.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], { cwd, env, stdio: ['ignore', out, out] });
  const timer = setTimeout(() => child.kill('SIGTERM'), STEP_TIMEOUT_MS);
  const code = await waitExit(child);
  clearTimeout(timer);
  fs.closeSync(out);
  return code;
}

interface Prepared {
  result: SizeResult;
  buildDir: string;
  corpusDir: string;
  env: NodeJS.ProcessEnv;
}

/** Corpus, build, first requests, unpublished pages and page weight for one size; its build is kept for the loads. */
async function prepareSize(size: number, options: Options, workDir: string): Promise<Prepared> {
  const corpusDir = path.join(os.tmpdir(), `es-bench-corpus-${size}`);
  const buildDir = path.join(os.tmpdir(), `es-bench-${size}`);
  const dataDir = path.join(buildDir, 'data');
  log(`${size}: corpus → ${corpusDir}`);
  const manifest = generateCorpus({ count: size, seed: options.seed, dir: corpusDir });
  log(`${size}: project copy → ${buildDir}`);
  prepareBuildDir(buildDir);
  await linkNodeModules(buildDir);
  const env: NodeJS.ProcessEnv = { ...process.env, CONTENT_DIR: corpusDir, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL;
  delete env.PORT;

  log(`${size}: npm run build (log: ${path.join(workDir, `build-${size}.log`)})`);
  const buildLog = path.join(workDir, `build-${size}.log`);
  const build = await runMeasured('npm', ['run', 'build'], { cwd: buildDir, env, logFile: buildLog, timeoutMs: BUILD_TIMEOUT_MS });
  const buildText = fs.readFileSync(buildLog, 'utf8');
  const pages = Number(/Generating static pages[^(]*\((\d+)\/\1\)/.exec(buildText)?.[1] ?? Number.NaN);
  const result: SizeResult = {
    size,
    corpus: { ...manifest, drafts: manifest.drafts.length, scheduled: manifest.scheduled.length },
    build: { ...build, log: buildLog, pages: Number.isFinite(pages) ? pages : null, distBytes: dirBytes(path.join(buildDir, '.next')) },
    pages: [],
  };
  log(`${size}: build exit ${build.code} in ${(build.wallMs / 1000).toFixed(1)} s, peak tree PSS ${mb(build.peakTreePssBytes)} MB, RSS ${mb(build.peakTreeRssBytes)} MB`);
  if (build.code !== 0) throw new Error(`the ${size}-article build failed: see ${buildLog}`);

  const port = options.ports[0];
  const base = `http://${HOST}:${port}`;
  const server = await startBuild(buildDir, env, port, path.join(workDir, `server-${size}.log`));
  try {
    const { sample } = manifest;
    const targets = [
      { kind: 'article', path: `/articles/${sample.article}` },
      // The same story at every size (its date and related links aside): article pages compared like for like.
      { kind: 'same-story article', path: `/articles/${sample.sameStoryArticle}` },
      { kind: 'home', path: '/' },
      { kind: 'tag', path: `/tag/${sample.tag}` },
    ];
    // Pages a build may leave to the first request: timed cold, before anything else warms them.
    result.firstRequestMs = {};
    for (const [name, p] of [
      ['oldest article', `/articles/${sample.oldestArticle}`],
      ['deepest home page', `/page/${Math.ceil(manifest.published / 10)}`],
    ] as const) {
      const answer = await timedGet(`${base}${p}`);
      result.firstRequestMs[`${name} ${p} (${answer.status})`] = Math.round(answer.ms);
    }
    // The oldest hero image's crop is cut on its first request (lib/prerender.ts), then served from the cache.
    let cropFile: string | undefined;
    if (sample.oldestHeroArticle) {
      const html = await (await fetch(`${base}/articles/${sample.oldestHeroArticle}`)).text();
      const crop = new RegExp(`/hero/${sample.oldestHeroArticle}/16x9-[0-9a-f]+\\.jpg`).exec(html)?.[0];
      if (crop) {
        cropFile = crop.split('/').pop();
        for (const name of ['oldest hero crop', 'oldest hero crop, again']) {
          const answer = await timedGet(`${base}${crop}`);
          result.firstRequestMs[`${name} ${crop} (${answer.status})`] = Math.round(answer.ms);
        }
      }
    }
    // Unpublished articles must stay unreachable however pages are rendered.
    result.hidden = [];
    for (const slug of [...manifest.drafts.slice(0, 2), ...manifest.scheduled.slice(0, 2)]) {
      const paths = [`/articles/${slug}`, `/og/article/${slug}/x.png`, ...(cropFile ? [`/hero/${slug}/${cropFile}`] : [])];
      for (const p of paths) result.hidden.push({ path: p, status: (await timedGet(`${base}${p}`)).status });
    }
    for (const target of targets) {
      const page: PageResult = { ...target };
      try {
        page.weight = await measurePage(base, target.path);
      } catch (error) {
        page.error = (error as Error).message;
      }
      result.pages.push(page);
    }
  } finally {
    await server.stop();
  }
  return { result, buildDir, corpusDir, env };
}

/**
 * Serves every size's build at once (one server each) and loads the same kind of page on each in turn: a warm-up
 * per server, then run 1 on every size, run 2 on every size, and so on. Whatever the machine does meanwhile (the
 * disk writing back a 2 GB build, a neighbour's load) falls on all sizes alike, not on whichever size ran then.
 */
async function loadPages(prepared: Prepared[], options: Options, workDir: string): Promise<void> {
  const servers: { site: Site; base: string }[] = [];
  try {
    for (const [i, { result, buildDir, env }] of prepared.entries()) {
      const port = options.ports[0] + i;
      const site = await startBuild(buildDir, env, port, path.join(workDir, `server-load-${result.size}.log`));
      servers.push({ site, base: site.url });
    }
    const kinds = [...new Set(prepared.flatMap(({ result }) => result.pages.map((page) => page.kind)))];
    const load = { connections: options.connections, seconds: options.seconds };
    for (const kind of kinds) {
      const entries = prepared.flatMap(({ result }, i) => {
        const page = result.pages.find((p) => p.kind === kind && !p.error);
        return page ? [{ size: result.size, page, url: `${servers[i]!.base}${page.path}`, runs: [] as LoadResult[] }] : [];
      });
      log(`${kind}: ${options.runs} × ${options.seconds} s on each of ${entries.map((e) => `${e.size} (${e.page.path})`).join(', ')}, interleaved`);
      try {
        // Warm-up: each server compiles its hot paths in the first seconds under load.
        for (const entry of entries) await loadPage(entry.url, { ...load, seconds: 3 });
        for (let run = 0; run < options.runs; run++) for (const entry of entries) entry.runs.push(await loadPage(entry.url, load));
        for (const entry of entries) entry.page.load = summariseRuns(entry.runs);
      } catch (error) {
        for (const entry of entries) entry.page.error = (error as Error).message;
      }
    }
  } finally {
    for (const server of servers) await server.site.stop();
  }
}

/** Comments, cards and search for one size, after the page loads (bench-comments approves comments, which re-renders pages). */
async function finishSize({ result, buildDir, corpusDir, env }: Prepared, options: Options, workDir: string): Promise<void> {
  const { size } = result;
  const manifest = result.corpus;
  log(`${size}: POST /api/comments (scripts/bench-comments.ts)`);
  const commentsOut = path.join(buildDir, 'bench-results', 'comments.json');
  const commentsCode = await runScript(
    buildDir,
    'scripts/bench-comments.ts',
    ['--runs', String(options.commentRuns), '--duration', String(options.commentSeconds), '--warmup', '300', '--approvals', '3', '--article', manifest.sample.article, '--out', commentsOut, '--ports', `${options.ports[0] + 1}-${options.ports[1]}`],
    env,
    path.join(workDir, `comments-${size}.log`),
  );
  if (fs.existsSync(commentsOut)) {
    const detail = JSON.parse(fs.readFileSync(commentsOut, 'utf8')) as { results: { store: string; median?: { acceptedPerSecond: number } }[] };
    const rate = (store: string) => detail.results.find((r) => r.store === store)?.median?.acceptedPerSecond;
    result.comments = { sqlite: rate('sqlite'), postgres: rate('postgres'), detail: detail.results, error: commentsCode === 0 ? undefined : `exit ${commentsCode}` };
  } else {
    result.comments = { detail: null, error: `exit ${commentsCode}; see ${path.join(workDir, `comments-${size}.log`)}` };
  }

  log(`${size}: OG card render (scripts/bench-og.ts)`);
  const ogOut = path.join(workDir, `og-${size}.json`);
  const ogCode = await runScript(buildDir, 'scripts/bench-og.ts', ['--rounds', String(options.ogRounds), '--limit', String(options.ogCards), '--out', ogOut], env, path.join(workDir, `og-${size}.log`));
  if (ogCode === 0 && fs.existsSync(ogOut)) {
    const { render } = JSON.parse(fs.readFileSync(ogOut, 'utf8')) as { render: { medianMs: number; p95Ms: number; renders: number } };
    result.og = { medianMs: render.medianMs, p95Ms: render.p95Ms, renders: render.renders };
  } else {
    result.og = { medianMs: Number.NaN, p95Ms: Number.NaN, renders: 0, error: `exit ${ogCode}` };
  }

  result.search = await benchSearch(buildDir, env, workDir, size, corpusDir);
  result.publish = await benchPublish(buildDir, env, workDir, size, corpusDir, options.ports[1] + 1);
}

/** `npm run publish` to the new story served on its page, the home page, the feed and search (scripts/bench-publish.ts). */
async function benchPublish(buildDir: string, env: NodeJS.ProcessEnv, workDir: string, size: number, corpusDir: string, port: number): Promise<SizeResult['publish']> {
  log(`${size}: publishing (scripts/bench-publish.ts)`);
  const out = path.join(workDir, `publish-${size}.json`);
  const code = await runScript(buildDir, 'scripts/bench-publish.ts', ['--content', corpusDir, '--json', out, '--port', String(port)], env, path.join(workDir, `publish-${size}.log`));
  try {
    const { rows, memoryMb } = JSON.parse(fs.readFileSync(out, 'utf8')) as { rows: Record<'page' | 'home' | 'feed' | 'search', number>[]; memoryMb: number[] };
    // A story is live when it is on all four: the slowest of them, per publish.
    const live = rows.map((row) => Math.max(row.page, row.home, row.feed, row.search)).sort((a, b) => a - b);
    return { medianMs: live[Math.floor((live.length - 1) / 2)], maxMs: live.at(-1), rssMb: [memoryMb[0]!, memoryMb.at(-1)!], note: 'scripts/bench-publish.ts' };
  } catch (error) {
    return { note: `error: exit ${code}, ${(error as Error).message}` };
  }
}

// ----- SLOT: search (lib/search/, written in parallel) -----------------------------------------------------
// When scripts/bench-search.ts exists, it is run in the build copy as
// `bench-search.ts --content <corpus> --json <file>` (its interface in main), and the p95 of a whole results page
// (`queries.page.p95Ms`; a top-level `p95Ms` is read too) goes in the table. Until then the row prints "n/a".
async function benchSearch(buildDir: string, env: NodeJS.ProcessEnv, workDir: string, size: number, corpusDir: string): Promise<SizeResult['search']> {
  if (!fs.existsSync(path.join(buildDir, 'scripts', 'bench-search.ts'))) return { note: 'n/a (scripts/bench-search.ts not present)' };
  log(`${size}: search (scripts/bench-search.ts)`);
  const out = path.join(workDir, `search-${size}.json`);
  const code = await runScript(buildDir, 'scripts/bench-search.ts', ['--content', corpusDir, '--json', out], env, path.join(workDir, `search-${size}.log`));
  try {
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { p95Ms?: unknown; queries?: { page?: { p95Ms?: unknown }; engine?: { p95Ms?: unknown } } };
    const p95Ms = result.queries?.page?.p95Ms ?? result.p95Ms;
    if (typeof p95Ms !== 'number') throw new Error('no queries.page.p95Ms number in its output');
    const engine = result.queries?.engine?.p95Ms;
    return { p95Ms, note: `scripts/bench-search.ts: results page p95${typeof engine === 'number' ? `, engine alone p95 ${engine.toFixed(2)} ms` : ''}` };
  } catch (error) {
    return { note: `error: exit ${code}, ${(error as Error).message}` };
  }
}
// ----- end of the search slot ------------------------------------------------------------------------------

const mb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : (bytes / 1024 / 1024).toFixed(0));
const kb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 1024).toFixed(1));
const n1 = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(1));
const n0 = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(0));

function printTable(unsorted: SizeResult[], options: Options): void {
  const results = [...unsorted].sort((a, b) => a.size - b.size);
  const rows: [string, ...string[]][] = [];
  const row = (label: string, cell: (r: SizeResult) => string) => rows.push([label, ...results.map(cell)]);
  const page = (r: SizeResult, kind: string) => r.pages.find((p) => p.kind === kind);
  row('articles in corpus (published)', (r) => `${r.size} (${r.corpus.published})`);
  row('article: newest (slug number)', (r) => `#${/-(\d+)$/.exec(r.corpus.sample.article)?.[1] ?? '?'}`);
  row('same-story article (slug number)', (r) => `#${/-(\d+)$/.exec(r.corpus.sample.sameStoryArticle)?.[1] ?? '?'}`);
  row('npm run build: wall time, s', (r) => n1(r.build.wallMs / 1000));
  row('npm run build: CPU time (user+sys), s', (r) => n1(r.build.cpuSeconds ?? undefined));
  row('npm run build: peak memory (PSS), process tree, MB', (r) => mb(r.build.peakTreePssBytes));
  row('npm run build: peak RSS, process tree, MB (shared pages counted per process)', (r) => mb(r.build.peakTreeRssBytes));
  row('npm run build: peak RSS, largest process, MB', (r) => mb(r.build.peakSingleRssBytes));
  row('npm run build: pages generated', (r) => String(r.build.pages ?? '–'));
  row('.next size, MB', (r) => mb(r.build.distBytes));
  for (const kind of ['article', 'same-story article', 'home', 'tag']) {
    row(`${kind}: HTML KB raw / gzip`, (r) => `${kb(page(r, kind)?.weight?.html.raw)} / ${kb(page(r, kind)?.weight?.html.gzip)}`);
    row(`${kind}: JS KB gzip (files)`, (r) => `${kb(page(r, kind)?.weight?.js.gzip)} (${page(r, kind)?.weight?.js.count ?? '–'})`);
    if (kind === 'article') row(`${kind}: nomodule (legacy) JS KB gzip, not loaded by current browsers`, (r) => kb(page(r, kind)?.weight?.legacyJs.gzip));
    row(`${kind}: CSS KB gzip (files)`, (r) => `${kb(page(r, kind)?.weight?.css.gzip)} (${page(r, kind)?.weight?.css.count ?? '–'})`);
  }
  for (const kind of ['article', 'same-story article', 'home', 'tag']) {
    row(`${kind}: requests/s`, (r) => n0(page(r, kind)?.load?.requestsPerSecond) + (page(r, kind)?.error ? ` ERROR ${page(r, kind)!.error}` : ''));
    row(`${kind}: p50 / p99 ms`, (r) => `${n1(page(r, kind)?.load?.p50Ms)} / ${n1(page(r, kind)?.load?.p99Ms)}`);
    row(`${kind}: non-2xx / errors`, (r) => `${page(r, kind)?.load?.non2xx ?? '–'} / ${page(r, kind)?.load?.errors ?? '–'}`);
  }
  for (const label of ['oldest article', 'deepest home page', 'oldest hero crop', 'oldest hero crop, again']) {
    row(`first request, ${label}: ms (status)`, (r) => {
      const entry = Object.entries(r.firstRequestMs ?? {}).find(([key]) => key.startsWith(`${label} /`));
      return entry ? `${entry[1]} (${/\((\d+)\)$/.exec(entry[0])?.[1]})` : '–';
    });
  }
  row('drafts/scheduled (page, card, hero crop): statuses', (r) => [...new Set((r.hidden ?? []).map((h) => h.status))].join(',') || '–');
  row('POST /api/comments accepted/s, SQLite', (r) => n0(r.comments?.sqlite) + (r.comments?.error ? ` (${r.comments.error})` : ''));
  row('POST /api/comments accepted/s, PostgreSQL', (r) => n0(r.comments?.postgres));
  row('OG card warm render median / p95 ms', (r) => `${n1(r.og?.medianMs)} / ${n1(r.og?.p95Ms)}`);
  row('publish: command start to story live on page, home, feed and search, median / max ms', (r) => (r.publish?.medianMs !== undefined ? `${n0(r.publish.medianMs)} / ${n0(r.publish.maxMs)}` : r.publish?.note.startsWith('error') ? 'error' : 'n/a'));
  row('publish: server RSS before / after 20 further publishes, MB', (r) => (r.publish?.rssMb ? r.publish.rssMb.map((m) => m.toFixed(0)).join(' / ') : '–'));
  row('search: results page p95 ms  [slot: scripts/bench-search.ts]', (r) => (r.search?.p95Ms !== undefined ? r.search.p95Ms.toFixed(2) : r.search?.note.startsWith('error') ? 'error' : 'n/a'));

  const widths = [Math.max(...rows.map((r) => r[0].length)), ...results.map((_, i) => Math.max(12, ...rows.map((r) => r[i + 1]!.length)))];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('  ');
  console.log('');
  console.log(
    `Eurasian Star benchmark — ${os.cpus().length} CPUs, Node ${process.version}; load: ${options.connections} connections, ` +
      `median of ${options.runs} × ${options.seconds} s runs; comments: median of ${options.commentRuns} runs; build: 1 run per size`,
  );
  console.log(line(['', ...results.map((r) => `${r.size.toLocaleString('en')} articles`)]));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<number> {
  const options = parseOptions();
  const startedAt = new Date();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-logs-'));
  log(`sizes ${options.sizes.join(', ')}; logs in ${workDir}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const prepared: Prepared[] = [];
  let failed = false;
  for (const size of options.sizes) {
    try {
      prepared.push(await prepareSize(size, options, workDir));
    } catch (error) {
      failed = true;
      console.error(`[bench] ${size}: ${(error as Error).message}`);
    }
  }
  try {
    await loadPages(prepared, options, workDir);
  } catch (error) {
    failed = true;
    console.error(`[bench] page loads: ${(error as Error).message}`);
  }
  for (const entry of prepared) {
    try {
      await finishSize(entry, options, workDir);
    } catch (error) {
      failed = true;
      console.error(`[bench] ${entry.result.size}: ${(error as Error).message}`);
    }
    if (!options.keep) fs.rmSync(entry.buildDir, { recursive: true, force: true });
  }
  const results = prepared.map((entry) => entry.result);
  printTable(results, options);
  const outDir = path.join(root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryBytes: os.totalmem(), node: process.version, loadAfter: os.loadavg() },
    options,
    logs: workDir,
    results,
  };
  fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n[bench] wrote ${path.relative(root, outFile)}; logs in ${workDir}`);
  if (os.loadavg()[0]! > os.cpus().length) console.log('[bench] the machine was busy with other work: figures are noisy.');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${(error as Error).message}`);
    process.exit(1);
  },
);
