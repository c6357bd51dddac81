import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from './env';

/** README's configuration table: each variable named in a row's first cell, with the default its second cell gives. */
function readmeTable(): Map<string, string> {
  const readme = fs.readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    const names = [...(cells[0] ?? '').matchAll(/^`([A-Z][A-Z0-9_]*)`$|`([A-Z][A-Z0-9_]*)`(?=,|$)/g)].map((m) => m[1] ?? m[2]!);
    if (names.length === 0 || cells.length < 3) continue;
    // "`PORT`, `HOST` | `3000`, `0.0.0.0`": one default per name, in order.
    const defaults = names.length > 1 ? cells[1]!.split(/,\s*/) : [cells[1]!];
    names.forEach((name, i) => rows.set(name, defaults[i] ?? ''));
  }
  return rows;
}

describe("README's configuration table", () => {
  const table = readmeTable();
  const defaults = envSchema.parse({}) as Record<string, unknown>;

  it('names exactly the variables the schema reads', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("gives each variable's default as the schema has it", () => {
    for (const [name, cell] of table) {
      const value = defaults[name];
      if (value === undefined) {
        // No default in the schema: the table says what happens instead ("—", "generated", a value made from another).
        expect(cell, name).not.toMatch(/^`[^`$]*`$/);
      } else {
        expect(cell, name).toBe(`\`${String(value)}\``);
      }
    }
  });
});
