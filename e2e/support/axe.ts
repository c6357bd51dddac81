/** axe checks as e2e/a11y.spec.ts runs them, for specs that audit pages in a particular state. */
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeRule {
  id: string;
  tags: string[];
  enabled: boolean;
}
// The axe-core that @axe-core/playwright injects (its own copy), read in Node for its rule list.
const axeCore = createRequire(require.resolve('@axe-core/playwright'))('axe-core') as { _audit: { rules: AxeRule[]; tagExclude: string[] } };

/**
 * axe's default rule set plus every rule tagged WCAG 2.0/2.1 A or AA (some are off by default), as two runs (the
 * default one and one by those tags) would choose them: neither runs a rule tagged experimental or deprecated.
 */
export const AUDIT_RULES = axeCore._audit.rules
  .filter((rule) => !rule.tags.some((tag) => axeCore._audit.tagExclude.includes(tag)))
  .filter((rule) => rule.enabled !== false || rule.tags.some((tag) => WCAG_TAGS.includes(tag)))
  .map((rule) => rule.id);

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

/** Audits the page with AUDIT_RULES, in one run of axe. */
export async function audit(page: Page): Promise<Violation[]> {
  return (await new AxeBuilder({ page }).withRules(AUDIT_RULES).analyze()).violations;
}
