/**
 * The import rules of `npm run lint` (README, "Code layout"): a folder back-edge fails ESLint's
 * import/no-restricted-paths zones, and an import circle, type-only or not, fails madge (`npm run lint:cycles`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { libLayers } from '../eslint.config.mjs';

const root = path.resolve(import.meta.dirname, '..');
type Madge = (paths: string[], config: object) => Promise<{ circular(): string[][] }>;
const madge = createRequire(import.meta.url)('madge') as Madge;

const eslint = new ESLint({ cwd: root });
/** The rule ids ESLint reports for `code` as if it were the file `file`. */
async function lintAs(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('folder direction (ESLint zones)', () => {
  it('refuses an import from a folder above: lib/http importing lib/auth', async () => {
    expect(await lintAs('lib/http/fixture.ts', "import { requireEditor } from '../auth/session';\nexport const f = requireEditor;\n")).toContain('import/no-restricted-paths');
  });

  it('refuses a type-only back-edge too: lib/auth importing a type from lib/comments', async () => {
    expect(await lintAs('lib/auth/fixture.ts', "import type { CommentStatus } from '../comments/types';\nexport type S = CommentStatus;\n")).toContain('import/no-restricted-paths');
  });

  it('refuses an import of an entry point from lib/: lib/content importing app/', async () => {
    expect(await lintAs('lib/content/fixture.ts', "import Page from '@/app/page';\nexport const p = Page;\n")).toContain('import/no-restricted-paths');
  });

  it('allows the same import in the direction written down: lib/comments importing lib/auth', async () => {
    expect(await lintAs('lib/comments/fixture.ts', "import { requireEditor } from '../auth/session';\nexport const f = requireEditor;\n")).toEqual([]);
  });

  it('places every folder and top-level module of lib/ in a layer, so none escapes the rule', () => {
    const placed = new Set(libLayers.flat());
    const entries = fs
      .readdirSync(path.join(root, 'lib'), { withFileTypes: true })
      .filter((e) => (e.isDirectory() ? e.name !== 'testing' : !/\.test\./.test(e.name)))
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name.replace(/\.[^.]+$/, '')));
    expect(entries.filter((e) => !placed.has(e))).toEqual([]);
  });
});

describe('import circles (madge, as npm run lint:cycles runs it)', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, '.madgerc'), 'utf8')) as object;

  /** The circles madge finds among `files` (name → source), written to a fresh folder. */
  async function circlesIn(files: Record<string, string>): Promise<string[][]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-circles-'));
    try {
      for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);
      return (await madge([dir], { ...config, baseDir: dir, tsConfig: undefined })).circular();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('finds a circle made by a type-only import (import/no-cycle would skip it)', async () => {
    const circles = await circlesIn({
      'choose.ts': "import { redisEngine } from './engine';\nexport interface Engine { run(): void }\nexport const engine = redisEngine;\n",
      'engine.ts': "import type { Engine } from './choose';\nexport const redisEngine: Engine = { run() {} };\n",
    });
    expect(circles).toEqual([['choose.ts', 'engine.ts']]);
  });

  it('finds none once the interface has its own module', async () => {
    const circles = await circlesIn({
      'types.ts': 'export interface Engine { run(): void }\n',
      'choose.ts': "import { redisEngine } from './engine';\nexport const engine = redisEngine;\n",
      'engine.ts': "import type { Engine } from './types';\nexport const redisEngine: Engine = { run() {} };\n",
    });
    expect(circles).toEqual([]);
  });
});
