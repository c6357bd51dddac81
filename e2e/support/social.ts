/**
 * Helpers for the social-sharing spec: what a link-preview crawler gets from a page (parsed by
 * open-graph-scraper, the real unfurl library, with cheerio for the tags it does not expose), what
 * each page should announce (derived from content/, not from the app's code), card-image checks and
 * a small robots.txt evaluator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { load, type CheerioAPI } from 'cheerio';
import { imageSize } from 'image-size';
import ogs from 'open-graph-scraper';
import type { OgObject } from 'open-graph-scraper/types';
import { parse as parseYaml } from 'yaml';
import { articleBySlug, authors, categories, CONTENT_DIR, tags, type SourceArticle } from './content';
import { BASE_URL } from './page-helpers';

export const SITE_NAME = 'Eurasian Star';
export const SITE_TAGLINE = 'News and analysis from Central Asia and the wider Eurasian space';
export const SITE_DESCRIPTION =
  'Eurasian Star reports on politics, security, energy and diplomacy across Central Asia, the Caucasus and the wider Eurasian space.';
export const SITE_LOCALE = 'en_GB';

/** The article whose headline is Turkmen and Uzbek Latin (ş, ü, ʻ). */
export const TURKMEN_SLUG = 'galkynys-gas-turkmenistan-uzbekistan';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const MAX_CARD_BYTES = 300 * 1024;
export const MAX_TITLE = 70;
export const MAX_DESCRIPTION = 200;

/** The link-preview crawlers robots.txt must let in. */
export const SOCIAL_CRAWLERS = ['facebookexternalhit', 'Twitterbot', 'LinkedInBot', 'Slackbot', 'TelegramBot', 'Discordbot', 'WhatsApp'];

/** Pages are fetched as Facebook's unfurler fetches them, so they get what a platform gets. */
export const CRAWLER_HEADERS = { 'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' };

// ---------------------------------------------------------------------------------------------
// What a page should announce.

export interface ExpectedPage {
  path: string;
  type: 'website' | 'article';
  /** The full title and description, before any shortening for the tags. */
  title: string;
  description: string;
  /** Which card the page's og:image should be: /og/<kind>/<slug>/<hash>.png. */
  card: { kind: 'home' | 'article' | 'category' | 'tag' | 'author'; slug: string };
  article?: SourceArticle;
}

const monthName = (year: string, month: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));

/** The title, description and card a public page should have, from content/ and the site's fixed wording. */
export function expectedPage(pagePath: string): ExpectedPage {
  const home = { kind: 'home' as const, slug: 'index' };
  const website = (title: string, description: string, card: ExpectedPage['card'] = home): ExpectedPage => ({ path: pagePath, type: 'website', title, description, card });
  const paged = (title: string, n?: string) => (n && n !== '1' ? `${title} — page ${n}` : title);
  let m: RegExpExecArray | null;
  if (pagePath === '/') return website(`${SITE_NAME} — ${SITE_TAGLINE}`, SITE_DESCRIPTION);
  if ((m = /^\/page\/(\d+)$/.exec(pagePath))) return website(paged('Latest stories', m[1]), SITE_DESCRIPTION);
  if ((m = /^\/articles\/([a-z0-9-]+)$/.exec(pagePath))) {
    const article = articleBySlug(m[1]!);
    return { path: pagePath, type: 'article', title: article.title, description: article.summary, card: { kind: 'article', slug: article.slug }, article };
  }
  if ((m = /^\/category\/([a-z0-9-]+)(?:\/page\/(\d+))?$/.exec(pagePath))) {
    const category = categories()[m[1]!]!;
    return website(paged(category.name, m[2]), category.description, { kind: 'category', slug: m[1]! });
  }
  if ((m = /^\/tag\/([a-z0-9-]+)(?:\/page\/(\d+))?$/.exec(pagePath))) {
    const tag = tags()[m[1]!]! as ReturnType<typeof tags>[string] & { description?: string };
    const title = tag.country ? `${tag.country.name} (${tag.name})` : tag.name;
    const description = tag.description ?? `News and analysis about ${tag.country?.name ?? tag.name} from ${SITE_NAME}.`;
    return website(paged(title, m[2]), description, { kind: 'tag', slug: m[1]! });
  }
  if ((m = /^\/author\/([a-z0-9-]+)(?:\/page\/(\d+))?$/.exec(pagePath))) {
    const author = authors()[m[1]!]!;
    return website(paged(author.name, m[2]), author.bio, { kind: 'author', slug: m[1]! });
  }
  if (pagePath === '/archive') return website('Archive', `Every article ${SITE_NAME} has published, by year and month.`);
  if ((m = /^\/archive\/(\d{4})\/(\d{2})(?:\/page\/(\d+))?$/.exec(pagePath))) {
    const name = monthName(m[1]!, m[2]!);
    return website(paged(name, m[3]), `Everything ${SITE_NAME} published in ${name}.`);
  }
  if ((m = /^\/archive\/(\d{4})(?:\/page\/(\d+))?$/.exec(pagePath))) return website(paged(m[1]!, m[2]), `Everything ${SITE_NAME} published in ${m[1]}.`);
  if (pagePath === '/about') return website('About us', `Who we are and how ${SITE_NAME} works.`);
  if (pagePath === '/search') return website('Search', `Search every article ${SITE_NAME} has published.`);
  if (pagePath === '/contact') return website('Contact', `How to reach the ${SITE_NAME} newsroom.`);
  throw new Error(`no expectations for ${pagePath}`);
}

/** The `updated` front-matter field, which support/content.ts does not read. */
export function updatedOf(slug: string): string | undefined {
  const dir = path.join(CONTENT_DIR, 'articles');
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const fm = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '') as Record<string, unknown>;
    const fileSlug = typeof fm.slug === 'string' ? fm.slug : name.replace(/\.md$/, '');
    if (fileSlug === slug) return typeof fm.updated === 'string' ? fm.updated : fm.updated instanceof Date ? fm.updated.toISOString() : undefined;
  }
  throw new Error(`no article with slug "${slug}"`);
}

/** Country names of an article's tags, in the article's order; every tag's shown name (country name or tag name). */
export function tagNames(article: SourceArticle): { countries: string[]; all: string[] } {
  const all = tags();
  return {
    countries: article.tags.flatMap((slug) => (all[slug]!.country ? [all[slug]!.country!.name] : [])),
    all: article.tags.map((slug) => all[slug]!.country?.name ?? all[slug]!.name),
  };
}

// ---------------------------------------------------------------------------------------------
// Fetching and parsing.

export interface Unfurl {
  path: string;
  html: string;
  response: APIResponse;
  /** open-graph-scraper's result, with no fallbacks: only what the Open Graph and Twitter tags say. */
  og: OgObject;
  $: CheerioAPI;
}

/** Fetches a page as a crawler does and parses it with open-graph-scraper (and cheerio). */
export async function unfurl(request: APIRequestContext, pagePath: string, headers: Record<string, string> = CRAWLER_HEADERS): Promise<Unfurl> {
  const response = await request.get(pagePath, { headers });
  expect(response.status(), `${pagePath} answers 200`).toBe(200);
  expect(response.headers()['content-type'] ?? '', `${pagePath} is HTML`).toContain('text/html');
  const html = await response.text();
  const { error, result } = await ogs({ html, onlyGetOpenGraphInfo: true });
  expect(error, `open-graph-scraper parses ${pagePath}: ${JSON.stringify(result)}`).toBe(false);
  return { path: pagePath, html, response, og: result, $: load(html) };
}

/** The content of every <meta> whose property or name is `key`, in document order (`scope`: "head" or the whole document). */
export function metaContents($: CheerioAPI, key: string, scope: 'head' | 'document' = 'document'): string[] {
  return $(scope === 'head' ? 'head meta' : 'meta')
    .toArray()
    .filter((el) => ($(el).attr('property') ?? $(el).attr('name')) === key)
    .map((el) => $(el).attr('content') ?? '');
}

/** The one value of a tag that must appear exactly once, in <head>. */
export function single($: CheerioAPI, key: string): string {
  const values = metaContents($, key, 'head');
  expect(values, `exactly one <meta> ${key} in <head>`).toHaveLength(1);
  expect(metaContents($, key), `${key} appears nowhere else`).toHaveLength(1);
  return values[0]!;
}

/** An absolute http(s) URL on this site (SITE_URL is BASE_URL in the e2e build). */
export function expectSiteUrl(value: string | undefined, what: string): void {
  expect(value, what).toBeTruthy();
  let url: URL | undefined;
  try {
    url = new URL(value!);
  } catch {
    url = undefined;
  }
  expect(url, `${what} "${value}" is an absolute URL`).toBeDefined();
  expect(value!.startsWith(`${BASE_URL}/`) || value === BASE_URL, `${what} "${value}" starts with ${BASE_URL}`).toBe(true);
}

/**
 * `actual` is `full` when it fits `max` characters; otherwise at most `max` characters ending with "…",
 * whose text is the start of `full` cut between words (never inside one).
 */
export function expectShortened(actual: string | undefined, full: string, max: number, what: string): void {
  const clean = full.replace(/\s+/g, ' ').trim();
  expect(actual, what).toBeDefined();
  expect([...actual!].length, `${what} "${actual}" is at most ${max} characters`).toBeLessThanOrEqual(max);
  if ([...clean].length <= max) {
    expect(actual, `${what} fits, so it is whole`).toBe(clean);
    return;
  }
  expect(actual!.endsWith('…'), `${what} "${actual}" was shortened, so it ends with "…"`).toBe(true);
  const stem = actual!.slice(0, -1);
  expect(stem.length, `${what} keeps more than half of what fits`).toBeGreaterThan(max / 2);
  expect(clean.startsWith(stem), `${what} "${actual}" is the start of "${clean}"`).toBe(true);
  expect(stem, `${what} does not end in a space`).toMatch(/\S$/);
  const rest = clean.slice(stem.length);
  expect(rest, `${what} "${actual}" is cut at a word boundary (the full text goes on "${rest.slice(0, 20)}")`).toMatch(/^[\s,;:.!?–—-]/);
}

/** An ISO 8601 date-time with seconds and an explicit offset (Z or ±hh:mm). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Card images.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Fetches an image URL exactly as a page names it. */
export async function fetchImage(request: APIRequestContext, url: string): Promise<{ response: APIResponse; body: Buffer }> {
  const response = await request.get(url, { headers: CRAWLER_HEADERS, maxRedirects: 0 });
  return { response, body: await response.body() };
}

/** A 1200×630 PNG under 300 KB, served as image/png. */
export function expectCardPng(response: APIResponse, body: Buffer, what: string): void {
  expect(response.status(), `${what} answers 200`).toBe(200);
  expect(response.headers()['content-type'], `${what} Content-Type`).toBe('image/png');
  expect(body.subarray(0, 8).equals(PNG_SIGNATURE), `${what} starts with the PNG signature`).toBe(true);
  const size = imageSize(body);
  expect({ type: size.type, width: size.width, height: size.height }, `${what} dimensions`).toEqual({ type: 'png', width: CARD_WIDTH, height: CARD_HEIGHT });
  expect(body.length, `${what} is under 300 KB`).toBeLessThan(MAX_CARD_BYTES);
}

// ---------------------------------------------------------------------------------------------
// robots.txt, read the way Google's and the platforms' parsers read it.

export interface RobotsRule {
  allow: boolean;
  path: string;
}

export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
}

/** Groups of User-agent lines and the Allow/Disallow lines that follow them; other lines are ignored. */
export function parseRobots(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  let inRules = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || inRules) {
        current = { agents: [], rules: [] };
        groups.push(current);
        inRules = false;
      }
      current.agents.push(value);
    } else if (key === 'allow' || key === 'disallow') {
      if (!current) continue;
      inRules = true;
      // An empty Disallow allows everything: it is no rule at all.
      if (value) current.rules.push({ allow: key === 'allow', path: value });
    }
  }
  return groups;
}

/** The rules that apply to a crawler: its own groups (by product token, case-insensitive) or else the "*" groups. */
export function rulesFor(groups: RobotsGroup[], agent: string): { rules: RobotsRule[]; matched: string } {
  const own = groups.filter((g) => g.agents.some((a) => a.toLowerCase() === agent.toLowerCase()));
  if (own.length > 0) return { rules: own.flatMap((g) => g.rules), matched: agent };
  return { rules: groups.filter((g) => g.agents.includes('*')).flatMap((g) => g.rules), matched: '*' };
}

function patternMatches(pattern: string, urlPath: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(urlPath);
}

/** The rules whose path matches `urlPath`. */
export const matchingRules = (rules: RobotsRule[], urlPath: string) => rules.filter((r) => patternMatches(r.path, urlPath));

/** Longest match wins; on a tie Allow wins; no match means allowed (RFC 9309). */
export function isAllowed(rules: RobotsRule[], urlPath: string): boolean {
  const matching = matchingRules(rules, urlPath).sort((a, b) => b.path.length - a.path.length || Number(b.allow) - Number(a.allow));
  return matching[0]?.allow ?? true;
}

// ---------------------------------------------------------------------------------------------
// Looking at a card's pixels (decoded by the browser, so no PNG library is needed).

/** The card design's footer rule (2px, #3a5578) runs across the content box, x 80–1128. */
const RULE_RGB = [0x3a, 0x55, 0x78] as const;
const CONTENT_X = [80, 1128] as const;

export interface HeadlineClearance {
  /** Rows of the footer rule (empty when no rule was found). */
  ruleRows: number[];
  /** Background rows between the lowest white ink above the rule and the rule. */
  clearAbove: number;
  /** White (headline) pixels in the 10 rows just under the rule, where only padding belongs. */
  inkBelow: number;
}

/** Where the headline's white ink ends relative to the footer rule of a card PNG. */
export async function headlineClearance(page: Page, png: Buffer): Promise<HeadlineClearance> {
  const rows = await page.evaluate(
    async ({ base64, rule, xRange }) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const out: { rule: number; white: number }[] = [];
      for (let y = 0; y < height; y++) {
        let ruleCount = 0;
        let white = 0;
        for (let x = xRange[0]; x < xRange[1]; x++) {
          const i = (y * width + x) * 4;
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (Math.abs(r - rule[0]) < 24 && Math.abs(g - rule[1]) < 24 && Math.abs(b - rule[2]) < 24) ruleCount++;
          if (r > 200 && g > 200 && b > 200) white++;
        }
        out.push({ rule: ruleCount, white });
      }
      return out;
    },
    { base64: png.toString('base64'), rule: RULE_RGB, xRange: CONTENT_X },
  );
  const span = CONTENT_X[1] - CONTENT_X[0];
  const ruleRows = rows.flatMap((row, y) => (row.rule > 0.85 * span ? [y] : []));
  if (ruleRows.length === 0) return { ruleRows, clearAbove: 0, inkBelow: 0 };
  let clearAbove = 0;
  for (let y = ruleRows[0]! - 1; y >= 0 && rows[y]!.white === 0; y--) clearAbove++;
  const last = ruleRows.at(-1)!;
  const inkBelow = rows.slice(last + 1, last + 11).reduce((sum, row) => sum + row.white, 0);
  return { ruleRows, clearAbove, inkBelow };
}
