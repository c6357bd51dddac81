/** Test helpers: a throw-away content folder with valid registries and the articles a test writes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A 4×3 PNG, enough for image-size to read.
const PNG_4x3 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEklEQVR4nGP4z8AARwzEcQAA1jcL9b3ekN8AAAAASUVORK5CYII=',
  'base64',
);

export interface Fixture {
  root: string;
  contentDir: string;
  publicDir: string;
  /** Writes content/articles/<name>.md with the given front matter lines and body. */
  article(name: string, frontMatter: Record<string, unknown>, body?: string): string;
  cleanup(): void;
}

const REGISTRIES = {
  'authors.yaml': 'staff:\n  name: Staff Writer\n  bio: Writes things.\njdoe-real:\n  name: Jane Doe\n  bio: Covers Kazakhstan.\n',
  'categories.yaml': 'eurasia:\n  name: Eurasia\n  description: Eurasian news.\ngeo-politics:\n  name: Geo Politics\n  description: Diplomacy.\n',
  'tags.yaml':
    'kg:\n  name: KG\n  country: { code: KG, name: Kyrgyzstan }\ntj:\n  name: TJ\n  country: { code: TJ, name: Tajikistan }\n  aliases: [TJK]\nwater:\n  name: Water\n',
};

/** A valid front matter that tests override field by field. */
export function validFrontMatter(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'A valid article',
    summary: 'A short dek.',
    date: '2024-06-06T09:00:00+02:00',
    author: 'staff',
    categories: ['eurasia'],
    tags: ['kg'],
    status: 'published',
    ...overrides,
  };
}

/** Creates a content folder under the OS temp dir with the standard registries and a public/ folder with /images/pic.png. */
export function makeFixture(registries: Partial<typeof REGISTRIES> = {}): Fixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'es-content-'));
  const contentDir = path.join(root, 'content');
  const publicDir = path.join(root, 'public');
  fs.mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
  fs.mkdirSync(path.join(publicDir, 'images'), { recursive: true });
  fs.writeFileSync(path.join(publicDir, 'images', 'pic.png'), PNG_4x3);
  for (const [name, text] of Object.entries({ ...REGISTRIES, ...registries })) fs.writeFileSync(path.join(contentDir, name), text);
  return {
    root,
    contentDir,
    publicDir,
    article(name, frontMatter, body = 'Body text of the article.\n') {
      const yaml = Object.entries(frontMatter)
        .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join('\n');
      const file = path.join(contentDir, 'articles', `${name}.md`);
      fs.writeFileSync(file, `---\n${yaml}\n---\n\n${body}`);
      return file;
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
