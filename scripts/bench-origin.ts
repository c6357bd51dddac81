/**
 * `npm run bench:origin`: how fast `npm start` serves cached pages, against the static-file limit measured in the
 * same run. For the article, home, section and tag pages it saves what the site sends (the HTML, and gzip of it) as
 * files that nginx serves (`gzip_static`, one worker), then loads both with wrk (its own process, 16 connections,
 * 5 s, `Accept-Encoding: gzip` as browsers send it, and identity), runs taken in turns, and prints requests/s, the
 * ratio to nginx and p99 latency. Needs a build (`npm run build`), nginx and wrk (`apt-get install -y nginx wrk`).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startSite } from '../lib/testing/server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, seconds: { type: 'string', default: '5' }, port: { type: 'string', default: '3660' }, json: { type: 'string' } } });
const RUNS = Number(values.runs);
const PORT = Number(values.port);
const NGINX_PORT = PORT + 1;
const PAGES: [string, string][] = [
  ['article', '/articles/eu-central-asia-political-security-dialogue'],
  ['home', '/'],
  ['section', '/category/eurasia'],
  ['tag', '/tag/kg'],
];
const log = (message: string) => console.error(`[bench:origin] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** One wrk run: requests/s, p99 ms and non-2xx count. */
function wrk(url: string, encoding: 'gzip' | 'identity'): { rps: number; p99: number; errors: number } {
  const out = execFileSync('wrk', ['-t1', '-c16', `-d${values.seconds}s`, '--latency', '-H', `Accept-Encoding: ${encoding}`, url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99raw = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99 = p99raw ? Number(p99raw[1]) * (p99raw[2] === 'us' ? 0.001 : p99raw[2] === 's' ? 1000 : 1) : Number.NaN;
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p99, errors };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-origin-'));
  fs.chmodSync(dir, 0o755); // nginx's workers run as www-data
  const www = path.join(dir, 'www');
  fs.mkdirSync(www, { mode: 0o755 });
  const server = await startSite({ port: PORT, dataDir: path.join(dir, 'data'), logFile: path.join(dir, 'server.log') });
  let nginx: ReturnType<typeof spawn> | undefined;
  try {
    for (const [name, pagePath] of PAGES) {
      // Twice: the second answer is the one readers get once the page is in memory.
      await fetch(`http://127.0.0.1:${PORT}${pagePath}`).then((r) => r.text());
      const response = await fetch(`http://127.0.0.1:${PORT}${pagePath}`, { headers: { 'accept-encoding': 'identity' } });
      const html = Buffer.from(await response.arrayBuffer());
      fs.writeFileSync(path.join(www, `${name}.html`), html, { mode: 0o644 });
      fs.writeFileSync(path.join(www, `${name}.html.gz`), gzipSync(html, { level: 9 }), { mode: 0o644 });
      log(`${name}: ${(html.length / 1024).toFixed(1)} KB raw, ${(gzipSync(html, { level: 9 }).length / 1024).toFixed(1)} KB gzip; fast path: ${response.headers.get('x-page-cache') ?? 'no'}`);
    }
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        ...(process.getuid?.() === 0 ? ['user www-data;'] : []),
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/nginx-error.log warn;`,
        'events { worker_connections 1024; }',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind}-temp;`),
        '  default_type text/html;',
        `  server { listen 127.0.0.1:${NGINX_PORT}; root ${www}; gzip_static on; gzip_vary on; etag on; keepalive_requests 1000000; }`,
        '}',
      ].join('\n'),
    );
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    await sleep(500);

    const results: Record<string, { nginx: number[]; node: number[]; p99: number[]; errors: number }> = {};
    for (let run = 0; run < RUNS; run++) {
      for (const [name, pagePath] of PAGES) {
        for (const encoding of ['gzip', 'identity'] as const) {
          const key = `${name} ${encoding}`;
          const row = (results[key] ??= { nginx: [], node: [], p99: [], errors: 0 });
          row.nginx.push(wrk(`http://127.0.0.1:${NGINX_PORT}/${name}.html`, encoding).rps);
          const node = wrk(`http://127.0.0.1:${PORT}${pagePath}`, encoding);
          row.node.push(node.rps);
          row.p99.push(node.p99);
          row.errors += node.errors;
          log(`run ${run + 1} ${key}: nginx ${row.nginx.at(-1)!.toFixed(0)}, npm start ${node.rps.toFixed(0)} requests/s`);
        }
      }
    }
    console.log(`Eurasian Star origin benchmark — ${os.cpus().length} CPUs, Node ${process.version}; wrk -t1 -c16 -d${values.seconds}s, median of ${RUNS} runs taken in turns`);
    console.log(`${'page, encoding'.padEnd(20)} ${'nginx static'.padStart(13)} ${'npm start'.padStart(10)} ${'ratio'.padStart(7)} ${'p99 ms'.padStart(8)} ${'non-2xx'.padStart(8)}`);
    for (const [key, row] of Object.entries(results)) {
      const ratio = median(row.node) / median(row.nginx);
      console.log(`${key.padEnd(20)} ${median(row.nginx).toFixed(0).padStart(13)} ${median(row.node).toFixed(0).padStart(10)} ${ratio.toFixed(3).padStart(7)} ${median(row.p99).toFixed(2).padStart(8)} ${String(row.errors).padStart(8)}`);
    }
    if (values.json) fs.writeFileSync(values.json, JSON.stringify(results, null, 2));
  } finally {
    nginx?.kill('SIGTERM');
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:origin: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
