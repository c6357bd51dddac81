/**
 * WordPress shortcodes turned into the HTML they stand for, before the body is converted: [caption] → the image
 * with its caption, [gallery] → its images, [embed] and a bare media URL on its own line → a link, [audio]/[video]
 * → a link to the file. An unknown shortcode is left as text and reported.
 */
import { escapeHtml } from './html-text';

export interface ShortcodeContext {
  /** Images attached to this post, in menu order: what a [gallery] without ids shows. */
  attachedImages: { id: string; url: string; alt: string }[];
  /** An attachment by id, for [gallery ids="…"]. */
  attachment(id: string): { url: string; alt: string } | undefined;
  warn(message: string): void;
}

const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'audio', 'video', 'playlist']);

/** Attributes of a shortcode's opening tag: name="value", name='value', name=value. */
export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

const link = (url: string, text: string) => `<p><a href="${escapeHtml(url)}">${escapeHtml(text)}</a></p>`;
const fileName = (url: string) => decodeURIComponent(url.split(/[?#]/)[0]!.split('/').pop() || url);

/** Replaces every shortcode in `html` by its meaning. */
export function expandShortcodes(html: string, ctx: ShortcodeContext): string {
  let out = html.replace(/\[(caption|wp_caption)([^\]]*)\]([\s\S]*?)\[\/\1\]/gi, (_, _name: string, attrs: string, inner: string) => {
    const caption = shortcodeAttributes(attrs).caption;
    // The caption is the text after the image (or the caption attribute of older exports).
    const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    const image = media ? media[1]! : inner;
    const text = (caption ?? (media ? media[2]! : '')).trim();
    return `<figure>${image}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
  });
  out = out.replace(/\[gallery([^\]]*)\]/gi, (_, attrs: string) => {
    const ids = shortcodeAttributes(attrs).ids;
    const images = ids
      ? ids.split(',').flatMap((id) => {
          const found = ctx.attachment(id.trim());
          if (!found) ctx.warn(`[gallery] names attachment ${id.trim()}, which is not in the export`);
          return found ? [found] : [];
        })
      : ctx.attachedImages;
    if (images.length === 0) ctx.warn('[gallery] has no images in the export');
    return `<p>${images.map((i) => `<img src="${escapeHtml(i.url)}" alt="${escapeHtml(i.alt)}">`).join('\n')}</p>`;
  });
  out = out.replace(/\[embed([^\]]*)\]([\s\S]*?)\[\/embed\]/gi, (_, _attrs: string, url: string) => link(url.trim(), url.trim()));
  out = out.replace(/\[(audio|video)([^\]]*)\](?:([\s\S]*?)\[\/\1\])?/gi, (_, kind: string, attrs: string, inner?: string) => {
    const a = shortcodeAttributes(attrs);
    const url = a.src || a.mp3 || a.m4a || a.ogg || a.wav || a.mp4 || a.webm || a.ogv || a.m4v || a.flv || inner?.trim() || '';
    if (!url) {
      ctx.warn(`[${kind}] has no file`);
      return '';
    }
    return link(url, `${kind === 'audio' ? 'Audio' : 'Video'}: ${fileName(url)}`);
  });
  out = out.replace(/\[playlist([^\]]*)\]/gi, () => {
    ctx.warn('[playlist] is not supported: left out');
    return '';
  });
  // A media URL alone on its line is an oEmbed in WordPress: here a link to it.
  out = out.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (_, url: string) => link(url, url));
  for (const match of out.matchAll(/\[([a-z_][\w-]*)(?=[\s\]/])[^\]]*\]/gi)) {
    if (!KNOWN.has(match[1]!.toLowerCase())) ctx.warn(`unknown shortcode [${match[1]}] kept as text`);
  }
  return out;
}
