/**
 * `npm run bench:publish -- --content DIR`: how long `npm run publish` takes to put a new story live on a running
 * server whose content is DIR (a corpus from `npm run corpus`, copied first: DIR is never changed), measured as a
 * reader meets it — from the command starting to the story being served on its page, on the home page, in
 * /feed.xml and in /search — over several publishes (median and max); the command's and the server's CPU time per
 * publish; and the server's memory over a run of further publishes (it must not grow per publish).
 *
 * It serves a copy of this folder's build (`npm run build` first), with the search index of DIR as the build's last
 * step writes it. Which articles that build prerendered does not matter: a publish marks every page stale, so each
 * page measured is rendered from DIR's library.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSite } from '../lib/testing/server';
import { copySite } from '../lib/testing/site-copy';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    publishes: { type: 'string', default: '5' },
    'memory-publishes': { type: 'string', default: '20' },
    port: { type: 'string', default: '3650' },
    json: { type: 'string' },
  },
});
if (!values.content) throw new Error('usage: npm run bench:publish -- --content DIR [--publishes 5] [--memory-publishes 20] [--port 3650] [--json FILE]');
const PUBLISHES = Number(values.publishes);
const MEMORY_PUBLISHES = Number(values['memory-publishes']);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;

const log = (message: string) => console.error(`[bench:publish] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const rssMb = (pid: number) => Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

function writeStory(contentDir: string, slug: string, word: string, title: string): void {
  const front = [`title: "${title}"`, 'summary: "A story published by the benchmark."', `date: ${new Date(Date.now() - 30_000).toISOString()}`, 'author: staff', 'categories: [eurasia]', 'tags: [KZ]', 'status: published'];
  fs.writeFileSync(path.join(contentDir, 'articles', `${slug}.md`), `---\n${front.join('\n')}\n---\n\nThe benchmark's story, with the word ${word} in it.\n`);
}

/** Runs the real command; resolves with its wall time and its CPU time (bash's `time`). */
function runPublish(env: NodeJS.ProcessEnv): Promise<{ ms: number; cpu: number; output: string; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', `TIMEFORMAT='@@cpu %U %S'; time node --import tsx scripts/publish.ts`], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) => {
      const [, user = '0', system = '0'] = /@@cpu ([\d.]+) ([\d.]+)/.exec(output) ?? [];
      resolve({ ms: performance.now() - started, cpu: Number(user) + Number(system), output, code });
    });
  });
}

/** Polls `url` until its body contains `needle` (and answers 200); ms since `since`. */
async function visibleAfter(url: string, needle: string, since: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
      if (response.status === 200 && (await response.text()).includes(needle)) return performance.now() - since;
    } catch {
      // not up yet
    }
    if (performance.now() - since > timeoutMs) return Number.NaN;
    await sleep(25);
  }
}

async function main(): Promise<void> {
  // The build, the server and the corpus in a new temporary folder (code is linked), with a private data folder.
  const copy = copySite('bench-publish', { contentFrom: values.content! });
  const site = { root: copy.root, contentDir: copy.contentDir, dataDir: path.join(copy.root, 'data') };
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CONTENT_DIR: site.contentDir, DATA_DIR: site.dataDir, SITE_ORIGIN: BASE, PORT: String(PORT) };
  log(`checking the corpus as a build would (npm run check-content: leaves the library cache and the load memo)`);
  execFileSync('npx', ['tsx', 'scripts/check-content.ts'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  // The last step of `npm run build`, for this corpus: the search index a build of it leaves in .next, which the
  // server's first publish then updates instead of indexing every article from scratch.
  log('indexing the corpus as the build does (scripts/build-search-index.ts)');
  execFileSync('npx', ['tsx', path.join(ROOT, 'scripts/build-search-index.ts')], { cwd: site.root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const server = await startSite({ cwd: site.root, port: PORT, env, dataDir: site.dataDir, logFile: path.join(site.root, 'server.log'), readyTimeoutMs: 180_000 });
  try {
    await sleep(3000);
    for (const p of ['/', '/feed.xml', '/search?q=water']) await fetch(`${BASE}${p}`).then((r) => r.text());
    const articles = fs.readdirSync(path.join(site.contentDir, 'articles')).length;
    log(`${articles} articles; server pid ${server.pid}, RSS ${rssMb(server.pid).toFixed(0)} MB`);

    const rows: { command: number; page: number; home: number; feed: number; search: number; commandCpu: number; serverCpu: number; parsed: string }[] = [];
    for (let i = 0; i < PUBLISHES; i++) {
      const slug = `bench-publish-${Date.now().toString(36)}-${i}`;
      const word = `zzbench${Date.now().toString(36)}x${i}`;
      writeStory(site.contentDir, slug, word, `Benchmark story ${i}`);
      const cpuBefore = cpuSeconds(server.pid);
      const since = performance.now();
      const [run, page, home, feed, search] = await Promise.all([
        runPublish(env),
        visibleAfter(`${BASE}/articles/${slug}`, word, performance.now()),
        visibleAfter(`${BASE}/`, `/articles/${slug}"`, performance.now()),
        visibleAfter(`${BASE}/feed.xml`, `/articles/${slug}<`, performance.now()),
        visibleAfter(`${BASE}/search?q=${word}`, `/articles/${slug}"`, performance.now()),
      ]);
      if (run.code !== 0) throw new Error(`npm run publish exited ${run.code}:\n${run.output}`);
      const parsed = /(\d+) files? parsed/.exec(run.output)?.[1] ?? '?';
      rows.push({ command: run.ms, page, home, feed, search, commandCpu: run.cpu, serverCpu: cpuSeconds(server.pid) - cpuBefore, parsed });
      log(`publish ${i + 1}: command ${run.ms.toFixed(0)} ms; served on its page ${page.toFixed(0)}, home ${home.toFixed(0)}, feed ${feed.toFixed(0)}, search ${search.toFixed(0)} ms (since ${since.toFixed(0)})`);
      await sleep(1000);
    }

    const memory: number[] = [rssMb(server.pid)];
    for (let i = 0; i < MEMORY_PUBLISHES; i++) {
      writeStory(site.contentDir, 'bench-publish-memory', `zzmemory${i}`, `Benchmark memory story, version ${i}`);
      const run = await runPublish(env);
      if (run.code !== 0) throw new Error(`npm run publish exited ${run.code}:\n${run.output}`);
      await fetch(`${BASE}/`).then((r) => r.text());
      memory.push(rssMb(server.pid));
    }

    const all = (key: keyof (typeof rows)[number]) => rows.map((row) => Number(row[key]));
    const line = (label: string, xs: number[], unit: string, digits = 0) => `${label.padEnd(58)} ${median(xs).toFixed(digits).padStart(8)} ${Math.max(...xs).toFixed(digits).padStart(8)}  ${unit}`;
    const table = [
      `Eurasian Star publish benchmark — ${articles} articles, ${os.cpus().length} CPUs, Node ${process.version}; ${PUBLISHES} publishes of a new story`,
      `${''.padEnd(58)} ${'median'.padStart(8)} ${'max'.padStart(8)}`,
      line('npm run publish: wall time (command start to exit)', all('command'), 'ms'),
      line('new story served on its page (from command start)', all('page'), 'ms'),
      line('… on the home page', all('home'), 'ms'),
      line('… in /feed.xml', all('feed'), 'ms'),
      line('… in /search', all('search'), 'ms'),
      line('command CPU time (user+sys)', all('commandCpu'), 's', 2),
      line('server CPU time during the publish and the page loads', all('serverCpu'), 's', 2),
      `Markdown files parsed per publish: ${rows.map((r) => r.parsed).join(', ')}`,
      `server RSS after 0 / 1 / ${Math.floor(MEMORY_PUBLISHES / 2)} / ${MEMORY_PUBLISHES} further publishes: ${[0, 1, Math.floor(MEMORY_PUBLISHES / 2), MEMORY_PUBLISHES].map((i) => memory[i]!.toFixed(0)).join(' / ')} MB`,
    ];
    console.log(table.join('\n'));
    if (values.json) fs.writeFileSync(values.json, JSON.stringify({ articles, rows, memoryMb: memory }, null, 2));
  } finally {
    await server.stop();
    copy.remove();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:publish: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
