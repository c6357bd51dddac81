import { describe, expect, it } from 'vitest';
import { duplicateForm, keywordMatcher, normaliseForComparison, prepareText, skeleton } from './text-match';

const contains = (keyword: string, text: string) => keywordMatcher(keyword)!.matches(prepareText(text));

describe('normaliseForComparison', () => {
  it.each([
    ['zero-width space', 'cas\u200bino', 'casino'],
    ['zero-width joiner and non-joiner', 'ca\u200dsi\u200cno', 'casino'],
    ['soft hyphen', 'ca\u00adsino', 'casino'],
    ['byte order mark', '\ufeffcasino', 'casino'],
    ['bidi embedding and isolate controls', '\u202ecasino\u202c \u2067x\u2069', 'casino x'],
    ['left-to-right and right-to-left marks', 'cas\u200eino\u200f', 'casino'],
    ['Hangul filler', 'cas\u3164ino', 'casino'],
    ['full-width letters', 'ＣＡＳＩＮＯ', 'casino'],
    ['mathematical bold letters', '𝐜𝐚𝐬𝐢𝐧𝐨', 'casino'],
    ['upper case', 'CaSiNo', 'casino'],
    ['Turkic capital dotted İ', 'CASİNO', 'casino'],
    ['German sharp s, folded in full', 'STRAßE', 'strasse'],
    ['runs of whitespace, tabs, line breaks and no-break spaces', '  buy \t\n followers\u00a0\u00a0now ', 'buy followers now'],
  ])('folds %s', (_case, input, expected) => {
    expect(normaliseForComparison(input)).toBe(expected);
  });

  it('keeps Cyrillic and Turkic Latin letters as they are, only lower-cased', () => {
    expect(normaliseForComparison('Қазақстан Türkmenistan Oʻzbekiston ŞÄHER')).toBe('қазақстан türkmenistan oʻzbekiston şäher');
  });
});

describe('skeleton', () => {
  it('folds Cyrillic and Greek look-alikes to the Latin letters they imitate', () => {
    expect(skeleton('саsinо')).toBe(skeleton('casino'));
    expect(skeleton('cαsinο')).toBe(skeleton('casino'));
  });

  it('folds Greek ν as v in small letters and Cyrillic К as K in capitals', () => {
    expect(contains('viagra', 'νiagra')).toBe(true);
    expect(contains('kazino', 'КАZINO')).toBe(true);
  });

  it('folds look-alikes within Latin too (rn and m, l and I)', () => {
    expect(skeleton('rnodern')).toBe(skeleton('modern'));
  });
});

describe('keywordMatcher', () => {
  it.each([
    ['Cyrillic с and а inside the word', 'visit my саsino site'],
    ['a Greek omicron and alpha', 'visit my cαsinο site'],
    ['a zero-width space inside the word', 'visit my cas\u200bino site'],
    ['a soft hyphen inside the word', 'visit my ca\u00adsino site'],
    ['a right-to-left override around the word', 'visit my \u202ecasino\u202c site'],
    ['full-width letters', 'visit my ｃａｓｉｎｏ site'],
    ['capitals', 'VISIT MY CASINO SITE'],
    ['look-alikes inside an address', 'https://best-cаsino.example'],
  ])('finds "casino" written with %s', (_case, text) => {
    expect(contains('casino', text)).toBe(true);
  });

  it('finds a two-word keyword with one Cyrillic о and the words split by several spaces', () => {
    expect(contains('buy followers', 'buy   fоllowers now')).toBe(true);
  });

  it('finds a whole-word spoof in a script nobody here writes in (Greek and Cherokee capitals)', () => {
    expect(contains('xxx porn', 'ΧΧΧ porn')).toBe(true);
    expect(contains('cas', 'ᏟᎪᏚ')).toBe(true);
  });

  it('finds a Cyrillic keyword spelled with Latin look-alikes inside a Cyrillic word', () => {
    expect(contains('казино', 'лучшее kaзино')).toBe(true);
  });

  it('does not read a Russian word made of look-alike letters as an English keyword', () => {
    // Folded letter by letter, "хор" (choir) would read "xop" and "сосна" (pine) "cocha".
    expect(skeleton('хор')).toBe(skeleton('xop'));
    expect(contains('xop', 'Хор пел в соборе')).toBe(false);
    expect(contains('cocha', 'Сосна растёт у дороги')).toBe(false);
  });

  it('does not read an English word made of look-alike letters as a Russian keyword', () => {
    expect(contains('сор', 'the cop said')).toBe(false);
  });

  it.each([
    ['Russian', 'Казахстан и Узбекистан обсудили водные ресурсы Сырдарьи на встрече в Ташкенте.'],
    ['Russian, letters that all have Latin look-alikes', 'Хор рос, а сосна у моря сохнет; рок, сок, мех, сор.'],
    ['Kazakh', 'Қазақстан мен Өзбекстан Сырдария өзенінің суын бөлісу туралы келісімге қол қойды.'],
    ['Kyrgyz', 'Кыргызстандын өкмөтү жаңы суу саясатын кабыл алды.'],
    ['Kazakh Latin', 'Qazaqstan men Özbekstan Sırdariä özeniniñ suyn bölisu turaly kelisimge qol qoidy. İle özeni de tartyldy.'],
    ['Uzbek Latin', 'Oʻzbekiston va Qozogʻiston Sirdaryo suvidan foydalanish boʻyicha kelishib oldi.'],
    ['Turkmen Latin', 'Türkmenistan bilen Gazagystan Hazar deňzi boýunça täze şertnama baglaşdylar.'],
    ['Uzbek Cyrillic', 'Ўзбекистон ва Қозоғистон сув ресурслари бўйича музокаралар олиб борди.'],
  ])('holds no ordinary %s sentence for any default keyword', (_language, sentence) => {
    const keywords = ['casino', 'viagra', 'cialis', 'payday loan', 'crypto giveaway', 'seo services', 'buy followers', 'xxx porn', 'replica watches'];
    expect(keywords.filter((k) => contains(k, sentence))).toEqual([]);
  });

  it('ignores an empty or invisible keyword', () => {
    expect(keywordMatcher('')).toBeNull();
    expect(keywordMatcher(' \u200b ')).toBeNull();
  });
});

describe('duplicateForm', () => {
  it('is the same for a text and its copy with a zero-width space, a Cyrillic о or other spacing', () => {
    const original = 'Water sharing on the Syr Darya needs a treaty.';
    expect(duplicateForm('Water sharing on the Syr Darya needs a\u200b treaty.')).toBe(duplicateForm(original));
    expect(duplicateForm('Water sharing оn the Syr Darya needs a treaty.')).toBe(duplicateForm(original));
    expect(duplicateForm('water  sharing on the\nSyr Darya needs a treaty.')).toBe(duplicateForm(original));
  });

  it('differs for texts that read differently', () => {
    expect(duplicateForm('Water sharing needs a treaty.')).not.toBe(duplicateForm('Water sharing needs no treaty.'));
    expect(duplicateForm('Сосна растёт.')).not.toBe(duplicateForm('Сосна растет.'));
  });
});
