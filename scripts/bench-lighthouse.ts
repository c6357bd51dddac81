/**
 * `npm run bench:lighthouse`: Lighthouse 12.2.3 (mobile, its default simulated throttling) on every reader page type,
 * 3 runs each, Debian's Chromium; prints per page type the medians of the four category scores, LCP, TBT, CLS and the
 * bytes of JavaScript transferred, then the audits that lost points. Figures are printed, never asserted.
 * Needs a build (`npm run build`) and Chromium at CHROME_PATH (default /usr/bin/chromium).
 *
 *   npm run build && npm run bench:lighthouse -- [--runs 3] [--pages article,home] [--port 3670] [--url http://…]
 *                                                [--runtime] [--out DIR] [--from DIR]
 *
 * --url measures a site already running instead of starting one. --runtime adds the client-runtime experiment: each
 * page as the site sent it, saved and served by a tiny static server ("saved"), and the same copy with every script
 * taken out ("no scripts"), everything else (CSS, fonts, images) proxied to the site, so the two differ only in the
 * scripts. Every run's Lighthouse JSON is written to --out (default bench-results/lighthouse-<time>/); --from DIR prints
 * the report again from such a folder.
 * See docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { startSite as startHarnessSite } from '../lib/testing/server';
import { PAGE_TYPES as SITE_PAGE_TYPES } from '../e2e/support/pages';
import {
  type Category,
  erroredAudits,
  figuresOf,
  formatTable,
  type Lhr,
  losingAudits,
  medianFigures,
  type RunFigures,
  stripScripts,
  type TableRow,
} from './bench/lighthouse-summary';

const ROOT = path.resolve(import.meta.dirname, '..');
const HOST = '127.0.0.1';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

interface PageType {
  name: string;
  path: string;
  /** Categories not counted on this page type. */
  ignore?: Category[];
}

/**
 * The reader page types measured, by the name this script prints, and the page of each in e2e/support/pages.ts (the
 * one list of the site's page types, which the end-to-end specs check).
 */
const MEASURED: { name: string; of: string; ignore?: Category[] }[] = [
  { name: 'article', of: 'article' },
  { name: 'home', of: 'home' },
  { name: 'section', of: 'category' },
  { name: 'tag', of: 'tag' },
  { name: 'author', of: 'author' },
  { name: 'archive', of: 'archive index' },
  { name: 'archive-year', of: 'archive year' },
  // Result pages are noindex on purpose (app/search/page.tsx): SEO's is-crawlable fails there by design.
  { name: 'search-results', of: 'search results', ignore: ['seo'] },
];
const PAGE_TYPES: PageType[] = MEASURED.map(({ name, of, ignore }) => {
  const page = SITE_PAGE_TYPES.find((type) => type.name === of);
  if (!page) throw new Error(`e2e/support/pages.ts has no page type "${of}"`);
  return { name, path: page.path, ignore };
});

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    pages: { type: 'string' },
    port: { type: 'string', default: '3670' },
    url: { type: 'string' },
    runtime: { type: 'boolean', default: false },
    out: { type: 'string' },
    from: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error('--runs must be a whole number from 1 to 20');
const PORT = Number(values.port);
const wanted = values.pages?.split(',').map((name) => name.trim());
const pages = wanted ? PAGE_TYPES.filter((page) => wanted.includes(page.name)) : PAGE_TYPES;
if (wanted && pages.length !== wanted.length) throw new Error(`--pages: known page types are ${PAGE_TYPES.map((p) => p.name).join(', ')}`);
const OUT = path.resolve(values.out ?? path.join(ROOT, 'bench-results', `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}`));

const log = (message: string) => console.error(`[bench:lighthouse] ${new Date().toISOString().slice(11, 19)} ${message}`);
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

/** The site as this script uses it: its address, and how to stop it. */
interface RunningSite {
  origin: string;
  stop(): Promise<void>;
}

/** Starts `server.mjs` on the current build through the project's one harness (lib/testing/server.ts). */
async function startSite(options: { port: number; dataDir: string; logFile: string }): Promise<RunningSite> {
  const site = await startHarnessSite({ port: options.port, dataDir: options.dataDir, logFile: options.logFile });
  return { origin: site.url, stop: async () => void (await site.stop()) };
}

const LIGHTHOUSE_CLI = path.join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');

/**
 * One Lighthouse run in a fresh Chromium (mobile form factor and simulated throttling: Lighthouse's defaults), through
 * its CLI in a plain `node` process: under tsx, the functions Lighthouse sends into the page as source text carry
 * esbuild's `__name` helper and fail there ("__name is not defined").
 */
async function runLighthouse(url: string, outputPath: string): Promise<Lhr> {
  const args = [
    LIGHTHOUSE_CLI,
    url,
    '--output=json',
    `--output-path=${outputPath}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--quiet',
  ];
  const stderr: Buffer[] = [];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`lighthouse exited ${code} for ${url}: ${Buffer.concat(stderr).toString().slice(-2000)}`);
  const lhr = JSON.parse(fs.readFileSync(outputPath, 'utf8')) as Lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message} (${url})`);
  return lhr;
}

interface Measured {
  name: string;
  figures: RunFigures[];
  lhrs: Lhr[];
  ignore: Category[];
}

async function measure(label: string, origin: string, page: PageType): Promise<Measured> {
  const measured: Measured = { name: page.name, figures: [], lhrs: [], ignore: page.ignore ?? [] };
  for (let run = 1; run <= RUNS; run++) {
    const file = path.join(OUT, `${label}-${page.name}-${run}.json`);
    let lhr: Lhr | undefined;
    for (let attempt = 1; !lhr; attempt++) {
      try {
        lhr = await runLighthouse(`${origin}${page.path}`, file);
      } catch (error) {
        // Lighthouse now and then fails to record a trace (NO_NAVSTART, NO_FCP) on a busy machine: try that run again.
        if (attempt >= 3) throw error;
        log(`${label} ${page.name} run ${run}, attempt ${attempt} failed, trying again: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    const figures = figuresOf(lhr);
    measured.lhrs.push(lhr);
    measured.figures.push(figures);
    const s = figures.scores;
    log(
      `${label} ${page.name} run ${run}: ${s.performance}/${s.accessibility}/${s['best-practices']}/${s.seo}, LCP ${figures.lcpMs?.toFixed(0)} ms, ` +
        `TBT ${figures.tbtMs?.toFixed(0)} ms, CLS ${figures.cls?.toFixed(3)}, JS ${((figures.scriptBytes ?? 0) / 1024).toFixed(1)} KB (load ${loadAverage()})`,
    );
  }
  return measured;
}

interface SavedPage {
  body: Buffer;
  headers: [string, string][];
}

/**
 * A tiny static server for the runtime experiment: the saved pages from memory (compressed as the site's fast path
 * does: Brotli 11 or gzip 9, as Accept-Encoding asks, with the headers the site sent), everything else passed to the
 * site unchanged, so both variants load the very same CSS, fonts and images.
 */
async function serveSaved(port: number, upstream: string, saved: Map<string, SavedPage>): Promise<Server> {
  const compressed = new Map<string, { br: Buffer; gzip: Buffer }>();
  for (const [key, page] of saved) {
    compressed.set(key, {
      br: brotliCompressSync(page.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(page.body, { level: 9 }),
    });
  }
  const server = createServer((req, res) => {
    const key = req.url ?? '/';
    const page = saved.get(key);
    if (page && req.method === 'GET') {
      const accept = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
      const body = encoding ? compressed.get(key)![encoding] : page.body;
      for (const [name, value] of page.headers) res.setHeader(name, value);
      if (encoding) res.setHeader('content-encoding', encoding);
      res.setHeader('content-length', body.length);
      res.end(body);
      return;
    }
    // node:http, not fetch: the bytes go through as the site compressed them.
    const target = new URL(upstream);
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: key, headers: { ...req.headers, host: target.host } },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    forward.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  return server;
}

/** The page as readers get it once the site has it in memory (asked twice), with the headers that came with it. */
async function savePage(origin: string, page: PageType): Promise<SavedPage> {
  await fetch(`${origin}${page.path}`).then((r) => r.arrayBuffer());
  const response = await fetch(`${origin}${page.path}`, { headers: { 'accept-encoding': 'identity' } });
  if (!response.ok) throw new Error(`${page.path}: ${response.status}`);
  const skip = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'etag', 'connection', 'keep-alive', 'date', 'x-request-id', 'x-page-cache']);
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (!skip.has(name)) headers.push([name, value]);
  });
  return { body: Buffer.from(await response.arrayBuffer()), headers };
}

function printRows(title: string, rows: TableRow[]): void {
  console.log(`\n${title}`);
  console.log(formatTable(rows));
}

function printAudits(measuredList: Measured[]): void {
  console.log('\nAudits that lost points (category, weight, runs below 1 of all runs, lowest score, audit, value):');
  for (const measured of measuredList) {
    const losing = losingAudits(measured.lhrs, measured.ignore);
    console.log(`  ${measured.name}:${losing.length === 0 ? ' none' : ''}`);
    for (const audit of losing) {
      console.log(
        `    ${audit.category.padEnd(14)} ${String(audit.weight).padStart(3)}  ${audit.runs}/${measured.lhrs.length}  ${audit.minScore.toFixed(2)}  ${audit.id}` +
          `${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
      );
    }
  }
  const errored = erroredAudits(measuredList.flatMap((m) => m.lhrs));
  if (errored.length > 0) {
    console.log(`\nAudits Lighthouse could not evaluate here (not scored, so not in the figures): ${errored.map((a) => a.id).join(', ')}`);
    console.log(`  e.g. ${errored[0]!.id}: ${errored[0]!.message.slice(0, 200)}`);
  }
}

interface Experiment {
  saved: Measured[];
  stripped: Measured[];
  removed: Record<string, number>;
}

function report(origin: string, results: Measured[], experiment: Experiment | null, load: { start: string; end: string }, write = true): void {
  const runs = Math.max(...results.map((m) => m.lhrs.length));
  console.log(
    `Eurasian Star — Lighthouse 12.2.3, mobile (simulated throttling), ${runs} runs per page type, medians; ` +
      `${os.cpus().length} CPUs, Node ${process.version}; load average ${load.start} at the start, ${load.end} at the end`,
  );
  console.log('Targets: 100/100/100/100, LCP ≤ 1.2 s, TBT ≤ 50 ms, CLS ≤ 0.01; a score in brackets is not counted on that page.');
  const rowsOf = (list: Measured[]): TableRow[] => list.map((m) => ({ name: m.name, figures: medianFigures(m.figures), ignore: m.ignore }));
  printRows(`The site (${origin})`, rowsOf(results));
  if (experiment) {
    printRows('Runtime experiment: the saved page, served statically (scripts kept)', rowsOf(experiment.saved));
    const removed = Object.entries(experiment.removed).map(([name, count]) => `${name} ${count}`).join(', ');
    printRows(`Runtime experiment: the same copy without its scripts (scripts removed: ${removed})`, rowsOf(experiment.stripped));
  }
  printAudits(results);
  if (!write) return;
  fs.writeFileSync(
    path.join(OUT, 'summary.json'),
    JSON.stringify(
      {
        origin,
        loadAverage: load,
        site: rowsOf(results),
        perRun: Object.fromEntries(results.map((m) => [m.name, m.figures])),
        losing: Object.fromEntries(results.map((m) => [m.name, losingAudits(m.lhrs, m.ignore)])),
        errored: erroredAudits(results.flatMap((m) => m.lhrs)).map((a) => a.id),
        ...(experiment ? { saved: rowsOf(experiment.saved), noScripts: rowsOf(experiment.stripped), removed: experiment.removed } : {}),
      },
      null,
      2,
    ),
  );
}

/** `--from DIR`: the report again from the JSON an earlier run wrote there, without running anything. */
function reportFrom(dir: string): void {
  const read = (label: string): Measured[] =>
    pages
      .map((page) => {
        const lhrs: Lhr[] = [];
        for (let run = 1; fs.existsSync(path.join(dir, `${label}-${page.name}-${run}.json`)); run++) {
          const lhr = JSON.parse(fs.readFileSync(path.join(dir, `${label}-${page.name}-${run}.json`), 'utf8')) as Lhr;
          if (!lhr.runtimeError) lhrs.push(lhr); // a failed attempt's file, if the run was not tried again
        }
        return { name: page.name, lhrs, figures: lhrs.map(figuresOf), ignore: page.ignore ?? [] };
      })
      .filter((m) => m.lhrs.length > 0);
  const saved = read('saved');
  const summary = fs.existsSync(path.join(dir, 'summary.json')) ? (JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { removed?: Record<string, number> }) : {};
  report(`runs saved in ${dir}`, read('site'), saved.length > 0 ? { saved, stripped: read('no-scripts'), removed: summary.removed ?? {} } : null, { start: '?', end: '?' }, false);
}

async function main(): Promise<void> {
  if (values.from) return reportFrom(path.resolve(values.from));
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-lighthouse-'));
  const loadAtStart = loadAverage();
  let site: RunningSite | undefined;
  const servers: Server[] = [];
  try {
    site = values.url
      ? { origin: values.url.replace(/\/$/, ''), stop: async () => {} }
      : await startSite({ port: PORT, dataDir: path.join(tmp, 'data'), logFile: path.join(tmp, 'server.log') });
    log(`site at ${site.origin}; ${RUNS} runs per page type; load average ${loadAtStart}; JSON to ${OUT}`);
    // Every page asked for once first, so no run pays for a first render or an empty page cache.
    for (const page of pages) await fetch(`${site.origin}${page.path}`).then((r) => r.arrayBuffer());

    const results: Measured[] = [];
    for (const page of pages) results.push(await measure('site', site.origin, page));

    let experiment: Experiment | null = null;
    if (values.runtime) {
      experiment = { saved: [], stripped: [], removed: {} };
      const saved = new Map<string, SavedPage>();
      const stripped = new Map<string, SavedPage>();
      for (const page of pages) {
        const copy = await savePage(site.origin, page);
        const { html, removed } = stripScripts(copy.body.toString('utf8'));
        saved.set(page.path, copy);
        stripped.set(page.path, { body: Buffer.from(html), headers: copy.headers });
        experiment.removed[page.name] = removed;
        fs.writeFileSync(path.join(OUT, `saved-${page.name}.html`), copy.body);
        fs.writeFileSync(path.join(OUT, `no-scripts-${page.name}.html`), html);
        log(`${page.name}: ${(copy.body.length / 1024).toFixed(1)} KB of HTML, ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB without its ${removed} scripts`);
      }
      servers.push(await serveSaved(PORT + 1, site.origin, saved), await serveSaved(PORT + 2, site.origin, stripped));
      for (const page of pages) {
        experiment.saved.push(await measure('saved', `http://${HOST}:${PORT + 1}`, page));
        experiment.stripped.push(await measure('no-scripts', `http://${HOST}:${PORT + 2}`, page));
      }
    }
    report(site.origin, results, experiment, { start: loadAtStart, end: loadAverage() });
  } finally {
    for (const server of servers) server.close();
    await site?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:lighthouse: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
