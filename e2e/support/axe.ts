/** axe checks as e2e/a11y.spec.ts runs them, for specs that audit pages in a particular state. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** A readable list of violations, for an assertion message. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : '';
      return `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

/** axe's default rule set, plus every rule tagged WCAG 2.0/2.1 A and AA (some are off by default). */
export async function audit(page: Page): Promise<Violation[]> {
  const byDefault = await new AxeBuilder({ page }).analyze();
  const byTag = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const seen = new Map<string, Violation>();
  for (const v of [...byDefault.violations, ...byTag.violations]) if (!seen.has(v.id)) seen.set(v.id, v);
  return [...seen.values()];
}
