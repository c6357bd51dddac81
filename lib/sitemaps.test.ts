import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, validFrontMatter, type Fixture } from './content/testing';

let fx: Fixture;
let sitemaps: typeof import('./sitemaps');
const NOW = new Date('2026-06-10T12:00:00Z');

beforeAll(async () => {
  fx = makeFixture();
  fx.article('fresh', validFrontMatter({ date: '2026-06-09T08:00:00+00:00', title: 'Fresh & <new>' }));
  fx.article('old', validFrontMatter({ date: '2026-05-01T08:00:00+00:00' }));
  fx.article('hidden', validFrontMatter({ date: '2026-06-09T09:00:00+00:00', status: 'draft' }));
  process.env.CONTENT_DIR = fx.contentDir;
  process.env.SITE_URL = 'https://eurasianstar.example';
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-sitemap-'));
  sitemaps = await import('./sitemaps');
});

afterAll(() => fx.cleanup());

describe('newsSitemapXml', () => {
  it('lists only public articles of the last two days, with publication, language, date and escaped title', async () => {
    const xml = await sitemaps.newsSitemapXml(NOW);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser().parse(xml) as { urlset: { url: { loc: string; 'news:news': { 'news:title': string; 'news:publication': { 'news:name': string; 'news:language': string } } } } };
    expect(doc.urlset.url.loc).toBe('https://eurasianstar.example/articles/fresh');
    expect(doc.urlset.url['news:news']['news:title']).toBe('Fresh & <new>');
    expect(xml).not.toContain('<new>');
    expect(doc.urlset.url['news:news']['news:publication']).toEqual({ 'news:name': 'Eurasian Star', 'news:language': 'en' });
  });

  it('is a valid, empty urlset when nothing is that recent', async () => {
    const xml = await sitemaps.newsSitemapXml(new Date('2027-01-01T00:00:00Z'));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('xmlns:news=');
    expect(xml).not.toContain('<url>');
  });
});
