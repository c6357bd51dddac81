/**
 * Slugs: WordPress keeps a non-Latin post_name percent-encoded (%d0%b2%d0%be…); the site's slugs are ASCII. The
 * decoded name is transliterated with @sindresorhus/slugify, plus the letters of Kazakh, Kyrgyz, Tajik and Uzbek
 * Cyrillic and of Turkmen, Uzbek and Turkish Latin that its tables leave out or spell the German way (ü → ue).
 */
import slugify from '@sindresorhus/slugify';

const CENTRAL_ASIAN: [string, string][] = [
  // Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic.
  ['Қ', 'Q'], ['қ', 'q'], ['Ғ', 'Gh'], ['ғ', 'gh'], ['Ә', 'A'], ['ә', 'a'], ['Ө', 'O'], ['ө', 'o'], ['Ү', 'U'], ['ү', 'u'],
  ['Ұ', 'U'], ['ұ', 'u'], ['Һ', 'H'], ['һ', 'h'], ['Ң', 'Ng'], ['ң', 'ng'], ['І', 'I'], ['і', 'i'], ['Ҷ', 'J'], ['ҷ', 'j'],
  ['Ӣ', 'I'], ['ӣ', 'i'], ['Ӯ', 'U'], ['ӯ', 'u'], ['Ҳ', 'H'], ['ҳ', 'h'], ['Ў', 'O'], ['ў', 'o'],
  // Turkic Latin: one Latin letter each, as the countries' own romanised addresses write them.
  ['Ü', 'U'], ['ü', 'u'], ['Ö', 'O'], ['ö', 'o'], ['Ä', 'A'], ['ä', 'a'], ['Ş', 'S'], ['ş', 's'], ['Ç', 'C'], ['ç', 'c'],
  ['Ğ', 'G'], ['ğ', 'g'], ['ı', 'i'], ['İ', 'I'], ['Ň', 'N'], ['ň', 'n'], ['Ý', 'Y'], ['ý', 'y'], ['Ž', 'Z'], ['ž', 'z'],
  // Uzbek oʻ / gʻ and apostrophes vanish rather than split a word.
  ['ʻ', ''], ['ʼ', ''], ['‘', ''], ['’', ''], ["'", ''],
];

/** An ASCII slug for any text ("" when nothing transliterates). */
export function slugFrom(text: string): string {
  return slugify(text, { customReplacements: CENTRAL_ASIAN, decamelize: false }).replace(/^-+|-+$/g, '');
}

/** post_name as WordPress meant it: percent-decoded when it was encoded (a malformed sequence is left as it is). */
export function decodePostName(postName: string): string {
  try {
    return decodeURIComponent(postName);
  } catch {
    return postName;
  }
}

/** The slug for a post: from its decoded post_name, else from its title, else post-<id>. */
export function postSlug(postName: string, title: string, id: string): string {
  return slugFrom(decodePostName(postName)) || slugFrom(title) || `post-${id}`;
}

/** Hands out slugs unique among `taken`, suffixing -2, -3… to a repeat. */
export class SlugRegistry {
  private readonly taken = new Set<string>();

  claim(slug: string): string {
    let candidate = slug;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${slug}-${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
