import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from './render';
import { makeFixture } from './testing';

const fx = makeFixture();
afterAll(() => fx.cleanup());

const render = (markdown: string) => renderMarkdown(markdown, { publicDir: fx.publicDir, siteUrl: 'https://eurasianstar.example' });

describe('GitHub-flavoured Markdown', () => {
  it('renders tables', () => {
    const html = render('| Country | Capital |\n|---|---|\n| Kazakhstan | Astana |\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Country</th>');
    expect(html).toContain('<td>Astana</td>');
  });

  it('renders footnotes whose references and back-references point at ids that exist', () => {
    const html = render('A claim.[^1]\n\n[^1]: The source.\n');
    const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    expect(hrefs.length).toBeGreaterThanOrEqual(2);
    for (const href of hrefs) expect(ids, `#${href} has no target`).toContain(href);
    expect(html).toContain('<section data-footnotes="" class="footnotes"><h2 id="footnote-label">');
    expect(html).toContain('aria-describedby="footnote-label"');
    expect(html).toContain('id="footnote-label"');
  });

  it('gives headings ids and wraps them in a link to themselves', () => {
    expect(render('## The Middle Corridor\n')).toBe(
      '<h2 id="the-middle-corridor"><a class="heading-anchor" href="#the-middle-corridor">The Middle Corridor</a></h2>',
    );
  });

  it('makes heading ids from Cyrillic and Turkmen headings', () => {
    expect(render('## Одна река\n')).toContain('id="одна-река"');
    expect(render('## Aşgabat we Türkmenbaşy\n')).toContain('id="aşgabat-we-türkmenbaşy"');
  });
});

describe('sanitising', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>', /<script/i],
    ['an event handler', '<img src="/images/pic.png" onerror="alert(1)">', /onerror/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a raw javascript: href', '<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['inline styles', '<p style="position:fixed;top:0">x</p>', /style=/i],
    ['an svg with script', '<svg><script>alert(1)</script></svg>', /<svg|<script/i],
    ['a form', '<form action="https://evil.example"><button>Go</button></form>', /<form|<button/i],
  ])('removes %s', (_label, markdown, forbidden) => {
    expect(render(markdown)).not.toMatch(forbidden);
  });

  it('keeps harmless raw HTML such as <abbr> and <sup>', () => {
    expect(render('<abbr title="European Union">EU</abbr> and x<sup>2</sup>')).toBe('<p><abbr title="European Union">EU</abbr> and x<sup>2</sup></p>');
  });

  it('turns a raw <input> into nothing more than a disabled checkbox', () => {
    expect(render('<input name="q" type="text" value="x">')).toBe('<input name="q" value="x" disabled type="checkbox">');
  });

  it('drops ids from raw HTML so an article cannot clobber the page', () => {
    const html = render('<p id="comments">x</p>');
    expect(html).toBe('<p>x</p>');
  });
});

describe('links', () => {
  it('adds rel="noopener noreferrer" to external links', () => {
    expect(render('[EU](https://www.eeas.europa.eu/)')).toBe(
      '<p><a href="https://www.eeas.europa.eu/" rel="noopener noreferrer">EU</a></p>',
    );
  });

  it('leaves links within the site alone', () => {
    expect(render('[archive](/archive) [home](https://eurasianstar.example/)')).toBe(
      '<p><a href="/archive">archive</a> <a href="https://eurasianstar.example/">home</a></p>',
    );
  });
});

describe('images', () => {
  it('gives local images their width, height and lazy loading', () => {
    expect(render('![A picture](/images/pic.png)')).toBe(
      '<p><img src="/images/pic.png" alt="A picture" width="4" height="3" loading="lazy" decoding="async"></p>',
    );
  });

  it('drops images that are not local files', () => {
    expect(render('<img src="https://tracker.example/pixel.gif" alt="">')).not.toContain('<img');
  });
});
