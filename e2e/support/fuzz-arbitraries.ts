/**
 * fast-check arbitraries for the hardening fuzz specs: request bodies as ordered key/value entries
 * (so a key can be sent twice, or be "__proto__"), mutations of valid bodies, encodings, and headers.
 * Every value is plain data, so fast-check prints a failing case in full and a seed replays it.
 */
import fc from 'fast-check';

export type Entries = [string, unknown][];

/** A body mutation, as data. */
export type Mutation =
  | { op: 'drop'; key: string }
  | { op: 'set'; key: string; value: unknown }
  | { op: 'extra'; key: string; value: unknown }
  | { op: 'duplicate'; key: string; value: unknown }
  | { op: 'replace'; value: unknown }
  | { op: 'bytes'; value: Uint8Array };

export type Encoding = 'json' | 'form' | 'multipart' | 'text' | 'none' | 'odd-type';

/** Printable ASCII and some Latin-1: what a header value may hold on the wire. */
const headerChar = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)) },
);
export const headerValue = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: headerChar, maxLength: 120 }).map((s) => s.trim()) },
  { weight: 2, arbitrary: fc.constantFrom('1', '0', 'gzip', 'null', '[]', '{"__proto__":{"x":1}}', '%7B%7D', '/api/comments', '../../etc/passwd', '() { :; }; echo pwned') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 6000 }).map((n) => 'h'.repeat(n)) },
);

/** Header names worth trying on a Next.js site, plus random tokens. */
const INTERESTING_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-action',
  'next-url',
  'next-hmr-refresh',
  'x-middleware-subrequest',
  'x-middleware-prefetch',
  'x-invoke-path',
  'x-invoke-query',
  'x-invoke-output',
  'x-nextjs-data',
  'x-matched-path',
  'x-now-route-matches',
  'purpose',
  'content-encoding',
  'accept',
  'accept-encoding',
  'accept-language',
  'cookie',
  'referer',
  'user-agent',
  'authorization',
  'x-http-method-override',
  'forwarded',
  'x-real-ip',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'if-none-match',
  'range',
  'sec-fetch-site',
  'sec-fetch-mode',
];
const headerName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INTERESTING_HEADERS) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), minLength: 1, maxLength: 24 }).map((s) => `x-${s}`) },
);

/** A few extra request headers. */
export const extraHeaders = (exclude: string[] = []) =>
  fc.dictionary(
    headerName.filter((name) => !exclude.includes(name)),
    headerValue,
    { maxKeys: 4, noNullPrototype: true },
  );

/** A client address as the site's one trusted proxy would forward it: mostly unique, sometimes shared, sometimes junk. */
export const forwardedFor = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.integer({ min: 1, max: 254 })).map(([a, b, c]) => `100.${a}.${b}.${c}`) },
  { weight: 1, arbitrary: fc.constant('192.0.2.77') },
  { weight: 1, arbitrary: fc.ipV6() },
  { weight: 1, arbitrary: fc.string({ unit: headerChar, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.tuple(fc.ipV4(), fc.ipV4()).map(([a, b]) => `${a}, ${b}`) },
);

/** Strings that have broken parsers, normalisers and databases before. */
export const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u0000\u0000abc',
    '\uD800',
    '\uDFFFx\uD800',
    '\uFEFFname',
    '\u200B\u200C\u200D\u2060',
    '\u202Eevil\u202C',
    '\u2066rtl\u2069',
    'مرحبا بالعالم',
    'שלום',
    '𝕱𝖚𝖟𝖟',
    '👩‍👩‍👧‍👦'.repeat(20),
    'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
    'javascript:alert(1)',
    "'; DROP TABLE comments; --",
    '" OR 1=1 --',
    '__proto__',
    'constructor',
    '{"a":1}',
    '%00%ff',
    '../../../etc/passwd',
    '<script>alert(1)</script>',
    '\r\n\r\nHTTP/1.1 200 OK',
    'https://example.com/' + 'a'.repeat(300),
    'a@b',
    'x@xn--e1afmkfd.xn--p1ai',
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

/** A string far longer than any field allows (or than the body limit). */
export const hugeString = fc
  .tuple(fc.constantFrom(81, 201, 255, 401, 1001, 5001, 6001, 17_000, 60_000), fc.constantFrom('x', 'é', '😀', '\u202E', ' ', '<', '\n', 'я '))
  .map(([n, unit]) => unit.repeat(n));

/** A value of the wrong type, or a string that is wrong in every interesting way. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  nastyString,
  hugeString,
);

/** Mutations of a valid body with these keys. */
export function mutation(keys: string[]): fc.Arbitrary<Mutation> {
  const key = fc.constantFrom(...keys);
  const newKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'status', 'id', 'isEditor', 'is_editor', 'approved', ''), fc.string({ maxLength: 12 }));
  return fc.oneof(
    { weight: 3, arbitrary: key.map((k) => ({ op: 'drop' as const, key: k })) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: wrongValue }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('extra' as const), key: newKey, value: fc.jsonValue({ maxDepth: 2 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), key, value: fc.oneof(fc.string({ maxLength: 20 }), wrongValue) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('bytes' as const), value: fc.uint8Array({ maxLength: 300 }) }) },
  );
}

/** Applies mutations to ordered entries; `replace` and `bytes` stand for the whole body. */
export function applyMutations(entries: Entries, mutations: Mutation[]): { entries: Entries } | { value: unknown } | { bytes: Uint8Array } {
  let current: Entries = entries.map(([k, v]) => [k, v]);
  for (const m of mutations) {
    if (m.op === 'replace') return { value: m.value };
    if (m.op === 'bytes') return { bytes: m.value };
    if (m.op === 'drop') current = current.filter(([k]) => k !== m.key);
    else if (m.op === 'set') current = current.some(([k]) => k === m.key) ? current.map(([k, v]) => [k, k === m.key ? m.value : v]) : [...current, [m.key, m.value]];
    else current = [...current, [m.key, m.value]];
  }
  return { entries: current };
}

/** JSON text for ordered entries, keeping duplicate keys (JSON.stringify of an object cannot). */
export const entriesToJson = (entries: Entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;

const formValue = (value: unknown) => (typeof value === 'string' ? value : value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** application/x-www-form-urlencoded for ordered entries; an array becomes a repeated field. */
export function entriesToForm(entries: Entries): string {
  const params = new URLSearchParams();
  for (const [k, v] of entries) {
    if (Array.isArray(v)) for (const item of v) params.append(k, formValue(item));
    else params.append(k, formValue(v));
  }
  return params.toString();
}

/** multipart/form-data for ordered entries, encoded by the platform's own FormData. */
export async function entriesToMultipart(entries: Entries): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, formValue(v));
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

export const encoding = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Encoding>('json') },
  { weight: 5, arbitrary: fc.constant<Encoding>('form') },
  { weight: 1, arbitrary: fc.constant<Encoding>('multipart') },
  { weight: 1, arbitrary: fc.constant<Encoding>('text') },
  { weight: 1, arbitrary: fc.constant<Encoding>('none') },
  { weight: 1, arbitrary: fc.constant<Encoding>('odd-type') },
);

/** Content types a careless or hostile client sends. */
export const oddContentType = fc.constantFrom(
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json;charset=UTF-16',
  'application/json; charset="iso-8859-1"',
  'application/x-www-form-urlencoded; charset=windows-1251',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json-patch+json',
  'application/vnd.api+json',
  'text/json',
  'application/json, text/plain',
  'application/octet-stream',
  '*/*',
  'application/',
  ';',
  ' application/json ',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'text/html; charset=utf-8',
);

export interface Encoded {
  body?: Buffer;
  contentType?: string;
}

/** Encodes a (mutated) body the way `kind` says. */
export async function encodeBody(kind: Encoding, mutated: ReturnType<typeof applyMutations>, oddType: string): Promise<Encoded> {
  if ('bytes' in mutated) return { body: Buffer.from(mutated.bytes), contentType: kind === 'none' ? undefined : kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' };
  const json = 'value' in mutated ? JSON.stringify(mutated.value) ?? 'null' : entriesToJson(mutated.entries);
  const entries: Entries = 'entries' in mutated ? mutated.entries : [['value', mutated.value]];
  switch (kind) {
    case 'json':
      return { body: Buffer.from(json), contentType: 'application/json' };
    case 'form':
      return { body: Buffer.from('value' in mutated ? json : entriesToForm(entries)), contentType: 'application/x-www-form-urlencoded' };
    case 'multipart': {
      const { body, contentType } = await entriesToMultipart(entries);
      return { body, contentType };
    }
    case 'text':
      return { body: Buffer.from(json), contentType: 'text/plain;charset=UTF-8' };
    case 'none':
      return { body: json.length % 2 === 0 ? Buffer.from(json) : undefined };
    case 'odd-type':
      return { body: Buffer.from(/form/i.test(oddType) ? entriesToForm(entries) : json), contentType: oddType };
  }
}
