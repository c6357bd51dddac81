import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffPublished } from '../content/diff';
import { loadLibrary } from '../content/load';
import { type Fixture, makeFixture, validFrontMatter } from '../content/testing';
import { buildSearchIndex, compileSearchIndex, searchIndex } from './index';

let fixture: Fixture;
afterEach(() => fixture?.cleanup());

/** Public articles of the fixture as it is now, with their plain texts. */
function load() {
  const texts = new Map<string, string>();
  const articles = loadLibrary({ contentDir: fixture.contentDir, publicDir: fixture.publicDir }, texts).articles.filter((a) => a.status === 'published');
  return { articles, texts };
}

describe('replaceSearchIndex after a publish', () => {
  it('answers every query exactly as an index built from scratch of the new articles would', async () => {
    fixture = makeFixture();
    fixture.article('kept', validFrontMatter({ title: 'Water on the Syr Darya' }), 'Dams and reservoirs on the river.\n');
    fixture.article('retitled', validFrontMatter({ title: 'Cotton harvest' }), 'Fields of cotton and water.\n');
    fixture.article('pulled', validFrontMatter({ title: 'Gas pipeline' }), 'A pipeline to China.\n');
    const first = load();
    const { replaceSearchIndex, getSearchIndex } = await import('./server');
    // The first publish has no live index and no build index to start from: it indexes from scratch.
    replaceSearchIndex([], first.articles, { added: first.articles.map((a) => a.slug), changed: [], withdrawn: [] }, first.texts);

    fixture.article('retitled', validFrontMatter({ title: 'Cotton and water quotas' }), 'Quotas for cotton farmers.\n');
    fs.rmSync(path.join(fixture.contentDir, 'articles', 'pulled.md'));
    fixture.article('fresh', validFrontMatter({ title: 'Pipeline diplomacy' }), 'Gas, water and diplomacy.\n');
    const second = load();
    const changes = diffPublished(first.articles, second.articles);
    expect(changes).toEqual({ added: ['fresh'], changed: ['retitled'], withdrawn: ['pulled'] });
    replaceSearchIndex(first.articles, second.articles, changes, second.texts);

    const scratch = compileSearchIndex(buildSearchIndex(second.articles));
    for (const query of ['water', 'cotton', 'pipeline', 'quotas', 'china', 'harvest', 'diplomacy', 'dams reservoirs']) {
      expect(searchIndex(getSearchIndex(), query), query).toEqual(searchIndex(scratch, query));
    }
    expect(searchIndex(getSearchIndex(), 'china').hits).toEqual([]);
  });
});
