/**
 * Authors, categories and tags of the export matched against content/authors.yaml, categories.yaml and tags.yaml:
 * an existing key is reused, never duplicated; what is new is collected to be added. Categories keep WordPress's
 * slugs as flat keys (the site has no nested sections): an article filed under a child category is listed under the
 * child and each of its ancestors, as WordPress's parent archive lists it. Tags match an existing tag by key, name,
 * country code, country name or alias, case-insensitively (UZB → uz). Authors are keyed by login; their email is
 * never carried over (authors.yaml is public).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decodeText } from './html-text';
import { decodePostName, slugFrom } from './slug';
import type { WxrExport, WxrItemTerm } from './wxr-types';

export type RegistryName = 'authors' | 'categories' | 'tags';
export type RegistryEntry = Record<string, unknown>;

export interface Registries {
  /** Keys already in each YAML file. */
  existing: Record<RegistryName, Set<string>>;
  /** Entries to add, by key, in the order first used. */
  added: Record<RegistryName, Map<string, RegistryEntry>>;
  /** Keys reused from the files (counted for the report). */
  reused: Record<RegistryName, Set<string>>;
}

function readRegistry(contentDir: string, name: RegistryName): Record<string, Record<string, unknown>> {
  const file = path.join(contentDir, `${name}.yaml`);
  if (!fs.existsSync(file)) return {};
  const raw: unknown = parseYaml(fs.readFileSync(file, 'utf8'));
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, Record<string, unknown>>) : {};
}

export class TermMapper {
  readonly registries: Registries;
  private readonly tagLookup = new Map<string, string>();
  private readonly categoryParent = new Map<string, string>();
  private readonly categoryInfo = new Map<string, { name: string; description: string }>();
  private readonly tagInfo = new Map<string, { name: string; description: string }>();
  private readonly authorNames = new Map<string, string>();

  constructor(contentDir: string, wxr: WxrExport) {
    const files = { authors: readRegistry(contentDir, 'authors'), categories: readRegistry(contentDir, 'categories'), tags: readRegistry(contentDir, 'tags') };
    this.registries = {
      existing: { authors: new Set(Object.keys(files.authors)), categories: new Set(Object.keys(files.categories)), tags: new Set(Object.keys(files.tags)) },
      added: { authors: new Map(), categories: new Map(), tags: new Map() },
      reused: { authors: new Set(), categories: new Set(), tags: new Set() },
    };
    for (const [key, tag] of Object.entries(files.tags)) {
      const country = (tag.country ?? {}) as { code?: string; name?: string };
      const aliases = Array.isArray(tag.aliases) ? tag.aliases.map(String) : [];
      for (const name of [key, String(tag.name ?? ''), country.code ?? '', country.name ?? '', ...aliases]) {
        if (name) this.tagLookup.set(name.toLowerCase(), key);
      }
    }
    for (const term of wxr.terms) {
      const info = { name: decodeText(term.name) || term.slug, description: decodeText(term.description) };
      if (term.taxonomy === 'category') {
        this.categoryInfo.set(term.slug, info);
        if (term.parent) this.categoryParent.set(term.slug, term.parent);
      } else this.tagInfo.set(term.slug, info);
    }
    for (const author of wxr.authors) this.authorNames.set(author.login, decodeText(author.displayName) || author.login);
  }

  /** The author key for a login (dc:creator), adding the author when new. */
  author(login: string, siteTitle: string): string {
    const key = slugFrom(login) || 'wordpress-author';
    if (this.use('authors', key)) return key;
    const name = this.authorNames.get(login) ?? login;
    this.registries.added.authors.set(key, { name, bio: `${name} wrote for ${siteTitle || 'the publication'} before it moved from WordPress.` });
    return key;
  }

  /** The category keys for an item: each category, then its ancestors, without repeats. */
  categories(terms: WxrItemTerm[]): string[] {
    const keys: string[] = [];
    for (const term of terms) {
      if (term.domain !== 'category') continue;
      const seen = new Set<string>();
      for (let slug: string | undefined = term.slug; slug && !seen.has(slug); slug = this.categoryParent.get(slug)) {
        seen.add(slug);
        keys.push(this.category(slug, slug === term.slug ? term.name : undefined));
      }
    }
    return [...new Set(keys)];
  }

  /** The key WordPress's category slug maps to (for redirects), adding the category when new. */
  category(wpSlug: string, name?: string): string {
    const key = slugFrom(decodePostName(wpSlug)) || 'uncategorized';
    if (this.use('categories', key)) return key;
    const info = this.categoryInfo.get(wpSlug) ?? { name: decodeText(name ?? '') || wpSlug, description: '' };
    this.registries.added.categories.set(key, { name: info.name.slice(0, 60), description: (info.description || `Articles filed under ${info.name} on the WordPress site.`).slice(0, 300) });
    return key;
  }

  /** The key a category slug maps to, without adding it. */
  peekCategory(wpSlug: string): string {
    return slugFrom(decodePostName(wpSlug)) || 'uncategorized';
  }

  /** WordPress's address path of a category: its ancestors' slugs, then its own (/category/parent/child/). */
  categoryPath(wpSlug: string): string {
    const chain: string[] = [];
    for (let slug: string | undefined = wpSlug; slug && !chain.includes(slug); slug = this.categoryParent.get(slug)) chain.unshift(slug);
    return chain.join('/');
  }

  /** The section WordPress pages are filed under (README: pages become articles). */
  pagesCategory(): string {
    if (this.use('categories', 'pages')) return 'pages';
    this.registries.added.categories.set('pages', { name: 'Pages', description: 'The pages of the WordPress site this publication moved from.' });
    return 'pages';
  }

  /** The tag keys for an item. */
  tags(terms: WxrItemTerm[]): string[] {
    return [...new Set(terms.filter((t) => t.domain === 'post_tag').map((t) => this.tag(t.slug, t.name)))];
  }

  /** The key a WordPress tag maps to: an existing tag by key, name, code or alias, or a new one. */
  tag(wpSlug: string, name?: string): string {
    const decoded = decodePostName(wpSlug);
    const label = decodeText(name ?? '') || this.tagInfo.get(wpSlug)?.name || decoded;
    for (const candidate of [decoded, label]) {
      const existing = this.tagLookup.get(candidate.toLowerCase());
      if (existing) {
        if (!this.registries.added.tags.has(existing)) this.registries.reused.tags.add(existing);
        return existing;
      }
    }
    const key = slugFrom(decoded) || slugFrom(label) || 'tag';
    if (this.use('tags', key)) return key;
    const description = this.tagInfo.get(wpSlug)?.description;
    this.registries.added.tags.set(key, { name: label.slice(0, 60), ...(description ? { description: description.slice(0, 300) } : {}) });
    this.tagLookup.set(key, key);
    this.tagLookup.set(label.toLowerCase(), key);
    return key;
  }

  /** True when `key` is already known (in the file or added earlier); counts a reuse of a file's key. */
  private use(name: RegistryName, key: string): boolean {
    if (this.registries.existing[name].has(key)) {
      this.registries.reused[name].add(key);
      return true;
    }
    return this.registries.added[name].has(key);
  }
}
