/**
 * A deterministic synthetic corpus for benchmarks: N articles with valid front matter, ~800 words each, spread over ten
 * years, categories, country tags and authors; ~10% in Russian (Cyrillic), a few in Uzbek and Turkmen Latin; a few
 * drafts and scheduled articles; a few hero images. Same seed and count → byte-identical files.
 *
 *   npm run corpus -- --count 10000 --out /tmp/es-corpus-10k [--seed 1]
 *   CONTENT_DIR=/tmp/es-corpus-10k npm run build
 *
 * It writes authors.yaml, categories.yaml and tags.yaml (the last two copied from content/), articles/ and corpus.json
 * (the seed, the count and the slugs a benchmark needs: drafts, scheduled, a sample of each page kind).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import {
  AUTHORS,
  CATEGORIES,
  COUNTRY_NAMES,
  COUNTRY_TAGS,
  EN,
  EN_DETAIL,
  FIRST_NAMES,
  NAME_PARTS,
  ORGANISATION_KINDS,
  ORGANISATION_KINDS_RU,
  RU,
  RU_DETAIL,
  SURNAME_ENDS,
  TOPIC_TAGS,
  TURKIC,
} from './vocabulary';

export interface CorpusOptions {
  count: number;
  seed: number;
  /** Folder to write; must be empty or a corpus written earlier (it is replaced). */
  dir: string;
  /** Where categories.yaml and tags.yaml are copied from. Default: ./content */
  sourceContentDir?: string;
}

export interface CorpusManifest {
  seed: number;
  count: number;
  published: number;
  drafts: string[];
  scheduled: string[];
  languages: Record<string, number>;
  /** The newest published article, a country tag and an author: pages a benchmark can request. */
  sample: {
    article: string;
    /**
     * The newest published story among the first 1,000: the same slug and text (only its date differs) in every corpus
     * of at least 1,000 articles of one seed, so its page can be compared like for like across archive sizes.
     */
    sameStoryArticle: string;
    oldestArticle: string;
    tag: string;
    category: string;
    author: string;
    oldestHeroArticle?: string;
  };
}

const MARKER = 'corpus.json';
/** The same-story sample is the newest public article among this many (see CorpusManifest.sample.sameStoryArticle). */
const SAME_STORY_INDEX = 1000;
/** Dates run over the ten years before this fixed moment, so a corpus does not change with the clock. */
const END = Date.UTC(2026, 9, 31, 12, 0, 0);
const SPAN_MS = 10 * 365.25 * 24 * 3600 * 1000;
const OFFSETS = ['+05:00', '+06:00', '+03:00', '+00:00', '+02:00'];
const HERO = { src: '/images/caspian-corridor.jpg', alt: 'Cargo ships at a Caspian port', credit: 'Photo: Eurasian Star' };

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; one stream per article so articles don't depend on each other's draws. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
function pickSome<T>(r: Rand, list: readonly T[], n: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]!);
  return out;
}

type Lang = 'en' | 'ru' | 'uz' | 'tk';

interface Plan {
  index: number;
  slug: string;
  lang: Lang;
  status: 'published' | 'draft';
  scheduled: boolean;
  date: string;
  author: string;
  categories: string[];
  tags: string[];
  country: string;
  hero: boolean;
}

/** ISO 8601 with a fixed offset, as an editor would write it. */
function isoWithOffset(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(ms + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

function planArticle(seed: number, index: number, count: number): Plan {
  const r = rng(seed * 1_000_003 + index * 7919);
  const roll = r();
  const lang: Lang = roll < 0.1 ? 'ru' : roll < 0.14 ? 'uz' : roll < 0.17 ? 'tk' : 'en';
  const country = lang === 'uz' ? 'uz' : lang === 'tk' ? 'tm' : pick(r, COUNTRY_TAGS);
  const others = pickSome(r, COUNTRY_TAGS.filter((c) => c !== country), int(r, 0, 3));
  const topics = r() < 0.5 ? [pick(r, TOPIC_TAGS)] : [];
  // Spread evenly over ten years with jitter, oldest first, so every month has articles.
  const ms = END - SPAN_MS + ((index + r()) / count) * SPAN_MS;
  const offset = pick(r, OFFSETS);
  const scheduled = index % 1000 === 13;
  const date = scheduled ? isoWithOffset(Date.UTC(2099, 0, 1 + (index % 300), 9), offset) : isoWithOffset(ms, offset);
  const noun = pick(r, EN.nouns).replace(/\s+/g, '-');
  return {
    index,
    slug: `${COUNTRY_NAMES[country]!.en.toLowerCase()}-${noun}-${pick(r, EN.adjectives).toLowerCase().replace(/[^a-z]+/g, '-')}-${index + 1}`,
    lang,
    status: index % 250 === 7 ? 'draft' : 'published',
    scheduled,
    date,
    author: pick(r, AUTHORS).key,
    categories: pickSome(r, CATEGORIES, r() < 0.7 ? 1 : 2),
    tags: [country, ...others, ...topics],
    country,
    hero: r() < 0.05,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** 0 ≤ k < n, drawn so that P(k) falls as 1/(k+1): a few names recur across the archive, most are rare. */
const zipf = (r: Rand, n: number) => Math.min(n - 1, Math.floor(Math.pow(n, r())) - 1);

/** The k-th name of a pool, the same for the same k: two or three syllables. */
function nameOf(k: number, script: 'latin' | 'cyrillic', withEnd = true): string {
  const parts = NAME_PARTS[script];
  const h = rng(k * 2_654_435_761 + (script === 'latin' ? 1 : 2));
  const name = `${pick(h, parts.onsets)}${h() < 0.7 ? pick(h, parts.middles) : ''}${withEnd ? pick(h, parts.ends) : ''}`;
  return capitalise(name);
}

/** The people, places and organisations one story is about, drawn from archive-wide pools. */
interface Cast {
  /** What the story is about, from EN_DETAIL.topics: its sentences keep coming back to these. */
  topics: string[];
  places: string[];
  people: string[];
  organisations: string[];
}

const PLACES = 12_000;
const PEOPLE = 8_000;

function placeName(r: Rand, lang: Lang): string {
  return nameOf(zipf(r, PLACES), lang === 'ru' ? 'cyrillic' : 'latin');
}

function personName(r: Rand, lang: Lang): string {
  const k = zipf(r, PEOPLE);
  if (lang === 'ru') return `${nameOf(k, 'cyrillic', false)}ов`;
  return `${FIRST_NAMES[k % FIRST_NAMES.length]} ${nameOf(k, 'latin', false)}${SURNAME_ENDS[k % SURNAME_ENDS.length]}`;
}

function castOf(r: Rand, lang: Lang): Cast {
  const places = Array.from({ length: 3 }, () => placeName(r, lang));
  return {
    topics: Array.from({ length: 2 }, () => EN_DETAIL.topics[zipf(r, EN_DETAIL.topics.length)]!),
    places,
    people: Array.from({ length: 3 }, () => personName(r, lang)),
    organisations: places.slice(0, 2).map((place) => (lang === 'ru' ? `${pick(r, ORGANISATION_KINDS_RU)} «${place}»` : `the ${place} ${pick(r, ORGANISATION_KINDS)}`)),
  };
}

/** Mostly the story's own cast, sometimes someone or somewhere else. */
const castMember = (r: Rand, list: string[], other: () => string) => (r() < 0.75 ? pick(r, list) : other());

/** A clause of detail closing a sentence: who said it, where, how much, about what. Empty about half the time. */
function detail(r: Rand, lang: Lang, cast: Cast): string {
  const roll = r();
  if (roll < 0.45) return '';
  const place = () => castMember(r, cast.places, () => placeName(r, lang));
  const person = () => castMember(r, cast.people, () => personName(r, lang));
  const amount = () => `${int(r, 2, 950)}${r() < 0.3 ? `.${int(r, 1, 9)}` : ''}`;
  if (lang === 'ru') {
    if (roll < 0.6) return `, ${RU_DETAIL.reporting[int(r, 0, RU_DETAIL.reporting.length - 1)]} ${pick(r, RU_DETAIL.officials)} ${person()}`;
    if (roll < 0.75) return ` (${place()})`;
    if (roll < 0.88) return `: ${amount()} ${pick(r, RU_DETAIL.units)}, ${pick(r, RU_DETAIL.topics)}`;
    return `, сообщает ${pick(r, cast.organisations)}`;
  }
  if (roll < 0.6) return `, ${person()}, a ${pick(r, EN_DETAIL.officials)} in ${place()}, ${pick(r, EN_DETAIL.reporting)}`;
  if (roll < 0.7) return ` in ${place()}`;
  if (roll < 0.78) return `, a deal worth ${amount()} million ${pick(r, EN_DETAIL.currencies)}`;
  if (roll < 0.86) return `, affecting ${amount()} ${pick(r, EN_DETAIL.units)} of ${pick(r, EN_DETAIL.topics)}`;
  if (roll < 0.94) return `, according to ${pick(r, cast.organisations)}`;
  return `, with ${pick(r, EN_DETAIL.topics)} and ${pick(r, EN_DETAIL.topics)} on the agenda`;
}

function sentence(r: Rand, lang: Lang, cast: Cast): string {
  if (lang === 'ru') return `${pick(r, RU.subjects)} ${pick(r, RU.verbs)} ${pick(r, RU.objects)} ${pick(r, RU.clauses)}${detail(r, lang, cast)}.`;
  if ((lang === 'uz' || lang === 'tk') && r() < 0.6) return `${pick(r, TURKIC[lang])}.`;
  const verb = r() < 0.5 ? pick(r, EN.verbs) : pick(r, EN_DETAIL.verbs);
  const object = r() < 0.5 ? pick(r, EN.objects) : `the ${pick(r, cast.topics)} ${pick(r, EN_DETAIL.kinds)}`;
  return `${pick(r, EN.subjects)} ${verb} ${object} ${pick(r, EN.clauses)}${detail(r, lang, cast)}.`;
}

const paragraph = (r: Rand, lang: Lang, cast: Cast, sentences: number) => Array.from({ length: sentences }, () => sentence(r, lang, cast)).join(' ');

function titleOf(r: Rand, plan: Plan, cast: Cast): string {
  const place = COUNTRY_NAMES[plan.country]!;
  const where = r() < 0.4 ? ` in ${cast.places[0]}` : '';
  if (plan.lang === 'ru') return `${place.ru}: ${pick(r, RU.subjects).toLowerCase()} ${pick(r, RU.verbs)} ${pick(r, RU.objects)}${where ? ` (${cast.places[0]})` : ''}`;
  if (plan.lang === 'uz' || plan.lang === 'tk') return pick(r, TURKIC[plan.lang]);
  return `${place.en}: ${pick(r, EN.subjects).toLowerCase()} ${pick(r, EN.verbs)} ${pick(r, EN.objects)}${where}`.replace(/^./, (c) => c.toUpperCase());
}

function bodyOf(r: Rand, plan: Plan, cast: Cast, olderSlug: string | undefined): string {
  const lang = plan.lang;
  const headings = lang === 'ru' ? RU.headings : EN.headings;
  const parts: string[] = [paragraph(r, lang, cast, 5)];
  const sections = pickSome(r, headings, 5);
  sections.forEach((heading, i) => {
    parts.push(`## ${heading}`);
    parts.push(paragraph(r, lang, cast, int(r, 4, 5)));
    if (i === 0) {
      const items = Array.from({ length: 5 }, () => `- **${capitalise(pick(r, lang === 'ru' ? RU.nouns : EN.nouns))}.** ${sentence(r, lang, cast)}`);
      parts.push(items.join('\n'));
    }
    if (i === 1 && olderSlug) parts.push(`${sentence(r, lang, cast)} [${lang === 'ru' ? 'Ранее мы писали об этом' : 'We reported earlier'}](/articles/${olderSlug}).`);
    if (i === 2) parts.push(`> ${sentence(r, lang, cast)}`);
    if (i === 3) parts.push(`${sentence(r, lang, cast)} [Source](https://example.org/${plan.country}/${plan.index + 1}).`);
    parts.push(paragraph(r, lang, cast, int(r, 3, 4)));
  });
  if (lang === 'en' && r() < 0.1) parts.push(`In Uzbek: *${pick(r, TURKIC.uz)}.* In Turkmen: *${pick(r, TURKIC.tk)}.*`);
  return `${parts.join('\n\n')}\n`;
}

function articleFile(plan: Plan, olderSlug: string | undefined, seed: number): string {
  const r = rng(seed * 31 + plan.index * 104_729 + 17);
  const cast = castOf(r, plan.lang);
  const title = titleOf(r, plan, cast);
  const front: Record<string, unknown> = {
    title,
    summary: paragraph(r, plan.lang, cast, 2).slice(0, 390),
    date: plan.date,
    author: plan.author,
    categories: plan.categories,
    tags: plan.tags,
    status: plan.status,
    ...(plan.lang === 'en' ? {} : { lang: plan.lang }),
    ...(plan.hero ? { hero: HERO } : {}),
  };
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${bodyOf(r, plan, cast, olderSlug)}`;
}

/** Refuses any folder that holds something other than an earlier corpus, and the project's own content/. */
function prepareDir(dir: string, sourceContentDir: string): void {
  const resolved = path.resolve(dir);
  const source = path.resolve(sourceContentDir);
  if (resolved === source || resolved.startsWith(`${source}${path.sep}`)) throw new Error(`refusing to write the corpus into ${source}: choose another folder`);
  if (fs.existsSync(resolved)) {
    const entries = fs.readdirSync(resolved);
    if (entries.length > 0 && !entries.includes(MARKER)) throw new Error(`${resolved} is not empty and holds no ${MARKER}: choose an empty or new folder`);
    fs.rmSync(resolved, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(resolved, 'articles'), { recursive: true });
}

/** Writes a corpus of `count` articles into `dir` and returns its manifest. */
export function generateCorpus({ count, seed, dir, sourceContentDir = 'content' }: CorpusOptions): CorpusManifest {
  if (!Number.isInteger(count) || count < 1 || count > 200_000) throw new Error('count must be a whole number from 1 to 200000');
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new Error('seed must be a whole number from 0 to 2^31');
  prepareDir(dir, sourceContentDir);

  fs.copyFileSync(path.join(sourceContentDir, 'categories.yaml'), path.join(dir, 'categories.yaml'));
  fs.copyFileSync(path.join(sourceContentDir, 'tags.yaml'), path.join(dir, 'tags.yaml'));
  const authors = Object.fromEntries(AUTHORS.map(({ key, name, bio }) => [key, { name, bio }]));
  fs.writeFileSync(path.join(dir, 'authors.yaml'), `# Generated by scripts/corpus/generate.ts\n${stringify(authors, { lineWidth: 0 })}`);

  const plans = Array.from({ length: count }, (_, i) => planArticle(seed, i, count));
  const languages: Record<string, number> = {};
  for (const plan of plans) {
    // Link to an earlier public article, so internal links resolve.
    const older = plan.index > 0 ? plans[Math.max(0, plan.index - 1 - (plan.index % 17))] : undefined;
    const olderSlug = older && older.status === 'published' && !older.scheduled ? older.slug : undefined;
    fs.writeFileSync(path.join(dir, 'articles', `${plan.slug}.md`), articleFile(plan, olderSlug, seed));
    languages[plan.lang] = (languages[plan.lang] ?? 0) + 1;
  }

  const isLive = (p: Plan) => p.status === 'published' && !p.scheduled;
  const live = plans.filter(isLive);
  const newest = live.at(-1)!;
  const manifest: CorpusManifest = {
    seed,
    count,
    published: live.length,
    drafts: plans.filter((p) => p.status === 'draft').map((p) => p.slug),
    scheduled: plans.filter((p) => p.scheduled && p.status === 'published').map((p) => p.slug),
    languages,
    sample: {
      article: newest.slug,
      sameStoryArticle: plans.slice(0, SAME_STORY_INDEX).filter(isLive).at(-1)!.slug,
      oldestArticle: live[0]!.slug,
      tag: newest.country,
      category: newest.categories[0]!,
      author: newest.author,
      oldestHeroArticle: live.find((p) => p.hero)?.slug,
    },
  };
  fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function main(): void {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
  if (!values.out) throw new Error('usage: npm run corpus -- --count 10000 --out /tmp/es-corpus-10k [--seed 1]');
  const started = performance.now();
  const manifest = generateCorpus({ count: Number(values.count), seed: Number(values.seed), dir: values.out });
  console.log(
    `corpus: ${manifest.count} articles (${manifest.published} published, ${manifest.drafts.length} drafts, ${manifest.scheduled.length} scheduled; ` +
      `${Object.entries(manifest.languages).map(([l, n]) => `${l} ${n}`).join(', ')}) in ${path.resolve(values.out)} ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s\nbuild it with: CONTENT_DIR=${path.resolve(values.out)} npm run build`,
  );
}

// Run as a command (npm run corpus), not when imported by a test or the benchmark.
if (/scripts[\\/]corpus[\\/]generate(\.ts)?$/.test(process.argv[1] ?? '')) {
  try {
    main();
  } catch (error) {
    console.error(`corpus: ${(error as Error).message}`);
    process.exit(1);
  }
}
