import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary } from './load';
import { type Fixture, makeFixture, validFrontMatter } from './testing';
import { diffPublished, isEmptyChange } from './diff';

let fixture: Fixture;
afterEach(() => fixture?.cleanup());

const load = () => loadLibrary({ contentDir: fixture.contentDir, publicDir: fixture.publicDir }).articles.filter((a) => a.status === 'published');

describe('diffPublished', () => {
  it('reports nothing when the content is read again unchanged', () => {
    fixture = makeFixture();
    fixture.article('one', validFrontMatter());
    const changes = diffPublished(load(), load());
    expect(changes).toEqual({ added: [], changed: [], withdrawn: [] });
    expect(isEmptyChange(changes)).toBe(true);
  });

  it('tells a new article, a changed headline, body or tag, and a withdrawn one apart', () => {
    fixture = makeFixture();
    fixture.article('kept', validFrontMatter({ title: 'Kept as it is' }));
    fixture.article('retitled', validFrontMatter({ title: 'Old headline' }));
    fixture.article('rewritten', validFrontMatter(), 'The first version.\n');
    fixture.article('retagged', validFrontMatter({ tags: ['kg'] }));
    fixture.article('pulled', validFrontMatter());
    const before = load();
    fixture.article('fresh', validFrontMatter({ title: 'Breaking' }));
    fixture.article('retitled', validFrontMatter({ title: 'New headline' }));
    fixture.article('rewritten', validFrontMatter(), 'The corrected version.\n');
    fixture.article('retagged', validFrontMatter({ tags: ['kg', 'water'] }));
    fixture.article('pulled', validFrontMatter({ status: 'draft' }));
    expect(diffPublished(before, load())).toEqual({ added: ['fresh'], changed: ['retagged', 'retitled', 'rewritten'], withdrawn: ['pulled'] });
  });

  it('counts a changed author name as a change to every article of that author', () => {
    fixture = makeFixture();
    fixture.article('by-staff', validFrontMatter({ author: 'staff' }));
    fixture.article('by-jane', validFrontMatter({ author: 'jdoe-real' }));
    const before = load();
    const authors = `${fixture.contentDir}/authors.yaml`;
    fs.writeFileSync(authors, fs.readFileSync(authors, 'utf8').replace('Staff Writer', 'Staff Reporter'));
    expect(diffPublished(before, load())).toEqual({ added: [], changed: ['by-staff'], withdrawn: [] });
  });
});
