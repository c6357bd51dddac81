/**
 * Benchmark (not a test) for social cards.
 *   npm run bench:og                          warm render time of every published article's card, in-process
 *   npm run bench:og -- --limit 50 --out x.json   only the newest 50 articles' cards; results to x.json
 *   npm run bench:og -- --url http://127.0.0.1:3000   also requests/s for one prebuilt card from a running site
 * Prints a table and writes bench-results/og.json. Loopback only, bounded in time.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listPublishedArticles } from '../lib/content';
import { renderCard } from '../lib/og/card';
import { articleCard } from '../lib/og/card-data';

const { values } = parseArgs({ options: { url: { type: 'string' }, rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '16' }, limit: { type: 'string' }, out: { type: 'string', default: 'bench-results/og.json' } } });

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => n.toFixed(1);

async function warmRender(rounds: number, limit?: number) {
  // --limit N: the newest N articles' cards (a large corpus would otherwise take minutes per round).
  const cards = listPublishedArticles().slice(0, limit ?? Infinity).map(articleCard);
  for (const card of cards) await renderCard(card).arrayBuffer(); // warm-up: fonts, WebAssembly, JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const card of cards) {
      const start = performance.now();
      await renderCard(card).arrayBuffer();
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { renders: times.length, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95), maxMs: times.at(-1)! };
}

function get(agent: http.Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

async function prebuiltThroughput(base: string, seconds: number, concurrency: number) {
  const home = await fetch(base);
  const image = (await home.text()).match(/property="og:image" content="([^"]+)"/)?.[1];
  if (!image) throw new Error(`no og:image on ${base}`);
  const url = new URL(new URL(image).pathname, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        const status = await get(agent, url).catch(() => 0);
        if (status === 200) latencies.push(performance.now() - start);
        else failures += 1;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { url: url.pathname, requests: latencies.length, failures, perSecond: latencies.length / seconds, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

async function main() {
  const render = await warmRender(Number(values.rounds), values.limit ? Number(values.limit) : undefined);
  console.log(`warm card render: ${render.renders} renders, median ${ms(render.medianMs)} ms, p95 ${ms(render.p95Ms)} ms, max ${ms(render.maxMs)} ms`);
  let served: Awaited<ReturnType<typeof prebuiltThroughput>> | null = null;
  if (values.url) {
    served = await prebuiltThroughput(values.url, Number(values.seconds), Number(values.concurrency));
    console.log(
      `prebuilt card ${served.url}: ${served.perSecond.toFixed(0)} requests/s over ${values.seconds} s with ${values.concurrency} connections, ` +
        `p50 ${ms(served.p50Ms)} ms, p99 ${ms(served.p99Ms)} ms, ${served.failures} failures`,
    );
  }
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify({ at: new Date().toISOString(), render, served }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
