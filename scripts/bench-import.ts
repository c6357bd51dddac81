/**
 * npm run bench:import [-- --posts 10000 --comments 50000] [--database postgres://…] [--keep]
 * Generates a WXR export of that many posts and comments in a temporary folder (never in the repository), imports it
 * into a copy of content/ with its own comment store (a fresh SQLite file unless --database), in a child process, and
 * prints the export's size, the import's wall time and the child's peak RSS. Run a second time on the same folder to
 * time the idempotent rerun (--keep keeps the folder).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { posts: { type: 'string', default: '10000' }, comments: { type: 'string', default: '50000' }, database: { type: 'string' }, keep: { type: 'boolean' }, child: { type: 'string' } },
});

async function child(spec: string): Promise<void> {
  // In the child: one import, then its own figures on the last line.
  const [{ importWordpress }, { formatReport }] = await Promise.all([import('../lib/import/wordpress/run'), import('../lib/import/wordpress/report')]);
  const job = JSON.parse(spec) as { file: string; contentDir: string; publicDir: string; databaseUrl: string };
  const started = performance.now();
  const report = await importWordpress(job);
  const ms = performance.now() - started;
  console.log(formatReport(report).split('\n').filter((l) => !l.startsWith('  ')).join('\n'));
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ ms: Math.round(ms), cpuS: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e5) / 10, maxRssMb: Math.round(usage.maxRSS / 1024) }));
  process.exit(0);
}

async function main(): Promise<void> {
const posts = Number(values.posts);
const comments = Number(values.comments);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-bench-import-'));
const file = path.join(dir, 'export.xml');
const words = 'water quota river dam corridor gas pipeline railway border treaty election uranium cotton harvest steppe caspian'.split(' ');
const cyr = 'вода река граница газ выборы плотина урожай'.split(' ');
const pick = (i: number, list: string[]) => list[i % list.length]!;

const paragraph = (seed: number): string =>
  Array.from({ length: 60 }, (_, k) => pick(seed * 7 + k * 3, words)).join(' ');

const out = fs.createWriteStream(file);
const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link><language>en</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://bench.example</wp:base_blog_url>
<wp:author><wp:author_login>desk</wp:author_login><wp:author_email>desk@bench.example</wp:author_email><wp:author_display_name><![CDATA[The Desk]]></wp:author_display_name></wp:author>
`);
let commentId = 1;
for (let i = 1; i <= posts; i += 1) {
  const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000 * 5);
  const local = day.toISOString().slice(0, 19).replace('T', ' ');
  const cyrillic = i % 5 === 0;
  const title = cyrillic ? `${pick(i, cyr)} ${pick(i + 1, cyr)} ${i}` : `${pick(i, words)} ${pick(i + 2, words)} report ${i}`;
  const name = cyrillic ? encodeURIComponent(title.replace(/ /g, '-')).toLowerCase() : title.replace(/ /g, '-');
  const body = `${paragraph(i)}\n\n[caption id="" width="300"]<img src="https://bench.example/wp-content/uploads/2015/01/p${i}.jpg" alt="Photo ${i}"> Caption ${i}[/caption]\n\n<p>${paragraph(i + 1)}</p>\n\n<ul><li>${pick(i, words)}</li><li>${pick(i + 3, words)}</li></ul>\n\n${paragraph(i + 2)}`;
  let thread = '';
  const perPost = Math.floor(comments / posts) + (i <= comments % posts ? 1 : 0);
  const first = commentId;
  for (let k = 0; k < perPost; k += 1, commentId += 1) {
    const parent = k === 0 ? 0 : first + Math.floor((k - 1) / 2);
    thread += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId % 997}]]></wp:comment_author><wp:comment_author_email>r${commentId % 997}@bench.example</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>192.0.2.${commentId % 250}</wp:comment_author_IP><wp:comment_date>${local}</wp:comment_date><wp:comment_date_gmt>${local}</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment ${commentId}: ${paragraph(commentId).slice(0, 200)}]]></wp:comment_content><wp:comment_approved>${k % 10 === 9 ? '0' : '1'}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
  }
  await write(`<item><title><![CDATA[${title}]]></title><link>https://bench.example/${local.slice(0, 10).replace(/-/g, '/')}/${name}/</link><dc:creator>desk</dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${i}</wp:post_id><wp:post_date>${local}</wp:post_date><wp:post_date_gmt>${local}</wp:post_date_gmt><wp:post_modified_gmt>${local}</wp:post_modified_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>${name}</wp:post_name><wp:status>${i % 50 === 0 ? 'draft' : 'publish'}</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="section-${i % 12}"><![CDATA[Section ${i % 12}]]></category><category domain="post_tag" nicename="${pick(i, ['uzb', 'kz', 'tkm', 'water', 'energy'])}"><![CDATA[${pick(i, ['UZB', 'KZ', 'TKM', 'Water', 'Energy'])}]]></category>
${thread}</item>\n`);
}
await write('</channel>\n</rss>\n');
await new Promise<void>((resolve) => out.end(resolve));

const contentDir = path.join(dir, 'content');
const publicDir = path.join(dir, 'public');
fs.cpSync('content', contentDir, { recursive: true });
fs.mkdirSync(publicDir);
const databaseUrl = values.database ?? `file:${path.join(dir, 'comments.db')}`;
const job = JSON.stringify({ file, contentDir, publicDir, databaseUrl });
console.log(`export: ${posts} posts, ${commentId - 1} comments, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB at ${file}`);
for (const run of ['first import', 'second import (nothing to change)']) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', job], { encoding: 'utf8', env: { ...process.env, DATA_DIR: path.join(dir, 'data') }, maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) {
    console.error(child.stdout, child.stderr);
    process.exit(1);
  }
  const lines = child.stdout.trim().split('\n');
  const figures = JSON.parse(lines.pop()!) as { ms: number; cpuS: number; maxRssMb: number };
  console.log(`\n${run}:\n${lines.join('\n')}\n=> ${(figures.ms / 1000).toFixed(1)} s wall (${figures.cpuS} s CPU; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs), peak RSS ${figures.maxRssMb} MB (goal: under 120 s and 500 MB)`);
}
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
}

(values.child ? child(values.child) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
