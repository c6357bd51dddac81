import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../content/render';
import { type ConvertContext, autoParagraphs, wordpressHtmlToMarkdown } from './convert';

function convert(html: string, attachments: Record<string, { url: string; alt: string }> = {}) {
  const warnings: string[] = [];
  const ctx: ConvertContext = {
    attachedImages: Object.entries(attachments).map(([id, a]) => ({ id, ...a })),
    attachment: (id) => attachments[id],
    warn: (m) => warnings.push(m),
    resolveImage: (url) => (url.includes('/wp-content/uploads/') ? `/images/wp/${url.split('/uploads/')[1]}` : undefined),
  };
  return { markdown: wordpressHtmlToMarkdown(html, ctx), warnings };
}
const UP = 'https://old.example/wp-content/uploads/2024/05';

describe('WordPress HTML to Markdown', () => {
  it('classic editor line breaks become paragraphs and <br>', () => {
    expect(convert('First line\nsecond line\n\nNext <strong>para</strong>').markdown).toBe('First line\\\nsecond line\n\nNext **para**');
    expect(autoParagraphs('<pre>a\n\nb</pre>')).toBe('<pre>a\n\nb</pre>');
  });

  it('block editor comments are dropped and their HTML kept', () => {
    expect(convert('<!-- wp:heading --><h2>Title</h2><!-- /wp:heading --><!-- wp:paragraph --><p>Text</p><!-- /wp:paragraph -->').markdown).toBe('## Title\n\nText');
  });

  it('[caption] becomes the image followed by its caption', () => {
    const { markdown } = convert(`[caption id="attachment_5" align="aligncenter" width="300"]<a href="${UP}/r.png"><img src="${UP}/r.png" alt="Registan" /></a> Registan at dusk[/caption]`);
    expect(markdown).toBe(`[![Registan](/images/wp/2024/05/r.png)](${UP}/r.png)\n\n*Registan at dusk*`);
  });

  it('a block-editor figure keeps its caption', () => {
    expect(convert(`<!-- wp:image --><figure class="wp-block-image"><img src="${UP}/a.jpg" alt="Aral"/><figcaption>The shore</figcaption></figure><!-- /wp:image -->`).markdown).toBe(
      '![Aral](/images/wp/2024/05/a.jpg)\n\n*The shore*',
    );
  });

  it('[gallery] shows its images, by ids or the post’s attachments', () => {
    const attachments = { '1': { url: `${UP}/a.jpg`, alt: 'A' }, '2': { url: `${UP}/b.jpg`, alt: 'B' } };
    expect(convert('[gallery ids="2,1"]', attachments).markdown).toBe('![B](/images/wp/2024/05/b.jpg) ![A](/images/wp/2024/05/a.jpg)');
    expect(convert('[gallery columns="2"]', attachments).markdown).toContain('![A](/images/wp/2024/05/a.jpg)');
    expect(convert('[gallery ids="9"]').warnings).toContain('[gallery] names attachment 9, which is not in the export');
  });

  it('[embed], a bare media URL and an iframe become links', () => {
    expect(convert('[embed]https://www.youtube.com/watch?v=x[/embed]').markdown).toBe('<https://www.youtube.com/watch?v=x>');
    expect(convert('Intro\n\nhttps://vimeo.com/123\n\nOutro').markdown).toBe('Intro\n\n<https://vimeo.com/123>\n\nOutro');
    expect(convert('<iframe src="https://www.youtube.com/embed/x"></iframe>').markdown).toBe('<https://www.youtube.com/embed/x>');
  });

  it('[audio] and [video] become links to the file', () => {
    expect(convert(`[audio mp3="${UP}/talk.mp3"][/audio]`).markdown).toBe(`[Audio: talk.mp3](${UP}/talk.mp3)`);
    expect(convert(`[video src="${UP}/dam.mp4" width="640"]`).markdown).toBe(`[Video: dam.mp4](${UP}/dam.mp4)`);
  });

  it('an unknown shortcode is kept as text and reported', () => {
    const { markdown, warnings } = convert('Before [tweet id="1"] after');
    expect(markdown).toBe('Before \\[tweet id="1"] after');
    expect(warnings).toEqual(['unknown shortcode [tweet] kept as text']);
  });

  it('a remote image without a local copy becomes a link to it, never an image', () => {
    const { markdown } = convert('<img src="https://cdn.example.net/chart.png" alt="Chart">');
    expect(markdown).toBe('[Image: Chart](https://cdn.example.net/chart.png)');
    expect(markdown).not.toContain('![');
  });

  it('no script, iframe, style or event handler survives, in the Markdown or in the page rendered from it', () => {
    const hostile =
      '<script>alert(1)</script><p onclick="alert(2)" style="color:red">Text</p><img src=x onerror="alert(3)"><a href="javascript:alert(4)">x</a><iframe srcdoc="<script>alert(5)</script>"></iframe><svg onload="alert(6)"></svg><style>body{}</style>';
    const { markdown } = convert(hostile);
    const html = renderMarkdown(markdown, { publicDir: '/nonexistent', siteUrl: 'http://localhost:3000' });
    for (const text of [markdown, html]) {
      expect(text).not.toMatch(/<script|onclick|onerror|onload|javascript:|<iframe|<style|alert\(/i);
    }
    expect(html).toContain('Text');
  });

  it('a heading 1 in the post becomes a heading 2: the headline stays the page’s only h1', () => {
    expect(convert('<h1>Big</h1><h2>Smaller</h2>').markdown).toBe('## Big\n\n## Smaller');
  });

  it('tables, lists, quotes and code survive', () => {
    const { markdown } = convert('<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><ul><li>one</li></ul><blockquote><p>Q</p></blockquote><pre><code>x = 1</code></pre>');
    expect(markdown).toContain('| A |');
    expect(markdown).toContain('- one');
    expect(markdown).toContain('> Q');
    expect(markdown).toContain('```\nx = 1\n```');
  });
});
