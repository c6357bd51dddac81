import LinkifyIt from 'linkify-it';

const linkify = new LinkifyIt(undefined, { fuzzyEmail: false });

export interface TextPart {
  text: string;
  href?: string;
}

/** Splits plain text into text and http(s) links, for display and for counting. */
export function splitLinks(text: string): TextPart[] {
  const matches = (linkify.match(text) ?? []).filter((m) => /^https?:/i.test(m.url));
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of matches) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match.text, href: match.url });
    last = match.lastIndex;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** How many links a text holds, counting bare domains such as example.com too. */
export function countLinks(text: string): number {
  return linkify.match(text)?.length ?? 0;
}
